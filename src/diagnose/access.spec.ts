import { describe, expect, it } from 'vitest';
import type { Cause, DeprovisionEvidence } from '../domain/types';
import type { SynchronizationJob } from '../graph/types';
import { diagnoseAccess } from './access';
import { appEvidence, jane, job, logEntry, principalTopic, salesOnly, schema, SP_ID } from './evidence.spec-helper';

function evidence(opts: { extra?: Partial<DeprovisionEvidence>; job?: SynchronizationJob; scope?: typeof salesOnly; name?: string; templateId?: string } = {}): DeprovisionEvidence {
  const app = appEvidence(opts.job ?? job(), schema(opts.scope ?? null));
  if (opts.name) app.app = { ...app.app, displayName: opts.name };
  if (opts.templateId) app.job = { ...app.job, templateId: opts.templateId };
  return { ...principalTopic({}, app), deletionSettings: { [SP_ID]: {} }, ...opts.extra };
}

const initial = (progress?: { completedUnits: number; totalUnits: number }) =>
  job({ steadyStateFirstAchievedTime: '0001-01-01T00:00:00Z', ...(progress ? { progress: [{ ...progress, units: 'users', progressObservationDateTime: '2026-11-20T11:30:00Z' }] } : {}) });

const ROWS: Array<[string, DeprovisionEvidence, Cause, RegExp]> = [
  ['assigned, in scope, not yet processed: the next cycle', evidence(), 'access-next-cycle', /next cycle, expected .*12:00/],
  ['already provisioned', evidence({ extra: { logs: [logEntry('success', { action: 'create' })] } }), 'access-has', /already has an account/],
  ['not assigned: blocked', evidence({ extra: { assignments: [] } }), 'access-blocked', /not assigned/],
  ['out of scope: blocked', evidence({ scope: salesOnly }), 'access-blocked', /scoping filter/],
  ['disabled in Entra: blocked', evidence({ extra: { directoryObject: { ...jane, accountEnabled: false } } }), 'access-blocked', /disabled in Microsoft Entra ID/],
  ['the last cycle failed for her', evidence({ extra: { logs: [logEntry('failure', { error: { errorCode: 'SalesforceEntryConflict' } })] } }), 'access-blocked', /could not give Jane Doe access/],
  ['initial cycle with progress: a range from the remaining units', evidence({ job: initial({ completedUnits: 200, totalUnits: 1200 }) }), 'access-initial-cycle', /1000 users remain: by that estimate the cycle reaches everyone in 10 min to 80 min/],
  ['initial cycle without progress: the published range', evidence({ job: initial() }), 'access-initial-cycle', /20 minutes to several hours/],
  [
    'quarantine: the next retry',
    evidence({ job: job({ code: 'Quarantine', quarantine: { reason: 'EncounteredQuarantineException', seriesBegan: '2026-11-20T09:00:00Z', currentBegan: '2026-11-20T09:00:00Z' } }) }),
    'access-blocked',
    /next retry at the earliest \(.*15:00.*estimated\)/,
  ],
  ['paused: blocked', evidence({ job: job({ code: 'Paused' }, { interval: 'PT40M', state: 'Paused' }) }), 'access-blocked', /paused/],
];

describe('diagnoseAccess', () => {
  it.each(ROWS)('%s', (_name, e, cause, words) => {
    const d = diagnoseAccess(e);
    expect(d.topic).toBe('access');
    expect(d.findings[0].cause).toBe(cause);
    expect(`${d.findings[0].title} ${d.findings[0].explanation}`).toMatch(words);
  });

  it('offers provision now with its limits as the fast path', () => {
    const f = diagnoseAccess(evidence()).findings[0];
    expect(f.remedies.map((r) => r.verb)).toEqual(['provisionOnDemand']);
    expect(f.fix.join(' ')).toMatch(/under 30 seconds \(one user at a time\)/);
    expect(f.fix.join(' ')).not.toMatch(/OAuth/);
  });

  it('says an OAuth app needs its job paused before on demand', () => {
    const f = diagnoseAccess(evidence({ name: 'Slack', templateId: 'slack' })).findings[0];
    expect(f.fix.join(' ')).toMatch(/Slack authorises with OAuth: pause its provisioning/);
  });

  it('a group is told the 5-member on-demand limit', () => {
    const e = evidence();
    const f = diagnoseAccess({ ...e, principal: { kind: 'group', id: e.principal.id, displayName: 'Sales' } }).findings[0];
    expect(f.fix.join(' ')).toMatch(/group with up to 5 members/);
  });

  it('a user removed earlier and assigned again hears that a restart may be needed', () => {
    const d = diagnoseAccess(evidence({ extra: { logs: [logEntry('success', { action: 'Disable' })] } }));
    expect(d.findings[0].cause).toBe('limit-back-in-scope');
    expect(d.findings[0].remedies.map((r) => r.verb)).toEqual(['provisionOnDemand', 'restartProvisioning']);
  });

  it('an unassigned user in a nested group of an assigned group hears the nested-group limit', () => {
    const d = diagnoseAccess(evidence({ extra: { assignments: [], nestedGroupAssignments: [{ groupId: 'g1', groupName: 'All Sales', spId: SP_ID }] } }));
    expect(d.findings.map((f) => f.cause)).toEqual(['access-blocked', 'limit-nested-group']);
    expect(d.findings[1].fix[0]).toMatch(/direct member of All Sales/);
  });
});
