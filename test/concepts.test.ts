// Terms asked about by themselves ("what does quarantine mean?"), over HTTP on the second demo tenant: the term
// explained, with the apps it applies to now as the tenant's own jobs say, and no provisioning log read.
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
});
