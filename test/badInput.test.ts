// Bad input and a bad Graph: every case gets a clear answer card, never a crash or a silent turn.
import { afterEach, describe, expect, it } from 'vitest';
import { cardButtons, cardText, onlyCard } from './support/cards';
import { sampleTenant } from './support/phrases';
import { TENANTS, useTestBot } from './support/testBot';

const t = useTestBot({ graphTimeoutMs: 800 });
afterEach(() => {
  t.graphRequests.length = 0;
});

const graphError = (status: number, code: string, message: string, headers: Record<string, string> = {}) => ({
  status,
  headers,
  body: { error: { code, message, innerError: { 'request-id': 'test-request-id', date: new Date().toISOString() } } },
});

async function answerTo(text: string): Promise<string> {
  return cardText(onlyCard(await t.ask(text)));
}

describe('what the admin types', () => {
  it('answers an empty message with help', async () => {
    expect(await answerTo('')).toContain('Ask me about');
    expect(await answerTo('   ')).toContain('Ask me about');
  });

  it('answers a 20 KB message without choking, in a card under 28 KB', async () => {
    const replies = await t.ask(`why was jane skipped? ${'lorem ipsum '.repeat(1700)}`);
    const card = onlyCard(replies);
    expect(JSON.stringify(card).length).toBeLessThan(28 * 1024);
    expect(cardText(card)).toContain('Jane Doe');
  });

  it('reads through Teams mentions and markup', async () => {
    const text = await answerTo('<at>Provisioning Assistant</at>&nbsp;why was <b>jane</b> skipped?');
    expect(text).toContain('Jane Doe');
    expect(text).toContain('scoping filter');
  });

  it("keeps OData syntax in a name as text: the quote is doubled, so ' or 1 eq 1 matches nobody", async () => {
    const text = await answerTo("why was jane' or 1 eq 1 skipped?");
    expect(text).toContain('couldn');
    expect(text).toContain("jane' or 1 eq 1");
    const filters = t.graphRequests.filter((r) => r.path === '/users' && r.query.$filter).map((r) => r.query.$filter);
    expect(filters.length).toBeGreaterThan(0);
    expect(filters[0]).toContain("startswith(displayName,'jane'' or 1 eq 1')");
  });

  it('finds a name with an apostrophe by escaping it', async () => {
    expect(await answerTo("why was Liam O'Brien skipped")).toContain("Liam O'Brien");
    const filter = t.graphRequests.find((r) => r.path === '/users')?.query.$filter ?? '';
    expect(filter).toContain("O''Brien");
  });

  it('does not let a name smuggle card template syntax or markdown into the card', async () => {
    const text = await answerTo('why was ${jane} [click](https://evil.example) skipped?');
    expect(text).toContain('couldn');
    expect(text).toContain('${jane}');
  });
});

