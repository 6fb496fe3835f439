import { describe, expect, it } from 'vitest';
import type { Fact } from '../domain/types';
import { diagnose } from './index';
import { diagnoseCredentials, diagnoseNotStarted, diagnoseQuarantine, diagnoseStatus } from './appTopics';
import { appTopic, job, logEntry } from './evidence.spec-helper';

const value = (facts: Fact[], label: string) => facts.filter((f) => f.label === label).map((f) => f.value);
const quarantined = (reason: string, extra: object = {}) =>
  job({
    code: 'Quarantine',
    quarantine: {
      reason,
      currentBegan: '2026-11-20T05:41:00Z',
      seriesBegan: '2026-11-18T11:41:00Z',
      seriesCount: 3,
      nextAttempt: '0001-01-01T00:00:00Z',
      error: { code: 'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable', message: 'The secret token is invalid' },
      ...extra,
    },
  });

describe('diagnoseQuarantine', () => {
  it('asks for the admin user name and password, not a token, when the app signs in with them', () => {
    // The error a ServiceNow job carries in the Contoso demo tenant (the service's wording for that gallery app).
    const error = { code: 'ServiceNowInvalidCredentials', message: "Failed to validate the credentials. The target system answered HTTP 401 (Unauthorized): 'The provided credentials are invalid. User Not Authenticated'. Verify the instance name, admin username and password, then test the connection again." };
    const [f] = diagnoseQuarantine(appTopic(quarantined('EncounteredQuarantineException', { error }))).findings;
    expect(f.fix.join(' ')).toMatch(/admin user name and password/);
    expect(f.fix.join(' ')).not.toMatch(/secret token/);
    const [token] = diagnoseQuarantine(appTopic(quarantined('EncounteredQuarantineException'))).findings;
    expect(token.fix.join(' ')).toMatch(/secret token/);
  });

  it('explains a credential quarantine: since when, cadence, and test-then-clear remedies', () => {
    const [f] = diagnoseQuarantine(appTopic(quarantined('EncounteredQuarantineException'))).findings;
    expect(f.cause).toBe('quarantine-credentials');
    expect(value(f.evidence, 'In quarantine since')).toEqual(['2026-11-20 05:41 UTC (6 h ago)']);
    expect(value(f.evidence, 'Quarantine series began')).toEqual(['2026-11-18 11:41 UTC (2 days ago) (3 quarantines in a row)']);
    // Graph gave no next attempt: estimated from the series start on the published 6 h, 12 h, 24 h, daily cadence.
    expect(value(f.evidence, 'Next retry')[0]).toMatch(/^2026-11-21 05:41 UTC.*estimated/);
    // Disabled four weeks after the series began: 26 days from "now" in these fixtures.
    expect(value(f.evidence, 'Job disabled if still in quarantine')[0]).toMatch(/^2026-12-16 11:41 UTC.* — 26 days left$/);
    expect(f.explanation).toMatch(/6 hours, 12 hours and 24 hours/);
    expect(f.explanation).toMatch(/four weeks/);
    expect(f.remedies.map((r) => r.verb)).toEqual(['testConnection', 'clearQuarantine']);
    expect(f.remedies[0].data.seenState).toBe('Quarantine');
  });

  it('tells escrow and delete thresholds apart, never offering forced deletes', () => {
    const escrow = diagnoseQuarantine(appTopic(quarantined('EncounteredEscrowProportionThreshold', { error: null }))).findings[0];
    expect(escrow.cause).toBe('quarantine-escrow');
    expect(escrow.explanation).toMatch(/40 %/);
    expect(escrow.remedies.map((r) => r.verb)).toEqual(['restartProvisioning']);
    const deletes = diagnoseQuarantine(appTopic(quarantined('TooManyDeletes', { error: null }))).findings[0];
    expect(deletes.cause).toBe('quarantine-deletes');
    expect(deletes.remedies.map((r) => r.verb)).toEqual(['restartProvisioning']);
    expect(JSON.stringify(deletes)).not.toMatch(/ForceDeletes/);
    // The threshold passed, from the job's settings as Microsoft's job example carries it ("QuarantineTooManyDeletesThreshold": "500").
    const withThreshold = appTopic({ ...quarantined('TooManyDeletes', { error: null }), synchronizationJobSettings: [{ name: 'QuarantineTooManyDeletesThreshold', value: '500' }] });
    expect(diagnoseQuarantine(withThreshold).findings[0].evidence).toContainEqual({ label: 'Deletion threshold', value: '500 deletions per cycle' });
    expect(deletes.evidence.map((f) => f.label)).not.toContain('Deletion threshold');
    expect(diagnoseQuarantine(appTopic(quarantined('IngestionInterrupted', { error: null }))).findings[0].cause).toBe('quarantine-other');
  });

  it.each(['QuarantinedOnDemand', 'QuarantineOnDemand'])('reads the on-demand quarantine reason as the metadata (and the docs) spell it: %s', (reason) => {
    const [f] = diagnoseQuarantine(appTopic(quarantined(reason, { error: null }))).findings;
    expect(f.explanation).toMatch(/an administrator put the job in quarantine on purpose/);
  });

  it('says not in quarantine, with the current state', () => {
    const [f] = diagnoseQuarantine(appTopic()).findings;
    expect(f.cause).toBe('not-quarantined');
    expect(value(f.evidence, 'Job status')).toEqual(['Active']);
  });
});

