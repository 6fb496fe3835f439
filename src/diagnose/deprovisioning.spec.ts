import { describe, expect, it } from 'vitest';
import type { Cause, DeletionSettings, DeprovisionEvidence } from '../domain/types';
import type { SynchronizationJob } from '../graph/types';
import { diagnoseDeprovisioning } from './deprovisioning';
import { appEvidence, directAssignment, jane, job, logEntry, NOW, principalTopic, salesOnly, schema, SP_ID } from './evidence.spec-helper';

/** Schema without the IsSoftDeleted → active mapping (the service then sends DELETE). */
function schemaWithoutActive() {
  const s = schema();
  const users = s.synchronizationRules[0].objectMappings[1];
  users.attributeMappings = users.attributeMappings.filter((m) => m.targetAttributeName !== 'active');
  return s;
}

function evidence(opts: { extra?: Partial<DeprovisionEvidence>; settings?: DeletionSettings | null; job?: SynchronizationJob; noActive?: boolean; scope?: typeof salesOnly } = {}): DeprovisionEvidence {
  const app = appEvidence(opts.job ?? job(), opts.noActive ? schemaWithoutActive() : schema(opts.scope ?? null));
  return {
    ...principalTopic({}, app),
    deletionSettings: opts.settings === null ? {} : { [SP_ID]: opts.settings ?? { skipOutOfScopeDeletions: false, syncAll: false, deleteThreshold: { enabled: true, value: 500 } } },
    ...opts.extra,
  };
}

const unassigned = { assignments: [] };
const disabled = { directoryObject: { ...jane, accountEnabled: false } };
const quarantinedForDeletes = job({
  code: 'Quarantine',
  quarantine: { reason: 'TooManyDeletes', currentBegan: '2026-11-20T09:00:00Z', seriesBegan: '2026-11-20T09:00:00Z', nextAttempt: '2026-11-20T15:00:00Z' },
});
const paused = job({ code: 'Paused' }, { interval: 'PT40M', state: 'Paused' });

// One row per rule: the situation, the cause named, and words the admin must read.
const RULES: Array<[string, DeprovisionEvidence, Cause, RegExp]> = [
  ['unassigned: the next cycle disables her (IsSoftDeleted → active mapping)', evidence({ extra: unassigned }), 'deprovision-pending', /next cycle, expected .*will disable/],
  ['unassigned, no active mapping: the next cycle deletes her', evidence({ extra: unassigned, noActive: true }), 'deprovision-pending', /will delete/],
  ['out of scope: the next cycle disables her', evidence({ scope: salesOnly }), 'deprovision-pending', /outside the scoping filter/],
  ['disabled in Entra with the mapping: disabled next cycle', evidence({ extra: disabled }), 'deprovision-pending', /disabled in Microsoft Entra ID/],
  ['disabled in Entra without the mapping: nothing disables her', evidence({ extra: disabled, noActive: true }), 'deprovision-no-disable-mapping', /IsSoftDeleted/],
  ['skip out of scope deletions keeps her', evidence({ extra: unassigned, settings: { skipOutOfScopeDeletions: true } }), 'deprovision-skipped-out-of-scope', /SkipOutOfScopeDeletions/],
  ['the accidental-deletions threshold stopped the job', evidence({ extra: unassigned, job: quarantinedForDeletes }), 'deprovision-threshold', /allow the deletions/],
  ['a paused job removes nobody', evidence({ extra: unassigned, job: paused }), 'deprovision-pending', /once its provisioning runs again|paused/],
  ['still assigned and in scope: what an unassignment would do', evidence(), 'still-entitled', /If you unassign Jane Doe.*will disable/],
  [
    'the log shows her disabled',
    evidence({ extra: { ...unassigned, logs: [logEntry('success', { action: 'Disable', at: '2026-11-20T11:21:00Z' })] } }),
    'deprovisioned',
    /disabled in ServiceNow on 2026-11-20 11:21 UTC/,
  ],
  [
    'disabled earlier, only skips since: still disabled',
    evidence({
      extra: {
        ...unassigned,
        logs: [
          logEntry('skipped', { at: '2026-11-20T11:21:00Z', details: { 'Assigned to the application': 'False' } }),
          logEntry('success', { action: 'Disable', at: '2026-11-19T10:00:00Z' }),
          logEntry('success', { action: 'create', at: '2026-11-01T10:00:00Z' }),
        ],
      },
    }),
    'deprovisioned',
    /disabled in ServiceNow on 2026-11-19 10:00 UTC/,
  ],
  [
    'never provisioned (only skips): nothing to remove',
    // As the service writes a skip for someone not in the target: an empty target identity.
    evidence({ extra: { ...unassigned, logs: [{ ...logEntry('skipped', { details: { 'Assigned to the application': 'False' } }), targetIdentity: { id: '', displayName: '' } }] } }),
    'deprovision-nothing-to-remove',
    /never created one/,
  ],
  [
    // Ravi in Zendesk: assigned, but every create failed (his mail is empty). No account is kept, none would go.
    'assigned, every create refused: no account to keep or remove',
    evidence({ extra: { logs: [logEntry('failure', { action: 'Create', error: { errorCode: 'ZendeskMandatoryFieldsMissing' } })] } }),
    'deprovision-nothing-to-remove',
    /create the app refused.*would only stop the attempts/,
  ],
  [
    'the app refused the removal',
    evidence({ extra: { ...unassigned, logs: [logEntry('failure', { action: 'Disable', error: { errorCode: 'ServiceNowInsufficientRights' } })] } }),
    'deprovision-failed',
    /refused to disable/,
  ],
];

