// Bounded waits, over real HTTP: a question whose Graph is slow gets a "working…" card within the reply
// deadline that is replaced by the answer; a Graph that throttles everything gets a clear answer within the
// work deadline instead of minutes of retries; a next-page link that loops is read once, and the answer says
// it stopped early.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardText, onlyCard } from './support/cards';
import { startConnector, type Connector } from './support/connector';
import { startTestBot, TENANTS, type TestBot } from './support/testBot';

let t: TestBot;
let connector: Connector;
beforeAll(async () => {
  connector = await startConnector();
});
afterAll(() => connector.close());
// A bot per test: the inventory of apps is cached for a minute, and each test breaks Graph differently.
let conversation: string;
beforeEach(async () => {
  conversation = `a:${randomUUID()}`;
  t = await startTestBot({ tenantFile: TENANTS.fabrikam, serviceUrl: connector.url, conversationId: conversation, graphTimeoutMs: 5000, env: { REPLY_DEADLINE_MS: '1000', WORK_DEADLINE_MS: '4000' } });
});
afterEach(() => t.close());

const servicePrincipalPages = () => t.graphRequests.filter((r) => r.method === 'GET' && r.path === '/servicePrincipals' && !r.inBatch);

describe('deadlines', () => {
  it('sends "working…" within the reply deadline and replaces it with the answer', async () => {
    t.hook = async (r) => {
      if (r.path === '/servicePrincipals' && !r.inBatch) await new Promise((resolve) => setTimeout(resolve, 2500));
    };
    const started = Date.now();
    const res = await t.send({ type: 'message', text: 'is anything in quarantine?' });
    expect(res.status).toBe(200);
    const placeholder = await connector.waitFor((c) => c.method === 'POST' && c.path.includes(encodeURIComponent(conversation)) && JSON.stringify(c.body).includes('Working on it'));
    // Before Graph's answer could exist (2.5 s), even on a loaded machine.
    expect(Date.now() - started).toBeLessThan(2300);
    const id = connector.answers.get(placeholder)!.id;
    const update = await connector.waitFor((c) => c.method === 'PUT' && c.path.endsWith(`/activities/${id}`));
    expect(JSON.stringify(update.body)).toContain('Tableau Cloud');
  }, 20_000);

  it('answers a Graph that throttles everything within the deadlines: "working…" first, then when to try again', async () => {
    // The 429 body Microsoft Graph's throttling guidance shows ("Too many requests … Please try again later.").
    t.hook = () => ({ status: 429, headers: { 'Retry-After': '3' }, body: { error: { code: 'TooManyRequests', message: 'Too many requests from Identifier: test. Please try again later.' } } });
    const started = Date.now();
    await t.send({ type: 'message', text: 'is anything in quarantine?' });
    const placeholder = await connector.waitFor((c) => c.method === 'POST' && c.path.includes(encodeURIComponent(conversation)) && JSON.stringify(c.body).includes('Working on it'));
    const placeholderAt = Date.now() - started;
    const id = connector.answers.get(placeholder)!.id;
    const update = await connector.waitFor((c) => c.method === 'PUT' && c.path.endsWith(`/activities/${id}`));
    // The reply before the retry (3 s) could end; the answer by the work deadline (4 s) plus the machine's slack.
    expect(placeholderAt).toBeLessThan(3000);
    expect(Date.now() - started).toBeLessThan(7000);
    expect(JSON.stringify(update.body)).toContain('Microsoft Graph is busy');
  }, 20_000);
});

describe('paging', () => {
  it('reads a next-page link that repeats once, answers with what was read and says it stopped early', async () => {
    t.hook = (r) => {
      if (r.inBatch || r.path !== '/servicePrincipals') return undefined;
      const value = t.graph.state.servicePrincipals.map(({ id, appId, displayName }) => ({ id, appId, displayName }));
      return { status: 200, body: { value, '@odata.nextLink': `${t.graph.url}/servicePrincipals?$skiptoken=again` } };
    };
    const text = cardText(onlyCard(await t.ask('is anything in quarantine?')));
    expect(servicePrincipalPages().length).toBeLessThanOrEqual(3);
    expect(text).toContain('Tableau Cloud');
    expect(text).toContain('I stopped reading /servicePrincipals');
  });
});
