// Bounded waits, over real HTTP: a question whose Graph is slow gets a "working…" card within the reply
// deadline that is replaced by the answer; a Graph that throttles everything gets a clear answer within the
// work deadline instead of minutes of retries; a next-page link that loops is read once, and the answer says
// it stopped early.
import { randomUUID } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cardText, onlyCard } from './support/cards';
import { useConnector, type ConnectorCall } from './support/connector';
import { startTestBot, TENANTS, type TestBot } from './support/testBot';

const connector = useConnector();

// A bot per test: the inventory of apps is cached for a minute, and each test breaks Graph differently.
async function botWith(deadlines: { reply: number; work: number }): Promise<{ t: TestBot; placeholder: (c: ConnectorCall) => boolean; typing: (c: ConnectorCall) => boolean }> {
  const conversation = `a:${randomUUID()}`;
  const t = await startTestBot({
    tenantFile: TENANTS.fabrikam,
    serviceUrl: connector.url,
    conversationId: conversation,
    graphTimeoutMs: 5000,
    env: { REPLY_DEADLINE_MS: String(deadlines.reply), WORK_DEADLINE_MS: String(deadlines.work) },
  });
  onTestFinished(() => t.close());
  const here = (c: ConnectorCall) => c.method === 'POST' && c.path.includes(encodeURIComponent(conversation));
  return { t, placeholder: (c) => here(c) && JSON.stringify(c.body).includes('Working on it'), typing: (c) => here(c) && (c.body as { type?: string })?.type === 'typing' };
}

describe('deadlines', () => {
  it('shows typing, then sends "working…" within the reply deadline and replaces it with the answer', async () => {
    const { t, placeholder, typing } = await botWith({ reply: 1000, work: 4000 });
    // Graph holds the listing back until "working…" is out: the answer cannot have been ready before it.
    t.hook = async (r) => {
      if (r.path === '/servicePrincipals' && !r.inBatch) await connector.waitFor(placeholder);
    };
    const started = Date.now();
    const res = await t.send({ type: 'message', text: 'is anything in quarantine?' });
    expect(res.status).toBe(200);
    const sent = await connector.waitFor(placeholder);
    // Within the reply deadline (1 s), with room for a loaded machine.
    expect(Date.now() - started).toBeLessThan(2300);
    const id = connector.answers.get(sent)!.id;
    const update = await connector.waitFor((c) => c.method === 'PUT' && c.path.endsWith(`/activities/${id}`));
    expect(JSON.stringify(update.body)).toContain('Tableau Cloud');
    expect(connector.calls.findIndex(typing)).toBeGreaterThanOrEqual(0);
    expect(connector.calls.findIndex(typing)).toBeLessThan(connector.calls.indexOf(sent));
  });

  it('answers a quick question without a typing indicator first', async () => {
    const { t } = await botWith({ reply: 1000, work: 4000 });
    const replies = await t.ask('help');
    expect(replies.map((a) => a.type)).toEqual(['message']);
  });

  it('answers a Graph that throttles everything within the deadlines: "working…" first, then when to try again', async () => {
    const { t, placeholder } = await botWith({ reply: 500, work: 2500 });
    // The 429 body Microsoft Graph's throttling guidance shows ("Too many requests … Please try again later.").
    t.hook = () => ({ status: 429, headers: { 'Retry-After': '2' }, body: { error: { code: 'TooManyRequests', message: 'Too many requests from Identifier: test. Please try again later.' } } });
    const started = Date.now();
    await t.send({ type: 'message', text: 'is anything in quarantine?' });
    const sent = await connector.waitFor(placeholder);
    const placeholderAt = Date.now() - started;
    const id = connector.answers.get(sent)!.id;
    const update = await connector.waitFor((c) => c.method === 'PUT' && c.path.endsWith(`/activities/${id}`));
    // The reply before the first retry (after 2 s) could end; the answer by the work deadline (2.5 s) plus the
    // machine's slack, before the three retries Graph's SDK would make without it (6 s).
    expect(placeholderAt).toBeLessThan(2000);
    expect(Date.now() - started).toBeLessThan(5500);
    expect(JSON.stringify(update.body)).toContain('Microsoft Graph is busy');
  });
});

describe('paging', () => {
  it('reads a next-page link that repeats once, answers with what was read and says it stopped early', async () => {
    const { t } = await botWith({ reply: 1000, work: 4000 });
    t.hook = (r) => {
      if (r.inBatch || r.path !== '/servicePrincipals') return undefined;
      const value = t.graph.state.servicePrincipals.map(({ id, appId, displayName }) => ({ id, appId, displayName }));
      return { status: 200, body: { value, '@odata.nextLink': `${t.graph.url}/servicePrincipals?$skiptoken=again` } };
    };
    const text = cardText(onlyCard(await t.ask('is anything in quarantine?')));
    const servicePrincipalPages = t.graphRequests.filter((r) => r.method === 'GET' && r.path === '/servicePrincipals' && !r.inBatch);
    expect(servicePrincipalPages.length).toBeLessThanOrEqual(3);
    expect(text).toContain('Tableau Cloud');
    expect(text).toContain('I stopped reading /servicePrincipals');
  });
});
