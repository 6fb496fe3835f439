import { describe, expect, it } from 'vitest';
import type { Fact } from '../domain/types';
import { diagnosePersonApps, diagnoseSkipped } from './skipped';
import { USER_ID, SP_ID, appEvidence, directAssignment, job, logEntry, principalTopic, salesOnly, schema } from './evidence.spec-helper';

const value = (facts: Fact[], label: string) => facts.filter((f) => f.label === label).map((f) => f.value);

describe('diagnoseSkipped from a log entry', () => {
  it('names the failed scoping clause and the user’s value, from ScopeEvaluationResult', () => {
    const d = diagnoseSkipped(
      principalTopic({
        logs: [
          logEntry('skipped', {
            details: { SkipReason: 'NotEffectivelyEntitled', 'Assigned to the application': 'True', IsInProvisioningScope: 'False', ScopeEvaluationResult: '{"Sales only.department EQUALS \'Sales\'": false}' },
          }),
        ],
      }),
    );
    const [f] = d.findings;
    expect(f.cause).toBe('scoping-filter');
    expect(value(f.evidence, 'Clause')).toEqual(["department EQUALS 'Sales'"]);
    expect(value(f.evidence, 'department')).toEqual(['Marketing']);
    expect(value(f.evidence, 'Last log entry')[0]).toBe('2026-11-20 08:41 UTC (3 h ago), skipped');
    expect(f.title).toContain('Jane Doe');
    expect(f.title).toContain('ServiceNow');
  });

  it('calls a successful disable or delete a removal, never "was provisioned", and offers provisioning only to someone still assigned', () => {
    const disabled = diagnoseSkipped(principalTopic({ logs: [logEntry('success', { action: 'Disable' })] })).findings[0];
    expect(disabled.cause).toBe('deprovisioned');
    expect(disabled.title).toBe('Jane Doe’s account was disabled in ServiceNow');
    expect(disabled.severity).not.toBe('ok');
    expect(disabled.remedies.map((r) => r.verb)).toEqual(['provisionOnDemand']);

    const deleted = diagnoseSkipped(principalTopic({ assignments: [], logs: [logEntry('success', { action: 'Delete' })] })).findings[0];
    expect(deleted.title).toBe('Jane Doe’s account was deleted from ServiceNow');
    expect(deleted.remedies).toEqual([]);
    expect(deleted.fix.join(' ')).toMatch(/assign Jane Doe to ServiceNow again/);
    expect(value(deleted.evidence, 'Assignment')).toEqual(['none to ServiceNow']);
  });

  it('names the target account by its id where the entry leaves the name empty, as Graph’s examples do', () => {
    const entry = { ...logEntry('success', { action: 'Create' }), targetIdentity: { id: 'cb9e2a9c-0000-4000-8000-0000000000aa', displayName: '' } };
    const [f] = diagnoseSkipped(principalTopic({ logs: [entry] })).findings;
    expect(f.title).toBe('Jane Doe was provisioned to ServiceNow');
    expect(value(f.evidence, 'Account in target')).toEqual(['cb9e2a9c-0000-4000-8000-0000000000aa']);
  });

  it('never says "OK" of an account provisioned once whose person is no longer assigned: the next cycle disables it', () => {
    const [f] = diagnoseSkipped(principalTopic({ logs: [logEntry('success', { action: 'Update' })], assignments: [] })).findings;
    expect(f.title).toBe('Jane Doe was provisioned to ServiceNow, but is no longer assigned to it');
    expect(f.severity).toBe('warning');
    expect(f.explanation).toMatch(/the next cycle disables the account/);
  });

  it('asked without an app, leads with the app the person is assigned to, not a newer "not assigned" skip elsewhere', () => {
    const OTHER_SP = '44444444-4444-4444-8444-444444444444';
    const other = appEvidence(job());
    const asana = { ...other, app: { ...other.app, spId: OTHER_SP, displayName: 'Asana', jobId: 'asana.job' }, servicePrincipal: { ...other.servicePrincipal, id: OTHER_SP, displayName: 'Asana' } };
    // Asana's first cycle skipped her (newer, not assigned); ServiceNow, where she is assigned, skips her by its filter.
    const unassignedSkip = { ...logEntry('skipped', { at: '2026-11-20T11:00:00Z', details: { SkipReason: 'NotEffectivelyEntitled', 'Assigned to the application': 'False' } }), jobId: 'asana.job', servicePrincipal: { id: OTHER_SP, displayName: 'Asana' } };
    const filtered = logEntry('skipped', { at: '2026-11-19T08:00:00Z', details: { SkipReason: 'NotEffectivelyEntitled', 'Assigned to the application': 'True', IsInProvisioningScope: 'False', ScopeEvaluationResult: '{"Sales only.department EQUALS \'Sales\'": false}' } });
    const d = diagnoseSkipped({ ...principalTopic({ logs: [unassignedSkip, filtered] }), apps: [asana, appEvidence()], focusAppSpId: undefined });
    expect(d.findings.map((f) => `${f.app?.displayName}: ${f.cause}`)).toEqual(['ServiceNow: scoping-filter', 'Asana: not-assigned']);
    expect(d.summary.startsWith('Jane Doe')).toBe(true);
    expect(d.summary.indexOf('ServiceNow')).toBeLessThan(d.summary.indexOf('Asana'));
  });

  it('evaluates the schema’s filter when the log does not say which clause failed', () => {
    const app = appEvidence(job(), schema(salesOnly));
    const d = diagnoseSkipped(principalTopic({ logs: [logEntry('skipped', { details: { 'Scoping filter evaluation passed': 'False', ScopeEvaluationResult: '{broken' } })] }, app));
    expect(d.findings[0].cause).toBe('scoping-filter');
    expect(value(d.findings[0].evidence, 'Clause')).toEqual(["department EQUALS 'Sales'"]);
  });

  it('says not assigned when the log says so, without a button for a fresh assignment', () => {
    const d = diagnoseSkipped(principalTopic({ assignments: [], logs: [logEntry('skipped', { details: { SkipReason: 'NotEffectivelyEntitled', 'Assigned to the application': 'False' } })] }));
    expect(d.findings[0].cause).toBe('not-assigned');
    expect(d.findings[0].remedies).toEqual([]);
    expect(d.findings[0].fix.join(' ')).toMatch(/Users and groups/);
  });

  it('tells apart not effectively entitled and offers reassign then provision on demand', () => {
    const d = diagnoseSkipped(
      principalTopic({
        logs: [logEntry('skipped', { details: { SkipReason: 'NotEffectivelyEntitled', 'Assigned to the application': 'True', IsInProvisioningScope: 'True', IsEffectivelyEntitledForProvisioning: 'False' } })],
      }),
    );
    const [f] = d.findings;
    expect(f.cause).toBe('not-effectively-entitled');
    expect(f.remedies.map((r) => r.verb)).toEqual(['reassignUser', 'provisionOnDemand']);
    expect(f.remedies[0].data).toEqual({ spId: SP_ID, jobId: expect.any(String), userId: USER_ID, seenState: directAssignment.id });
  });

  it('decides a bare NotEffectivelyEntitled from assignments and schema', () => {
    const bare = logEntry('skipped', { details: { SkipReason: 'NotEffectivelyEntitled' } });
    expect(diagnoseSkipped(principalTopic({ logs: [bare], assignments: [] })).findings[0].cause).toBe('not-assigned');
    expect(diagnoseSkipped(principalTopic({ logs: [bare] }, appEvidence(job(), schema(salesOnly)))).findings[0].cause).toBe('scoping-filter');
    expect(diagnoseSkipped(principalTopic({ logs: [bare] })).findings[0].cause).toBe('not-effectively-entitled');
  });

  it('names the required target attribute, its source and the empty value', () => {
    const reason = 'Response: {"detail":"Required property missing: emails","status":"400"}';
    const d = diagnoseSkipped(
      principalTopic({
        directoryObject: { id: USER_ID, displayName: 'Jane Doe', mail: null, department: 'Sales' },
        logs: [logEntry('failure', { action: 'create', error: { errorCode: 'SystemForCrossDomainIdentityManagementServiceIncompatible', reason } })],
      }),
    );
    const [f] = d.findings;
    expect(f.cause).toBe('required-attribute-empty');
    expect(value(f.evidence, 'Target attribute')).toEqual(['emails[type eq "work"].value']);
    expect(value(f.evidence, 'Filled from')).toEqual(['source attribute mail']);
    expect(value(f.evidence, 'mail')).toEqual(['(empty)']);
  });

  it('lists empty mapped attributes when MandatoryFieldsMissing names none', () => {
    const d = diagnoseSkipped(
      principalTopic({
        directoryObject: { id: USER_ID, displayName: 'Jane Doe', userPrincipalName: 'jane@contoso.com', mail: 'j@c.com', givenName: null },
        logs: [logEntry('failure', { error: { errorCode: 'MandatoryFieldsMissing', reason: 'Some fields are empty' } })],
      }),
    );
    expect(d.findings[0].cause).toBe('required-attribute-empty');
    expect(value(d.findings[0].evidence, 'Empty mapped attribute')).toEqual(['givenName → name.givenName']);
  });

  it('names a group’s empty matching attribute from matching priority 1', () => {
    const d = diagnoseSkipped(
      principalTopic({
        principal: { kind: 'group', id: 'g1', displayName: 'Marketing' },
        directoryObject: { id: 'g1', displayName: '' },
        assignments: [{ ...directAssignment, principalId: 'g1', principalType: 'Group' }],
        logs: [logEntry('skipped', { details: { SkipReason: 'Other' } })],
      }),
    );
    const [f] = d.findings;
    expect(f.cause).toBe('matching-attribute-empty');
    expect(value(f.evidence, 'Matching attribute')).toEqual(['displayName']);
    expect(f.remedies[0].data.groupId).toBe('g1');
  });

  it('offers no "provision now" for a group when the app only provisions users', () => {
    const usersOnly = schema();
    usersOnly.synchronizationRules[0].objectMappings = usersOnly.synchronizationRules[0].objectMappings.filter((m) => m.sourceObjectName === 'User');
    const d = diagnoseSkipped(
      principalTopic(
        {
          principal: { kind: 'group', id: 'g1', displayName: 'Marketing' },
          directoryObject: { id: 'g1', displayName: 'Marketing' },
          assignments: [{ ...directAssignment, principalId: 'g1', principalType: 'Group' }],
          logs: [],
        },
        appEvidence(job(), usersOnly),
      ),
    );
    expect(d.findings.flatMap((f) => f.remedies.map((r) => r.verb))).not.toContain('provisionOnDemand');
  });

  it('explains other export failures with the error code', () => {
    const d = diagnoseSkipped(principalTopic({ logs: [logEntry('failure', { error: { errorCode: 'EntryConflict', reason: 'conflict on userName' } })] }));
    expect(d.findings[0].cause).toBe('export-failed');
    expect(value(d.findings[0].evidence, 'Error code')).toEqual(['EntryConflict']);
    expect(d.findings[0].explanation).toMatch(/different account in the target/);
  });

  it('reports success with when and what, and RedundantExport as fine', () => {
    const ok = diagnoseSkipped(principalTopic({ logs: [logEntry('success', { action: 'create' })] })).findings[0];
    expect(ok.cause).toBe('provisioned');
    expect(ok.explanation).toContain('created');
    expect(ok.explanation).toContain('2026-11-20 08:41 UTC');
    const same = diagnoseSkipped(principalTopic({ logs: [logEntry('skipped', { details: { SkipReason: 'RedundantExport' } })] })).findings[0];
    expect(same.cause).toBe('redundant-export');
    expect(same.severity).toBe('ok');
  });

  it('reports a user inactive in the source', () => {
    const d = diagnoseSkipped(principalTopic({ directoryObject: { id: USER_ID, accountEnabled: false }, logs: [logEntry('skipped', { details: { IsActive: 'False' } })] }));
    expect(d.findings[0].cause).toBe('disabled-in-source');
    expect(value(d.findings[0].evidence, 'accountEnabled')).toEqual(['False']);
  });

  it('uses the newest entry even when logs arrive out of order', () => {
    const old = logEntry('skipped', { at: '2026-11-19T08:00:00Z', details: { 'Assigned to the application': 'False' } });
    const recent = logEntry('success', { at: '2026-11-20T10:00:00Z', action: 'create' });
    expect(diagnoseSkipped(principalTopic({ logs: [old, recent] })).findings[0].cause).toBe('provisioned');
  });
});

