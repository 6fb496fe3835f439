// A Graph-compatible server the project has never seen may serve only what the bot strictly needs: users,
// service principals, jobs, schemas, logs and appRoleAssignedTo, with plain eq filters — no $batch, no
// $search, no startswith, no status filter on logs, no /users/{id}/appRoleAssignments, no groups. Every
// topic must still be diagnosed from that data alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoRequest, DemoResponse } from '../src/demo';
import { startTestBot, TENANTS, type TestBot } from './support/testBot';
import { contoso, expectAnswer, fabrikam } from './support/topicCases';

const unsupported = (what: string): DemoResponse => ({
  status: 400,
  body: { error: { code: 'BadRequest', message: `This server does not support ${what}.` } },
});

/** What the minimal server refuses; everything else is served by the demo tenant as usual. */
function minimalServer(r: DemoRequest): DemoResponse | undefined {
  if (r.path === '/$batch') return { status: 404, body: { error: { code: 'NotFound', message: 'No route for /$batch' } } };
  if (r.query.$search) return unsupported('$search');
  const filter = r.query.$filter ?? '';
  if (/startswith|provisioningStatusInfo/i.test(filter)) return unsupported(`this filter: ${filter}`);
  if (/^\/users\/[^/]+\/(appRoleAssignments|memberOf)$/i.test(r.path) || r.path.startsWith('/groups')) return unsupported(`the segment ${r.path}`);
  return undefined;
}

describe.each([
  ['contoso', TENANTS.contoso, contoso],
  ['fabrikam', TENANTS.fabrikam, fabrikam],
] as const)('a minimal Graph-compatible server with the %s data', (_name, tenantFile, cases) => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ tenantFile });
    t.hook = minimalServer;
  });
  afterAll(() => t.close());

  // Groups are not served here at all, so group questions are left to the full suites.
  it.each(cases.filter((c) => !/group/i.test(c.ask)).map((c) => [c.ask, c] as const))('%s', async (_ask, c) => {
    await expectAnswer(t, c);
  });

  it('never needed what the server refused more than once (it learned there is no $batch)', () => {
    expect(t.graphRequests.filter((r) => r.path === '/$batch')).toHaveLength(1);
  });
});