describe('when Microsoft Graph fails', () => {
  it('still diagnoses on 403 from the provisioning logs, naming the permission and role that would show them', async () => {
    t.hook = (r) =>
      r.path === '/auditLogs/provisioning' ? graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.') : undefined;
    const text = await answerTo('why was jane skipped?');
    expect(text).toContain('The provisioning logs could not be read');
    expect(text).toContain('AuditLog.Read.All');
    expect(text).toContain('Reports Reader');
    expect(text).toContain('scoping filter');
  });

  it('names the Synchronization permission the app requests when jobs cannot be read', async () => {
    t.hook = (r) => (r.path.endsWith('/synchronization/jobs') ? graphError(403, 'Forbidden', 'Access denied') : undefined);
    const text = await answerTo('is ServiceNow in quarantine?');
    expect(text).toContain('Synchronization.ReadWrite.All');
  });

  it('retries a short 429 and answers normally', async () => {
    let throttled = 0;
    t.hook = (r) => (r.path === '/auditLogs/provisioning' && throttled++ === 0 ? graphError(429, 'TooManyRequests', 'Too many requests', { 'Retry-After': '1' }) : undefined);
    expect(await answerTo('why was jane skipped?')).toContain('scoping filter');
    expect(throttled).toBe(2);
  });

  it('says when to try again when Graph asks for a long wait', async () => {
    t.hook = (r) => (r.path === '/auditLogs/provisioning' ? graphError(429, 'TooManyRequests', 'Too many requests', { 'Retry-After': '120' }) : undefined);
    const text = await answerTo('why was jane skipped?');
    expect(text).toContain('Microsoft Graph is busy');
    expect(text).toContain('Try again in 120 seconds');
  });

  it('explains a 500 from Graph', async () => {
    t.hook = (r) => (r.path === '/users' ? graphError(500, 'InternalServerError', 'Something broke') : undefined);
    const text = await answerTo('why was jane skipped?');
    expect(text).toContain('Microsoft Graph did not answer');
    expect(text).toContain('Nothing was changed');
  });

  it('explains a 400 from Graph with what it objected to', async () => {
    t.hook = (r) => (r.path === '/users' ? graphError(400, 'Request_UnsupportedQuery', 'Unsupported Query.') : undefined);
    const text = await answerTo('why was jane skipped?');
    expect(text).toContain('Microsoft Graph refused the request');
    expect(text).toContain('Unsupported Query.');
  });

  it('explains a Graph that does not answer in time', async () => {
    t.hook = (r) => (r.path === '/auditLogs/provisioning' ? { status: 200, body: { value: [] }, delayMs: 3000 } : undefined);
    const text = await answerTo('why was jane skipped?');
    expect(text).toContain('did not answer in time');
  });

  it('explains malformed JSON from Graph instead of guessing', async () => {
    t.hook = (r) => (r.path === '/auditLogs/provisioning' ? { status: 200, rawBody: '{"value": [ {"id": ' } : undefined);
    const text = await answerTo('why was jane skipped?');
    expect(text).toContain('could not read');
  });

  it('says an app picked earlier no longer exists (deleted service principal)', async () => {
    const choice = onlyCard(await t.ask('how is sales doing?'));
    const button = cardButtons(choice).find((b) => b.title === 'Salesforce Sandbox')!;
    t.hook = (r) => (r.path.startsWith(`/servicePrincipals/${button.data!.spId}`) ? graphError(404, 'Request_ResourceNotFound', `Resource '${button.data!.spId}' does not exist.`) : undefined);
    const answer = await t.invoke(button.verb!, button.data);
    expect(answer.status).toBe(200);
    expect(cardText(answer.body.value as Record<string, unknown>)).toContain('no longer exists');
  });
});

describe('malformed requests', () => {
  it('answers a card click with tampered data with an error card and no Graph call', async () => {
    for (const data of [undefined, 'x', { topic: 'skipped', principalKind: 'user', principalId: 'not-a-guid' }, { topic: 'nope' }, { topic: 'status', spId: "1' or 1 eq 1", jobId: 'x' }]) {
      const answer = await t.invoke('chooseSubject', data);
      expect(answer.status).toBe(200);
      expect(cardText(answer.body.value as Record<string, unknown>)).toContain('not valid');
    }
    expect(t.graphRequests).toHaveLength(0);
  });

  it('refuses a body that is not JSON with 400 and keeps serving', async () => {
    const res = await t.post('{"type": "message", ', 'application/json');
    expect(res.status).toBe(400);
    expect(await answerTo('help')).toContain('Ask me about');
  });

  it('serves a health check', async () => {
    const res = await fetch(`${t.bot.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', mode: 'local', storage: 'ok', graph: 'ok' });
  });
});

describe("the bot's share of Graph's provisioning-log limit, used up", () => {
  // One log read per 10 s and a short work deadline: a second question about someone else cannot wait for it.
  const tenantFile = TENANTS.fabrikam;
  const names = sampleTenant(tenantFile);
  const busy = useTestBot({ tenantFile, env: { GRAPH_LOG_REQUESTS_PER_10S: '1', REPLY_DEADLINE_MS: '1500', WORK_DEADLINE_MS: '1500' } });

  it('says the log reads asked just now used it, not that Graph is busy, and when to ask again', async () => {
    const [first, second] = names.people;
    await busy.ask(`why was ${first.first.toLowerCase()} skipped?`);
    const text = cardText(onlyCard(await busy.ask(`why was ${second.first.toLowerCase()} skipped?`)));
    expect(text).toContain('Too many provisioning-log reads at once');
    expect(text).not.toContain('Microsoft Graph is busy');
    expect(text).toMatch(/Try again in (?:1 second|(?:[2-9]|10) seconds)\./);
  });
});