describe('diagnoseStatus', () => {
  it('reports a healthy job with its last cycle and counts', () => {
    const [f] = diagnoseStatus(appTopic()).findings;
    expect(f.cause).toBe('healthy');
    expect(value(f.evidence, 'Last cycle')).toEqual(['Succeeded, ended 2026-11-20 11:22 UTC (19 min ago) (took 2 min)']);
    expect(value(f.evidence, 'Last cycle counts')).toEqual(['120 imported, 3 exported, 0 failed (escrowed)']);
  });

  it('groups recent failures and skips by error code and explains the commonest', () => {
    const problems = [
      logEntry('failure', { error: { errorCode: 'MandatoryFieldsMissing' } }),
      logEntry('failure', { error: { errorCode: 'MandatoryFieldsMissing' } }),
      logEntry('skipped', { details: { SkipReason: 'NotEffectivelyEntitled' } }),
    ];
    const j = job({ lastExecution: { state: 'EntryLevelErrors', timeBegan: '2026-11-20T11:20:00Z', timeEnded: '2026-11-20T11:22:00Z', countEscrowed: 2 } });
    const [f] = diagnoseStatus(appTopic(j, { recentProblems: problems })).findings;
    expect(f.cause).toBe('entry-level-errors');
    // One person failing in two cycles is one problem.
    expect(value(f.evidence, 'Required attribute empty')[0]).toMatch(/^1 \(2 log entries\) — e\.g\. Jane Doe/);
    expect(value(f.evidence, 'Not entitled (NotEffectivelyEntitled: not assigned, out of scope or a bad assignment)')[0]).toMatch(/^1/);
    expect(f.fix.join(' ')).toMatch(/required attribute is empty/);
  });

  it('tells the three causes behind NotEffectivelyEntitled skips apart', () => {
    const problems = [
      logEntry('skipped', { details: { SkipReason: 'NotEffectivelyEntitled', 'Assigned to the application': 'False' } }),
      logEntry('skipped', { details: { SkipReason: 'NotEffectivelyEntitled', 'Assigned to the application': 'True', IsInProvisioningScope: 'False' } }),
      logEntry('skipped', { details: { SkipReason: 'NotEffectivelyEntitled', 'Assigned to the application': 'True', IsInProvisioningScope: 'True', IsEffectivelyEntitledForProvisioning: 'False' } }),
    ];
    const [f] = diagnoseStatus(appTopic(job(), { recentProblems: problems })).findings;
    const labels = f.evidence.map((e) => e.label);
    expect(labels).toContain('Not assigned to the app');
    expect(labels).toContain('Out of scope (scoping filter)');
    expect(labels).toContain('Not effectively entitled (re-assign to repair)');
  });

  it('reports a failed cycle with successive failures, and initial-cycle progress', () => {
    const failed = job({ lastExecution: { state: 'Failed', error: { code: 'TargetUnreachable', message: 'timeout' } }, countSuccessiveCompleteFailures: 4 });
    const f = diagnoseStatus(appTopic(failed)).findings[0];
    expect(f.cause).toBe('last-cycle-failed');
    expect(value(f.evidence, 'Failed cycles in a row')).toEqual(['4']);
    const first = job({ steadyStateFirstAchievedTime: '0001-01-01T00:00:00Z', lastExecution: null, progress: [{ completedUnits: 1, totalUnits: 3 }] });
    const g = diagnoseStatus(appTopic(first)).findings[0];
    expect(g.cause).toBe('initial-cycle');
    expect(value(g.evidence, 'Initial cycle progress')).toEqual(['33% (1 of 3)']);
  });

  it('includes the quarantine when there is one', () => {
    expect(diagnoseStatus(appTopic(quarantined('TooManyDeletes'))).findings[0].cause).toBe('quarantine-deletes');
  });
});

