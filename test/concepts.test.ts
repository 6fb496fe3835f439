// Questions that inform rather than diagnose, over HTTP on the second demo tenant: a term asked about by itself
// ("what does quarantine mean?") with the apps it applies to now, and who an app takes in ("who is assigned to
// Zendesk?") counted independently from the tenant's own assignments and jobs.
import { describe, expect, it } from 'vitest';
import { cardText, onlyCard } from './support/cards';
import { TENANTS, useTestBot } from './support/testBot';

describe('terms of app provisioning (fabrikam)', () => {
  const t = useTestBot({ tenantFile: TENANTS.fabrikam });

  it('explains quarantine and names the apps in quarantine now, without reading any log', async () => {
    const sps = t.graph.state.servicePrincipals as Array<{ id: string; displayName: string }>;
    const quarantined = sps.filter((sp) => t.graph.state.synchronization[sp.id]?.jobs.some((j) => j.status?.code === 'Quarantine')).map((sp) => sp.displayName);
    expect(quarantined.length).toBeGreaterThan(0);
    t.graphRequests.length = 0;
    const text = cardText(onlyCard(await t.ask('so what does quarantine actually mean?')));
    expect(text.split('\n')[0]).toMatch(/^Quarantine: /);
    expect(text).toMatch(/once a day/);
    const now = text.split('\n').find((l) => l.startsWith('In quarantine now'))!;
    for (const app of quarantined) expect(now).toContain(app);
    expect(text).toContain('Ask me next');
    expect(text).not.toContain('How to fix');
    expect(t.graphRequests.filter((r) => r.path.startsWith('/auditLogs')), 'a term needs no log').toEqual([]);
  });

  it('keeps "what is in quarantine?" the overview of the apps', async () => {
    const text = cardText(onlyCard(await t.ask('what is in quarantine?')));
    expect(text).not.toMatch(/^Quarantine: /);
    expect(text).toMatch(/apps? with provisioning/);
  });

  it('answers who an app takes in: its assignments, counted from the tenant, and the job\'s own count', async () => {
    const state = t.graph.state as unknown as {
      servicePrincipals: Array<{ id: string; displayName: string }>;
      appRoleAssignments: Array<{ resourceId: string; principalType: string }>;
      synchronization: Record<string, { jobs: Array<{ status?: { synchronizedEntryCountByType?: Array<{ key: string; value: number }> } }> }>;
    };
    // An app with provisioning, assignments of both kinds, and a count from its last cycle.
    const app = state.servicePrincipals.find((sp) => {
      const kinds = new Set(state.appRoleAssignments.filter((a) => a.resourceId === sp.id).map((a) => a.principalType));
      return kinds.has('User') && kinds.has('Group') && (state.synchronization[sp.id]?.jobs[0]?.status?.synchronizedEntryCountByType ?? []).length > 0;
    })!;
    expect(app, 'an app with users and groups assigned and a job count').toBeDefined();
    const count = (type: string) => state.appRoleAssignments.filter((a) => a.resourceId === app.id && a.principalType === type).length;
    const synced = state.synchronization[app.id].jobs[0].status!.synchronizedEntryCountByType!;
    const inSync = (kind: string) => synced.filter((p) => p.key.toLowerCase().startsWith(kind)).reduce((n, p) => n + p.value, 0);
    const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
    for (const question of [`who is assigned to ${app.displayName.toLowerCase()}?`, `how many users are in scope for ${app.displayName}`]) {
      const text = cardText(onlyCard(await t.ask(question)));
      expect(text.split('\n')[0], question).toBe(
        `${app.displayName} is assigned to ${plural(count('Group'), 'group')} and ${plural(count('User'), 'user')}; ${plural(inSync('user'), 'user')} and ${plural(inSync('group'), 'group')} in sync`,
      );
      expect(text, question).toContain('Ask me next');
    }
  });
});
