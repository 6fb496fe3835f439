// A Graph-compatible server the project has never seen may serve only what the bot strictly needs: users,
// service principals, jobs, schemas, logs and appRoleAssignedTo, with plain eq filters — no $batch, no
// $search, no startswith, no status filter on logs, no /users/{id}/appRoleAssignments, no groups. Every
// topic must still be diagnosed from that data alone.
import { describe, expect, it } from 'vitest';
import type { DemoRequest, DemoResponse } from '../src/demo';
import { cardButtons, cardText, onlyCard } from './support/cards';
import { TENANTS, useTestBot, type Card } from './support/testBot';
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
  const t = useTestBot({ tenantFile, hook: minimalServer });

  // Groups are not served here at all, so group questions are left to the full suites.
  it.each(cases.filter((c) => !/group/i.test(c.ask)).map((c) => [c.ask, c] as const))('%s', async (_ask, c) => {
    await expectAnswer(t, c);
  });

  it('makes the right changes when its remedy buttons are clicked through', async () => {
    const quarantined = cases.find((c) => c.offers?.includes('clearQuarantine'))!;
    const diagnosis = onlyCard(await t.ask(quarantined.ask));
    const clear = cardButtons(diagnosis).find((b) => b.verb === 'clearQuarantine')!;
    const confirmation = (await t.invoke(clear.verb!, clear.data)).body.value as Card;
    const confirm = cardButtons(confirmation).find((b) => b.verb === 'clearQuarantine')!;
    const result = cardText((await t.invoke(confirm.verb!, confirm.data)).body.value as Card);
    expect(result).toContain('Quarantine → Active');
    const sp = t.graph.state.servicePrincipals.find((x) => x.id === clear.data!.spId)!;
    expect(t.graph.state.synchronization[sp.id].jobs[0].status?.code).toBe('Active');

    const entitled = cases.find((c) => c.offers?.includes('reassignUser'))!;
    const reassign = cardButtons(onlyCard(await t.ask(entitled.ask))).find((b) => b.verb === 'reassignUser')!;
    const before = t.graph.state.appRoleAssignments.filter((a) => a.principalId === reassign.data!.userId && a.resourceId === reassign.data!.spId);
    const review = (await t.invoke(reassign.verb!, reassign.data)).body.value as Card;
    const go = cardButtons(review).find((b) => b.verb === 'reassignUser')!;
    expect(cardText((await t.invoke(go.verb!, go.data)).body.value as Card)).toContain('re-assigned');
    const after = t.graph.state.appRoleAssignments.filter((a) => a.principalId === reassign.data!.userId && a.resourceId === reassign.data!.spId);
    expect(after.map((a) => a.appRoleId)).toEqual(before.map((a) => a.appRoleId));
    expect(after.map((a) => a.id)).not.toEqual(before.map((a) => a.id));
  });

  it('never needed what the server refused more than once (it learned there is no $batch)', () => {
    expect(t.graphRequests.filter((r) => r.path === '/$batch')).toHaveLength(1);
  });
});