describe('diagnoseNotStarted', () => {
  it.each([
    [job({ code: 'Paused' }), 'paused', ['startProvisioning']],
    // Just started: NotRun with an Active schedule is a first cycle on its way, never "has never run — Start".
    [job({ code: 'NotRun' }), 'initial-cycle', []],
    // Set up but never switched on: the schedule is Disabled, yet nothing stopped it.
    [job({ code: 'NotRun', lastExecution: null }, { state: 'Disabled' }), 'never-run', ['startProvisioning', 'testConnection']],
    [job({ code: 'NotConfigured' }), 'not-configured', []],
    [job({ code: 'Quarantine' }, { state: 'Disabled' }), 'disabled', ['testConnection', 'startProvisioning']],
    [job(), 'running', []],
  ])('%#: tells the state apart', (j, cause, verbs) => {
    const [f] = diagnoseNotStarted(appTopic(j)).findings;
    expect(f.cause).toBe(cause);
    expect(f.remedies.map((r) => r.verb)).toEqual(verbs);
  });

  it('explains a first cycle still running', () => {
    const f = diagnoseNotStarted(appTopic(job({ steadyStateFirstAchievedTime: '0001-01-01T00:00:00Z' }))).findings[0];
    expect(f.cause).toBe('initial-cycle');
    expect(f.explanation).toMatch(/20 minutes to several hours.*watermarks.*40 minutes/);
  });

  it('survives a job with no status at all', () => {
    expect(diagnoseNotStarted(appTopic({ id: 'j' })).findings[0].cause).toBe('never-run');
  });
});

describe('diagnoseCredentials', () => {
  it('offers a test when none was run', () => {
    const [f] = diagnoseCredentials(appTopic()).findings;
    expect(f.cause).toBe('credentials-unchecked');
    expect(f.remedies.map((r) => r.verb)).toEqual(['testConnection']);
  });

  it('says ok, and offers to clear a credential quarantine that outlived the fix', () => {
    const [f] = diagnoseCredentials(appTopic(quarantined('EncounteredQuarantineException'), { credentialCheck: { ok: true } })).findings;
    expect(f.cause).toBe('credentials-ok');
    expect(f.remedies.map((r) => r.verb)).toEqual(['clearQuarantine']);
  });

  it('explains failures by kind', () => {
    const fail = (status: number, code: string, message: string) =>
      diagnoseCredentials(appTopic(job(), { credentialCheck: { ok: false, status, code, message } })).findings[0];
    expect(fail(400, 'BadRequest', 'HttpStatusCode: Unauthorized (401)').explanation).toMatch(/secret token/);
    expect(fail(400, 'BadRequest', 'The remote server returned 403 Forbidden').explanation).toMatch(/lacks permissions/);
    expect(fail(400, 'BadRequest', 'Could not resolve host; 404 Not Found').explanation).toMatch(/tenant URL/);
    expect(fail(403, 'Authorization_RequestDenied', 'Insufficient privileges').explanation).toMatch(/signed-in account/);
    expect(fail(400, 'BadRequest', 'x').cause).toBe('credentials-failed');
  });
});

describe('diagnose', () => {
  it('dispatches on topic, and answers app evidence asked under skipped with the status', () => {
    expect(diagnose('quarantine', appTopic()).topic).toBe('quarantine');
    expect(diagnose('credentials', appTopic()).topic).toBe('credentials');
    expect(diagnose('not-started', appTopic()).topic).toBe('not-started');
    expect(diagnose('skipped', appTopic()).topic).toBe('status');
    expect(diagnose('status', appTopic()).summary).toBe('ServiceNow provisioning is healthy');
  });
});
