import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BotError } from '../errors';
import { graphPath } from './endpoints';
import { BATCHES_IN_FLIGHT, GraphGateway } from './gateway';
import { odataString } from './odataText';
import { QUESTION_PAGE_CAP, withinQuestion } from './questionScope';
import { RequestBudget } from './requestBudget';
import { NO_PREMIUM_LICENCE_403, SERVICE_PRINCIPALS_DELTA_FIRST_PAGE, SYNC_401_UNKNOWN_ERROR } from '../../test/fixtures/graphSamples';

// A minimal Graph stand-in on loopback: each test installs the handler it needs and reads what was sent.
type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
let handler: Handler;
let server: Server;
let base: string;
const seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];

function json(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req-123', ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(() => {
  seen.length = 0;
});

let tenant = 0;
const gateway = (extra: Partial<ConstructorParameters<typeof GraphGateway>[0]> = {}) =>
  new GraphGateway({ baseUrl: base, tenantKey: `t${tenant++}`, timeoutMs: 1000, ...extra });

describe('GraphGateway', () => {
  it('follows @odata.nextLink to the end and keeps the query encoded', async () => {
    handler = (req, _b, res) => {
      const page = new URL(req.url!, 'http://x').searchParams.get('$skiptoken');
      if (!page) return json(res, 200, { value: [{ id: 1 }, { id: 2 }], '@odata.nextLink': `${base}/users?$skiptoken=p2` });
      if (page === 'p2') return json(res, 200, { value: [{ id: 3 }], '@odata.nextLink': `${base}/users?$skiptoken=p3` });
      return json(res, 200, { value: [{ id: 4 }] });
    };
    const items = await gateway().list<{ id: number }>('/users', { filter: `startswith(displayName,${odataString("O'Brien & co")})`, top: 2 });
    expect(items.map((i) => i.id)).toEqual([1, 2, 3, 4]);
    expect(seen).toHaveLength(3);
    const first = new URL(seen[0].url, 'http://x');
    expect(first.pathname).toBe('/v1.0/users');
    expect(first.searchParams.get('$filter')).toBe("startswith(displayName,'O''Brien & co')");
  });

  it('refuses a next-page link that leaves the Graph root, so a token never goes elsewhere', async () => {
    handler = (_req, _b, res) => json(res, 200, { value: [{ id: 1 }], '@odata.nextLink': 'http://127.0.0.2:1/v1.0/users?$skiptoken=x' });
    await expect(gateway().list('/users')).rejects.toMatchObject({ code: 'graph-bad-response' });
  });

  it('sends ConsistencyLevel: eventual with $search and $count', async () => {
    handler = (_req, _b, res) => json(res, 200, { value: [] });
    await gateway().get('/servicePrincipals', { search: '"displayName:sales"', count: true });
    expect(seen[0].headers.consistencylevel).toBe('eventual');
  });

  it('retries a 429 after the Retry-After it was given', async () => {
    let calls = 0;
    handler = (_req, _b, res) => (++calls === 1 ? json(res, 429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'Retry-After': '1' }) : json(res, 200, { ok: true }));
    const started = Date.now();
    expect(await gateway().get('/users/x')).toEqual({ ok: true });
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('does not keep the user waiting for a long Retry-After: it says when to try again', async () => {
    handler = (_req, _b, res) => json(res, 429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'Retry-After': '120' });
    const error = await gateway({ maxRetryWaitSeconds: 5 }).get('/users').catch((e) => e);
    expect(error).toBeInstanceOf(BotError);
    expect(error.code).toBe('graph-throttled');
    expect(error.details.retryAfter).toBe(120);
    expect(seen).toHaveLength(1);
  });

  it('names the missing permission and roles on 403', async () => {
    handler = (_req, _b, res) => json(res, 403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } });
    const error = await gateway().get('/auditLogs/provisioning').catch((e) => e);
    expect(error.code).toBe('graph-forbidden');
    expect(error.details.permissions).toContain('AuditLog.Read.All');
    expect(error.details.roles).toContain('Reports Reader');
    expect(error.details.requestId).toBe('req-123');
  });

  it('reads 401 UnknownError from the synchronization API as a missing permission, not an expired sign-in', async () => {
    handler = (_req, _b, res) => json(res, SYNC_401_UNKNOWN_ERROR.status, SYNC_401_UNKNOWN_ERROR.body);
    const error = await gateway().get('/servicePrincipals/00000000-0000-0000-0000-000000000001/synchronization/jobs').catch((e) => e);
    expect(error.code).toBe('graph-forbidden');
    expect(error.details.permissions).toContain('Synchronization.Read.All');
    expect(error.details.roles).not.toContain('Global Reader');
    expect(error.details.note).toMatch(/Global Reader is not enough/);
    // Elsewhere a 401 still means the token was not accepted.
    expect((await gateway().get('/users').catch((e) => e)).code).toBe('graph-unauthorized');
  });

  it('tells a tenant without an Entra ID P1/P2 licence apart from a missing permission', async () => {
    handler = (_req, _b, res) => json(res, NO_PREMIUM_LICENCE_403.status, NO_PREMIUM_LICENCE_403.body);
    const error = await gateway().get('/auditLogs/provisioning').catch((e) => e);
    expect(error.code).toBe('licence-required');
    expect(error.message).toMatch(/P1 or P2/);
  });

  it('turns a body that is not JSON into a clear error', async () => {
    handler = (_req, _b, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"value": [ {"id": ');
    };
    await expect(gateway().get('/users')).rejects.toMatchObject({ code: 'graph-bad-response' });
  });

  it('gives up on a server that does not answer in time, without retrying for minutes', async () => {
    handler = () => undefined; // never answers
    const started = Date.now();
    await expect(gateway({ timeoutMs: 300 }).get('/users')).rejects.toMatchObject({ code: 'graph-timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('maps 404 and 5xx to their own codes', async () => {
    handler = (_req, _b, res) => json(res, 404, { error: { code: 'Request_ResourceNotFound', message: 'gone' } });
    await expect(gateway().get('/users/x')).rejects.toMatchObject({ code: 'graph-not-found' });
    handler = (_req, _b, res) => json(res, 500, { error: { code: 'InternalServerError', message: 'boom' } });
    await expect(gateway().get('/users/x')).rejects.toMatchObject({ code: 'graph-unavailable' });
  });

  it('batches 20 requests per $batch and retries sub-requests answered 429', async () => {
    const attempts = new Map<string, number>();
    handler = (req, body, res) => {
      if (req.url !== '/v1.0/$batch') return json(res, 200, { url: req.url!.replace('/v1.0', '') }); // a lone retry goes unbatched
      const { requests } = JSON.parse(body) as { requests: Array<{ id: string; url: string }> };
      expect(requests.length).toBeLessThanOrEqual(20);
      json(res, 200, {
        responses: requests.map((r) => {
          const n = (attempts.get(r.id) ?? 0) + 1;
          attempts.set(r.id, n);
          return r.id === '7' && n === 1
            ? { id: r.id, status: 429, headers: { 'Retry-After': '0' }, body: { error: { code: 'TooManyRequests', message: '' } } }
            : { id: r.id, status: 200, body: { url: r.url } };
        }),
      });
    };
    const requests = Array.from({ length: 45 }, (_, i) => ({ id: String(i), method: 'GET' as const, url: `/users/${i}` }));
    const out = await gateway().batch<{ url: string }>(requests);
    expect(out.size).toBe(45);
    expect([...out.values()].every((o) => o.ok)).toBe(true);
    expect(out.get('7')).toMatchObject({ ok: true, body: { url: '/users/7' } });
    expect(seen.filter((s) => s.url === '/v1.0/$batch')).toHaveLength(3);
    expect(seen.filter((s) => s.url === '/v1.0/users/7')).toHaveLength(1);
  });

  it('keeps at most BATCHES_IN_FLIGHT $batch requests open at once, however many are needed', async () => {
    let open = 0;
    let most = 0;
    handler = (_req, body, res) => {
      open++;
      most = Math.max(most, open);
      const { requests } = JSON.parse(body) as { requests: Array<{ id: string }> };
      setTimeout(() => {
        open--;
        json(res, 200, { responses: requests.map((r) => ({ id: r.id, status: 200, body: {} })) });
      }, 20);
    };
    const out = await gateway().batch(Array.from({ length: 200 }, (_, i) => ({ id: String(i), method: 'GET' as const, url: `/servicePrincipals/${i}/synchronization/jobs` })));
    expect(out.size).toBe(200);
    expect(seen).toHaveLength(10);
    expect(most).toBe(BATCHES_IN_FLIGHT);
  });

  it('falls back to single requests where the server has no $batch', async () => {
    handler = (req, _b, res) =>
      req.url === '/v1.0/$batch' ? json(res, 404, { error: { code: 'NotFound', message: 'no batch' } }) : json(res, 200, { path: req.url });
    const out = await gateway().batch([
      { id: 'a', method: 'GET', url: '/users/a' },
      { id: 'b', method: 'GET', url: '/users/b' },
    ]);
    expect(out.get('a')).toMatchObject({ ok: true, body: { path: '/v1.0/users/a' } });
    expect(out.get('b')).toMatchObject({ ok: true, body: { path: '/v1.0/users/b' } });
  });

  it('sends the small batches one question starts together as one $batch, and never mixes two questions', async () => {
    handler = (_req, body, res) =>
      json(res, 200, { responses: (JSON.parse(body).requests as Array<{ id: string; url: string }>).map((r) => ({ id: r.id, status: 200, body: { url: r.url } })) });
    const g = gateway();
    const ask = (user: string) =>
      withinQuestion({ deadlineMs: 5000, user }, () =>
        Promise.all([
          g.batch([{ id: 'users', method: 'GET', url: `/users?who=${user}` }]),
          g.batch([
            { id: 'users', method: 'GET', url: `/groups?who=${user}` },
            { id: 'apps', method: 'GET', url: `/servicePrincipals?who=${user}` },
          ]),
        ]),
      );
    const [ada, ben] = await Promise.all([ask('ada'), ask('ben')]);
    expect(seen.map((r) => r.url.split('/').pop())).toEqual(['$batch', '$batch']);
    for (const request of seen) expect(new Set((JSON.parse(request.body).requests as Array<{ url: string }>).map((r) => r.url.split('who=')[1])).size).toBe(1);
    expect(ada[0].get('users')).toMatchObject({ ok: true, body: { url: '/users?who=ada' } });
    expect(ada[1].get('users')).toMatchObject({ ok: true, body: { url: '/groups?who=ada' } });
    expect(ben[1].get('apps')).toMatchObject({ ok: true, body: { url: '/servicePrincipals?who=ben' } });
  });

  it('answers reads sharing a $batch each on their own: one throttled past the deadline fails alone, and at once', async () => {
    // A throttled sub-request as Graph's error format (learn.microsoft.com/graph/errors) and throttling guidance
    // (learn.microsoft.com/graph/throttling) describe it: 429, Retry-After, error code TooManyRequests.
    handler = (_req, body, res) =>
      json(res, 200, {
        responses: (JSON.parse(body).requests as Array<{ id: string; url: string }>).map((r) =>
          r.url === '/a' ? { id: r.id, status: 200, body: { name: 'a' } } : { id: r.id, status: 429, headers: { 'Retry-After': '2' }, body: { error: { code: 'TooManyRequests', message: 'Too many requests' } } },
        ),
      });
    const g = gateway();
    const started = Date.now();
    const [a, b, c] = await withinQuestion({ deadlineMs: 1000, user: 'ada' }, () =>
      Promise.allSettled([g.get<{ name: string }>('/a'), g.get('/b'), g.get('/c')]),
    );
    expect(Date.now() - started).toBeLessThan(900);
    expect(a).toMatchObject({ status: 'fulfilled', value: { name: 'a' } });
    for (const throttled of [b, c]) expect(throttled).toMatchObject({ status: 'rejected', reason: { code: 'graph-throttled' } });
    expect(seen.filter((r) => r.url.endsWith('/$batch'))).toHaveLength(1);
  });

  it('reports a failed sub-request with its own error and keeps the others', async () => {
    handler = (_req, body, res) =>
      json(res, 200, {
        responses: (JSON.parse(body).requests as Array<{ id: string }>).map((r) =>
          r.id === 'gone' ? { id: r.id, status: 404, body: { error: { code: 'Request_ResourceNotFound', message: 'x' } } } : { id: r.id, status: 200, body: {} },
        ),
      });
    const out = await gateway().batch([
      { id: 'gone', method: 'GET', url: '/servicePrincipals/1' },
      { id: 'here', method: 'GET', url: '/servicePrincipals/2' },
    ]);
    expect(out.get('gone')).toMatchObject({ ok: false, status: 404 });
    expect((out.get('gone') as { error: BotError }).error.code).toBe('graph-not-found');
    expect(out.get('here')).toMatchObject({ ok: true });
  });

  it('sends the bearer token from its provider, to the stand-in too', async () => {
    handler = (_req, _b, res) => json(res, 200, {});
    await gateway({ tokens: { getToken: async () => 'abc.def' } }).get('/users/me');
    expect(seen[0].headers.authorization).toBe('Bearer abc.def');
  });
});

describe('graphPath', () => {
  it('percent-encodes every query value so names with & # + stay one value', () => {
    const path = graphPath('/users', { filter: "displayName eq 'AT&T #1 + co'", select: ['id', 'displayName'], top: 5 });
    const url = new URL(path, 'http://x');
    expect(url.searchParams.get('$filter')).toBe("displayName eq 'AT&T #1 + co'");
    expect(url.searchParams.get('$select')).toBe('id,displayName');
    expect(url.searchParams.get('$top')).toBe('5');
  });
});

describe('GraphGateway paging bounds', () => {
  const page = (link: string | undefined, items = [{ id: 1 }]) => ({ value: items, ...(link ? { '@odata.nextLink': link } : {}) });

  it('stops on a next-page link that points to itself, answers with what was read and notes it', async () => {
    handler = (_req, _b, res) => json(res, 200, page(`${base}/users?$skiptoken=same`));
    const { items, notes } = await withinQuestion({ deadlineMs: 5000, user: 'a' }, async (scope) => ({ items: await gateway().list('/users'), notes: scope.notes }));
    expect(seen).toHaveLength(2);
    expect(items).toHaveLength(2);
    expect(notes).toEqual([expect.stringContaining('sent a next-page link it had sent before')]);
  });

  it('stops on an empty page that still links to another', async () => {
    let n = 0;
    handler = (_req, _b, res) => json(res, 200, page(`${base}/users?$skiptoken=${n++}`, n > 1 ? [] : [{ id: 1 }]));
    const result = await gateway().listBounded('/users');
    expect(seen).toHaveLength(2);
    expect(result).toEqual({ items: [{ id: 1 }], truncated: expect.stringContaining('empty page') });
  });

  it('caps the pages of one question across its lists', async () => {
    let n = 0;
    handler = (_req, _b, res) => json(res, 200, page(`${base}/users?$skiptoken=${n++}`));
    const g = gateway();
    const results = await withinQuestion({ deadlineMs: 60_000, user: 'a' }, async () => {
      const out = [];
      for (let i = 0; i < 4; i++) out.push(await g.listBounded('/users'));
      return out;
    });
    expect(seen).toHaveLength(QUESTION_PAGE_CAP);
    expect(results.map((r) => r.truncated)).toEqual([expect.stringContaining('100 pages'), expect.stringContaining('100 pages'), expect.stringContaining('100 pages'), expect.stringContaining(`${QUESTION_PAGE_CAP} pages`)]);
  }, 30_000);
});

describe('GraphGateway deadline', () => {
  it('retries a throttled request only within the question deadline, then says Graph is busy', async () => {
    handler = (_req, _b, res) => json(res, 429, { error: { code: 'TooManyRequests', message: 'Too many requests' } }, { 'Retry-After': '2' });
    const started = Date.now();
    await expect(withinQuestion({ deadlineMs: 1500, user: 'a' }, () => gateway().get('/users'))).rejects.toMatchObject({ code: 'graph-throttled' });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(seen).toHaveLength(1);
  });

  it('cuts an attempt off at the deadline even when the per-request time-out is longer', async () => {
    handler = (_req, _b, res) => setTimeout(() => json(res, 200, {}), 3000);
    const started = Date.now();
    await expect(withinQuestion({ deadlineMs: 500, user: 'a' }, () => gateway({ timeoutMs: 10_000 }).get('/users'))).rejects.toMatchObject({ code: 'graph-timeout' });
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe('provisioning-log reads', () => {
  it("answers the same admin's repeated log question from a short cache, but not another admin's", async () => {
    handler = (_req, _b, res) => json(res, 200, { value: [{ id: 'log-1' }] });
    const g = gateway({ logCacheMs: 30_000 });
    const ask = (user: string) => withinQuestion({ deadlineMs: 5000, user }, () => g.get('/auditLogs/provisioning', { filter: "jobId eq 'x'" }));
    await ask('ada');
    await ask('ada');
    expect(seen).toHaveLength(1);
    await ask('grace');
    expect(seen).toHaveLength(2);
  });

  it('reads the logs again after a change made through the gateway', async () => {
    handler = (_req, _b, res) => json(res, 200, { value: [] });
    const g = gateway({ logCacheMs: 30_000 });
    const ask = () => withinQuestion({ deadlineMs: 5000, user: 'ada' }, () => g.get('/auditLogs/provisioning', { filter: "jobId eq 'y'" }));
    await ask();
    await g.write('POST', '/servicePrincipals/x/synchronization/jobs/y/start');
    await ask();
    expect(seen.filter((r) => r.url.startsWith('/v1.0/auditLogs'))).toHaveLength(2);
  });
});

describe('RequestBudget', () => {
  it('gives slots round-robin across users: one admin\'s burst does not delay another admin', async () => {
    const budget = new RequestBudget(1, 100);
    const order: string[] = [];
    await budget.take({ user: 'a' });
    const burst = Array.from({ length: 5 }, (_, i) => budget.take({ user: 'a' }).then(() => order.push(`a${i}`)));
    const other = budget.take({ user: 'b' }).then(() => order.push('b'));
    await Promise.all([...burst, other]);
    expect(order.indexOf('b')).toBe(1);
  });

  it('refuses at once, with when to try, a caller whose maximum wait ends before the next slot frees', async () => {
    const budget = new RequestBudget(1, 10_000);
    await budget.take();
    const started = Date.now();
    await expect(budget.take({ maxWaitMs: 5_000 })).rejects.toMatchObject({ code: 'graph-throttled', details: { retryAfter: 10, budget: 'provisioning-logs' } });
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('tells a caller the limit is busy and when to try, instead of waiting past its maximum wait', async () => {
    const budget = new RequestBudget(1, 10_000);
    await budget.take();
    const started = Date.now();
    await expect(budget.take({ maxWaitMs: 100 })).rejects.toMatchObject({ code: 'graph-throttled', details: { retryAfter: expect.any(Number) } });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses at once when the queue is full', async () => {
    const budget = new RequestBudget(1, 300, Date.now, 2);
    await budget.take();
    const queued = [budget.take({ maxWaitMs: 1000 }), budget.take({ maxWaitMs: 1000 })];
    await expect(budget.take()).rejects.toMatchObject({ code: 'graph-throttled' });
    await Promise.allSettled(queued);
  });

  it('queues the sixth request of a window instead of failing it, and lets it through when a slot frees', async () => {
    const budget = new RequestBudget(5, 300);
    const started = Date.now();
    for (let i = 0; i < 5; i++) await budget.take();
    let sixth = false;
    const pending = budget.take().then(() => (sixth = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(sixth).toBe(false);
    await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('delta', () => {
  it("follows Graph's published first page to the round's deltaLink, keeping every item", async () => {
    // The published page names graph.microsoft.com; here it is served from the stand-in's root.
    const first = JSON.parse(JSON.stringify(SERVICE_PRINCIPALS_DELTA_FIRST_PAGE).split('https://graph.microsoft.com/v1.0').join(base));
    handler = (req, _body, res) => {
      if (req.url!.includes('$skiptoken=')) {
        // The last page of the round: a removed service principal (the shape Graph's delta overview documents).
        json(res, 200, { value: [{ id: '11111111-1111-4111-8111-111111111111', '@removed': { reason: 'changed' } }], '@odata.deltaLink': `${base}/servicePrincipals/delta?$deltatoken=round2` });
      } else json(res, 200, first);
    };
    const gateway = new GraphGateway({ baseUrl: base, tenantKey: 'delta-spec' });
    const round = await gateway.delta<Record<string, unknown>>('/servicePrincipals/delta?$deltatoken=latest');
    expect(round.items).toHaveLength(2);
    expect(round.items[0]).toMatchObject({ appDisplayName: 'appDisplayName-value' });
    expect(round.items[1]).toMatchObject({ '@removed': { reason: 'changed' } });
    expect(round.deltaLink).toBe('/servicePrincipals/delta?$deltatoken=round2');
  });
});