describe('diagnoseDeprovisioning', () => {
  it.each(RULES)('%s', (_name, e, cause, words) => {
    const d = diagnoseDeprovisioning(e);
    expect(d.topic).toBe('deprovisioning');
    expect(d.findings[0].cause).toBe(cause);
    expect(`${d.findings[0].title} ${d.findings[0].explanation} ${d.findings[0].fix.join(' ')}`).toMatch(words);
  });

  it('names the next cycle time from the last cycle and the schedule interval', () => {
    // Last cycle began 11:20, every 40 min, now 11:41: next at 12:00.
    const d = diagnoseDeprovisioning(evidence({ extra: unassigned }));
    expect(d.findings[0].evidence).toContainEqual({ label: 'Next cycle expected', value: expect.stringContaining('12:00') });
    expect(d.findings[0].remedies.map((r) => r.verb)).toEqual(['provisionOnDemand']);
  });

  it('offers no on-demand removal for a user disabled in Entra (on demand does not take them)', () => {
    const d = diagnoseDeprovisioning(evidence({ extra: disabled }));
    expect(d.findings[0].remedies).toEqual([]);
  });

  it('shows the threshold and the skip setting it read, and says when the settings could not be read', () => {
    const read = diagnoseDeprovisioning(evidence({ extra: unassigned }));
    expect(read.findings[0].evidence).toContainEqual({ label: 'Accidental-deletions threshold', value: 'on, 500 deletions per cycle' });
    expect(read.caveats ?? []).toEqual([]);
    const unread = diagnoseDeprovisioning(evidence({ extra: unassigned, settings: null }));
    expect(unread.caveats?.join(' ')).toMatch(/deletion settings of ServiceNow .* could not be read/);
  });

  it('says a change of scope from "sync all" to "sync assigned" needs a restart, for an unassigned user only', () => {
    const d = diagnoseDeprovisioning(evidence({ extra: unassigned }));
    expect(d.findings[0].fix.join(' ')).toMatch(/changed from "Sync all users and groups".*removed only after provisioning is restarted/);
    const outOfScope = diagnoseDeprovisioning(evidence({ scope: salesOnly }));
    expect(outOfScope.findings[0].fix.join(' ')).not.toMatch(/Sync all users and groups/);
  });

  it('with "sync all", an unassigned user is still in scope', () => {
    const d = diagnoseDeprovisioning(evidence({ extra: unassigned, settings: { syncAll: true } }));
    expect(d.findings[0].cause).toBe('still-entitled');
  });

  it('a user removed earlier and entitled again gets the back-in-scope limit with a restart', () => {
    const d = diagnoseDeprovisioning(evidence({ extra: { assignments: [directAssignment], logs: [logEntry('success', { action: 'Disable' })] } }));
    expect(d.findings.map((f) => f.cause)).toEqual(['deprovisioned', 'limit-back-in-scope']);
    expect(d.findings[1].remedies.map((r) => r.verb)).toContain('restartProvisioning');
    expect(d.summary).toContain(NOW.slice(0, 10));
  });
});
