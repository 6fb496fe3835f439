// Every app at once, narrowed to one state ("which apps are paused?"), asked over HTTP on the second demo
// tenant (Fabrikam): the apps expected are read here from the tenant's jobs, independently of the bot.
import { describe, expect, it } from 'vitest';
import type { SynchronizationJob } from '../src/graph/types';
import { cardText, onlyCard } from './support/cards';
import { TENANTS, useTestBot } from './support/testBot';

const t = useTestBot({ tenantFile: TENANTS.fabrikam });

const NEVER = '0001-01-01T00:00:00Z';
const is = (value: unknown, code: string) => String(value ?? '').toLowerCase() === code.toLowerCase();
/** Stopped after it had run: Graph's paused job reads code Paused (its schedule Paused or Disabled). */
const pausedAfterRunning = (j: SynchronizationJob) =>
  (is(j.status?.code, 'Paused') || is(j.schedule?.state, 'Paused')) && !!j.status?.lastExecution?.timeBegan && j.status.lastExecution.timeBegan !== NEVER;

function apps(): Array<{ name: string; jobs: SynchronizationJob[] }> {
  const state = t.graph.state;
  return state.servicePrincipals
    .map((sp) => ({ name: sp.displayName!, jobs: (state.synchronization[sp.id]?.jobs ?? []) as SynchronizationJob[] }))
    .filter((a) => a.jobs.length > 0);
}

describe('an overview narrowed to one state', () => {
  it('lists only the paused apps, and says that others need attention for another reason', async () => {
    const all = apps();
    const paused = all.filter((a) => a.jobs.some(pausedAfterRunning)).map((a) => a.name);
    expect(paused.length, 'the tenant has a paused app').toBeGreaterThan(0);
    const text = cardText(onlyCard(await t.ask('which apps are paused?')));
    for (const name of paused) expect(text).toContain(`${name} provisioning is paused`);
    // An app in quarantine is not paused: not among the findings, but named as needing attention otherwise.
    const quarantined = all.filter((a) => a.jobs.some((j) => is(j.status?.code, 'Quarantine'))).map((a) => a.name);
    expect(quarantined.length).toBeGreaterThan(0);
    const others = /(\d+) other apps? needs? attention for another reason \(([^)]*)\)/.exec(text);
    expect(others, text).not.toBeNull();
    for (const name of quarantined) {
      expect(text).not.toContain(`${name} provisioning is in quarantine`);
      expect(others![2].split(', ')).toContain(name);
    }
  });

  it('says none is paused when none is, rather than listing the apps that need attention', async () => {
    for (const a of apps()) for (const j of a.jobs) if (pausedAfterRunning(j)) Object.assign(j, { status: { ...j.status, code: 'Active' }, schedule: { ...j.schedule, state: 'Active' } });
    const headline = cardText(onlyCard(await t.ask('are any apps stopped?'))).split('\n')[0];
    expect(headline).toBe(`None of the ${apps().length} apps with provisioning is paused`);
  });
});