describe('diagnoseSkipped without a log entry', () => {
  it('says not assigned when there is no assignment', () => {
    expect(diagnoseSkipped(principalTopic({ assignments: [] })).findings.map((f) => f.cause)).toEqual(['not-assigned']);
  });

  it('evaluates the schema’s scoping filter', () => {
    const d = diagnoseSkipped(principalTopic({}, appEvidence(job(), schema(salesOnly))));
    expect(d.findings[0].cause).toBe('scoping-filter');
    expect(value(d.findings[0].evidence, 'department')).toEqual(['Marketing']);
  });

  it('points at a paused or quarantined job first', () => {
    const paused = diagnoseSkipped(principalTopic({}, appEvidence(job({ code: 'Paused' }))));
    expect(paused.findings[0].cause).toBe('app-not-running');
    expect(paused.findings[0].remedies.map((r) => r.verb)).toEqual(['startProvisioning']);
    const quarantined = diagnoseSkipped(principalTopic({}, appEvidence(job({ code: 'Quarantine', quarantine: { reason: 'EncounteredQuarantineException' } }))));
    expect(quarantined.findings[0].remedies.map((r) => r.verb)).toEqual(['testConnection', 'clearQuarantine']);
    // Held back by the deletion threshold, the fix is to review the deletions, never "often the credentials".
    const deletes = diagnoseSkipped(principalTopic({}, appEvidence(job({ code: 'Quarantine', quarantine: { reason: 'TooManyDeletes' } }))));
    expect(deletes.findings[0].remedies.map((r) => r.verb)).toEqual(['restartProvisioning']);
    expect(deletes.findings[0].fix.join(' ')).toMatch(/too many deletions at once.*Review which accounts the cycle wanted to delete/);
    expect(deletes.findings[0].fix.join(' ')).not.toMatch(/credentials/);
  });

  it('explains the initial cycle with its progress', () => {
    const first = job({ steadyStateFirstAchievedTime: '0001-01-01T00:00:00Z', progress: [{ completedUnits: 30, totalUnits: 120, units: 'users' }] });
    const f = diagnoseSkipped(principalTopic({}, appEvidence(first))).findings[0];
    expect(f.cause).toBe('initial-cycle-running');
    expect(f.explanation).toMatch(/20 minutes to several hours/);
    expect(value(f.evidence, 'Initial cycle progress')[0]).toMatch(/^25% \(30 of 120 users/);
  });

  it('otherwise says not yet processed and offers provision on demand', () => {
    const f = diagnoseSkipped(principalTopic()).findings[0];
    expect(f.cause).toBe('not-yet-processed');
    expect(value(f.evidence, 'Next cycle expected')[0]).toBe('2026-11-20 12:00 UTC (in 19 min)');
    expect(f.remedies.map((r) => r.verb)).toEqual(['provisionOnDemand']);
    expect(f.remedies[0].data).toEqual({ spId: SP_ID, jobId: expect.any(String), userId: USER_ID, seenState: 'Active' });
  });

  it('without a focus app, looks only at apps the user is related to, and survives missing data', () => {
    const d = diagnoseSkipped({ ...principalTopic({ assignments: [], focusAppSpId: undefined }), apps: [] });
    expect(d.findings).toEqual([]);
    expect(d.summary).toMatch(/not assigned to any app/);
    const sparse = diagnoseSkipped(principalTopic({ directoryObject: { id: USER_ID } }, { ...appEvidence(), schema: undefined, job: { id: 'j' } }));
    expect(sparse.findings.length).toBeGreaterThan(0);
  });
});

describe('a person’s apps', () => {
  it('names the apps with provisioning read, and counts the assignments it did not read instead of saying there are none', () => {
    const d = diagnosePersonApps(principalTopic({ focusAppSpId: undefined }));
    expect(d.summary).toBe('Jane Doe is assigned to one app with provisioning: ServiceNow');
    expect(d.caveats ?? []).toEqual([]);
    const elsewhere = { ...directAssignment, id: 'other', resourceId: '99999999-9999-9999-9999-999999999999', resourceDisplayName: 'Payroll' };
    const more = diagnosePersonApps(principalTopic({ focusAppSpId: undefined, assignments: [elsewhere] }));
    expect(more.summary).toBe('Jane Doe is assigned to no app whose provisioning I read');
    expect(more.caveats).toContain('Jane Doe has one more app assignment not shown here: apps without provisioning, or more apps than one answer reads.');
  });

  it('with several apps, says in each explanation which app it is about, since the headline names them all', () => {
    const OTHER = '44444444-4444-4444-8444-444444444444';
    const other = { ...appEvidence(job({ code: 'Paused' }, { interval: 'PT40M', state: 'Paused' })), app: { spId: OTHER, appId: 'a2', displayName: 'Payroll', jobId: 'scim.1.2' } };
    const d = diagnosePersonApps(principalTopic({ focusAppSpId: undefined, apps: [appEvidence(), other], assignments: [directAssignment, { ...directAssignment, id: 'a2', resourceId: OTHER }] }));
    expect(d.summary).toBe('Jane Doe is assigned to 2 apps with provisioning: ServiceNow, Payroll');
    for (const f of d.findings) expect(f.explanation.startsWith(`${f.title}.`)).toBe(true);
  });
});
