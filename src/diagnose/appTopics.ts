// The app topics: quarantine, status, not-started and credentials, diagnosed from one job's status (and, for
// status, its recent failed or skipped log entries; for credentials, the test-connection outcome).
import type { AppTopicEvidence, Cause, Diagnosis, Fact, Finding, Remedy, Severity } from '../domain/types';
import { explainProvisioningError } from './errorCodes';
import { appName, serviceMessage, diagnosis, fact, logsCaveat, remedy, withCaveats } from './findings';
import { firstCyclePending, isQuarantined, jobFacts, jobPhase, progressFacts, type JobPhase } from './jobState';
import { quarantineClock } from './quarantineClock';
import { CAUSES, classifyEntry, groupByCause, type CauseGroup } from './causes';
import { entryError, entryStatus } from './readLog';
import { formatWhen, hasTime } from './time';

export const RETRY_CADENCE =
  'While in quarantine the service tries less often: after 6 hours, 12 hours and 24 hours, then once a day. ' +
  'If the job stays in quarantine for four weeks, it is disabled.';

// Microsoft's quarantine thresholds (application-provisioning-quarantine-status).
const ESCROW_THRESHOLDS =
  'The service starts checking once about 5,000 changes have failed, and quarantines a job when more than 40 % of its ' +
  'changes fail or more than 40,000 fail (60,000 counting failed references).';

const FIRST_CYCLE =
  'The first cycle can take from 20 minutes to several hours, depending on how many users and groups are in scope. ' +
  'Later cycles are incremental thanks to watermarks (only changes are read), about every 40 minutes.';

type QuarantineKind = 'credentials' | 'escrow' | 'deletes' | 'other';

/** The reason decides; the error code only helps when the reason is Unknown or missing. */
function quarantineKind(reason: string, errorCode: string): QuarantineKind {
  const r = reason.toLowerCase();
  if (r === 'encounteredquarantineexception') return 'credentials';
  if (r.startsWith('encountered') && r.includes('escrow')) return 'escrow';
  if (r === 'toomanydeletes') return 'deletes';
  if ((r === '' || r === 'unknown') && /credential|unauthori[sz]ed|invalidtoken/i.test(errorCode)) return 'credentials';
  return 'other';
}

export const REASON_WORDS: Record<string, string> = {
  encounteredquarantineexception: 'the target rejected the provisioning service’s credentials (a wrong tenant URL, or an expired or revoked secret token or admin password)',
  encounteredbaseescrowthreshold: 'the number of failed users passed the service’s threshold',
  encounteredtotalescrowthreshold: 'the total number of failed users passed the service’s limit (40,000 failures)',
  encounteredescrowproportionthreshold: 'too large a share of changes failed (more than 40 %)',
  toomanydeletes: 'the cycle wanted to delete or disable more accounts than the accidental-deletion threshold allows',
  quarantinedondemand: 'an administrator put the job in quarantine on purpose',
  // The docs spell it QuarantineOnDemand, the metadata QuarantinedOnDemand: both mean the same.
  quarantineondemand: 'an administrator put the job in quarantine on purpose',
  ingestioninterrupted: 'reading changes from the source was interrupted',
  unknown: 'the service did not say why',
};

/** "25 deletions per cycle", from the job's settings; undefined when the job does not carry it. */
function deletionThreshold(job: AppTopicEvidence['app']['job']): string | undefined {
  const value = Number(job.synchronizationJobSettings?.find((s) => /^quarantinetoomanydeletesthreshold$/i.test(String(s?.name ?? '')))?.value);
  return Number.isFinite(value) && value > 0 ? `${value} deletions per cycle` : undefined;
}

/** The quarantine finding, or null when the job is not in quarantine. */
export function quarantineFinding(e: AppTopicEvidence): Finding | null {
  const job = e.app?.job;
  if (!isQuarantined(job)) return null;
  const app = e.app.app;
  const q = job.status?.quarantine ?? {};
  const reason = (q.reason ?? '').trim();
  const errorCode = (q.error?.code ?? '').trim();
  const kind = quarantineKind(reason, errorCode);
  const name = appName(app);
  const seen = { seenState: job.status?.code ?? 'Quarantine' };
  const clock = quarantineClock(q, e.now);
  const because = REASON_WORDS[reason.toLowerCase()] ?? (reason ? `the service gave the reason ${reason}` : 'the service did not say why');

  const evidence: Fact[] = [
    ...fact('Reason', reason || undefined),
    ...fact('In quarantine since', hasTime(q.currentBegan) ? formatWhen(q.currentBegan, e.now) : undefined),
    ...fact(
      'Quarantine series began',
      hasTime(q.seriesBegan) ? `${formatWhen(q.seriesBegan, e.now)}${q.seriesCount ? ` (${q.seriesCount} quarantine${q.seriesCount === 1 ? '' : 's'} in a row)` : ''}` : undefined,
    ),
    ...fact('Next retry', clock.nextRetry ? `${formatWhen(clock.nextRetry, e.now)}${clock.nextRetryEstimated ? ' (estimated from the 6 h, 12 h, 24 h, then daily cadence)' : ''}` : undefined),
    ...fact('Error code', errorCode || undefined),
    ...fact('Error message', serviceMessage(q.error?.message)),
    // The threshold the deletions went past, from the job's own settings (QuarantineTooManyDeletesThreshold).
    ...fact('Deletion threshold', kind === 'deletes' ? deletionThreshold(job) : undefined),
    ...fact(
      'Job disabled if still in quarantine',
      clock.disabledAt ? `${formatWhen(clock.disabledAt, e.now)} — ${clock.daysLeft === 0 ? 'today' : `${clock.daysLeft} day${clock.daysLeft === 1 ? '' : 's'} left`}` : undefined,
    ),
  ];

  const byKind: Record<QuarantineKind, { cause: Cause; title: string; fix: string[]; remedies: Remedy[] }> = {
    credentials: {
      cause: 'quarantine-credentials',
      title: `${name} provisioning is in quarantine: the target rejected the credentials`,
      fix: [
        'Test the connection to see whether the saved credentials work now.',
        /password|user ?name|admin user/i.test(`${errorCode} ${q.error?.message ?? ''}`)
          ? 'If it fails, check the instance name, admin user name and password in Provisioning → Admin credentials (the account may be locked or its password changed) and save.'
          : 'If it fails, check the Tenant URL and generate a new secret token in the target application, paste it into Provisioning → Admin credentials and save.',
        'When the test passes, clear the quarantine so provisioning resumes at once.',
      ],
      remedies: [remedy('testConnection', 'Test connection', app, seen), remedy('clearQuarantine', 'Clear quarantine', app, seen)],
    },
    escrow: {
      cause: 'quarantine-escrow',
      title: `${name} provisioning is in quarantine: too many users failed`,
      fix: [
        'Open the provisioning logs for this app, filtered on status Failure, and look for the error most of them share.',
        'Fix that common error (often a required attribute that is empty, or a mapping the target does not accept).',
        'Then restart provisioning so the failed users are tried again.',
      ],
      remedies: [remedy('restartProvisioning', 'Restart provisioning', app, seen)],
    },
    deletes: {
      cause: 'quarantine-deletes',
      title: `${name} provisioning is in quarantine: too many deletions at once`,
      fix: [
        'Review which accounts the cycle wanted to delete or disable (provisioning logs, action Delete or Disable).',
        'If they are a mistake (for example a scoping filter or assignment removed by accident), undo that change first.',
        'Then restart provisioning.',
      ],
      remedies: [remedy('restartProvisioning', 'Restart provisioning', app, seen)],
    },
    other: {
      cause: 'quarantine-other',
      title: `${name} provisioning is in quarantine`,
      fix: ['Read the error below and fix what it names.', 'Test the connection, then restart provisioning.'],
      remedies: [remedy('testConnection', 'Test connection', app, seen), remedy('restartProvisioning', 'Restart provisioning', app, seen)],
    },
  };
  const chosen = byKind[kind];
  return {
    cause: chosen.cause,
    severity: 'error',
    title: chosen.title,
    explanation: `The job is in quarantine because ${because}.${kind === 'escrow' ? ` ${ESCROW_THRESHOLDS}` : ''} ${RETRY_CADENCE}`,
    evidence,
    fix: chosen.fix,
    remedies: chosen.remedies,
    app,
  };
}

export function diagnoseQuarantine(e: AppTopicEvidence): Diagnosis {
  const found = quarantineFinding(e);
  const app = e.app.app;
  const findings: Finding[] = found
    ? [found]
    : [
        {
          cause: 'not-quarantined',
          severity: 'ok',
          title: `${appName(app)} provisioning is not in quarantine`,
          explanation: `The job is not in quarantine. Its current state is ${e.app.job?.status?.code ?? 'unknown'}.`,
          evidence: jobFacts(e.app.job, e.now),
          fix: [],
          remedies: [],
          app,
        },
      ];
  return diagnosis('quarantine', appSubject(e), findings, '');
}

function appSubject(e: AppTopicEvidence): Diagnosis['subject'] {
  return { kind: 'app', id: e.app.app.spId, displayName: e.app.app.displayName };
}

function countFacts(e: AppTopicEvidence): Fact[] {
  const last = e.app.job?.status?.lastExecution;
  // The sentinel execution of a job that has not run yet has counts of 0 that describe nothing.
  if (!last || !hasTime(last.timeBegan)) return [];
  const parts = (
    [
      ['imported', last.countImported],
      ['exported', last.countExported],
      ['failed (escrowed)', last.countEscrowed],
      ['in scope', last.countEntitledForProvisioning],
    ] as const
  ).filter(([, n]) => typeof n === 'number');
  return fact('Last cycle counts', parts.map(([label, n]) => `${n} ${label}`).join(', ') || undefined);
}

function problemFacts(groups: CauseGroup[], now: string): Fact[] {
  return groups.map((g) => {
    const names = [...new Set(g.entries.map((x) => x.sourceIdentity?.displayName?.trim()).filter((n): n is string => !!n))];
    const newest = g.entries.map((x) => x.activityDateTime).filter(hasTime).sort().at(-1);
    const who = names.length ? ` — e.g. ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''}` : '';
    // People, not log entries: one user failing every cycle is one problem.
    const people = new Set(g.entries.map((x) => x.sourceIdentity?.id ?? x.id)).size;
    const count = people === g.entries.length ? `${people}` : `${people} (${g.entries.length} log entries)`;
    return { label: g.label, value: `${count}${who}${newest ? `; latest ${formatWhen(newest, now)}` : ''}` };
  });
}

/** The finding for a job's phase; `quietCause` names the all-is-well cause of the topic asking. */
function phaseFinding(e: AppTopicEvidence, phase: JobPhase, quietCause: 'healthy' | 'running'): Finding {
  const app = e.app.app;
  const job = e.app.job;
  const status = job?.status;
  const name = appName(app);
  const seen = { seenState: status?.code ?? undefined };
  const base = { app, evidence: [...jobFacts(job, e.now), ...progressFacts(status, e.now), ...countFacts(e)] };
  const make = (cause: Cause, severity: Severity, title: string, explanation: string, fix: string[], remedies: Remedy[] = []): Finding => ({
    cause,
    severity,
    title,
    explanation,
    fix,
    remedies,
    ...base,
  });
  switch (phase) {
    case 'quarantine':
      return quarantineFinding(e) as Finding;
    case 'not-configured':
      return make('not-configured', 'warning', `${name} provisioning is not configured`,
        'Provisioning has not been set up for this app yet (no saved admin credentials and settings), so nothing runs.',
        ['Open the app → Provisioning, set Provisioning Mode to Automatic, enter the Tenant URL and secret token, select Test Connection and save.', 'Then set Provisioning Status to On and save.']);
    case 'disabled': {
      const quarantine = quarantineFinding(e);
      return {
        ...make('disabled', 'error', `${name} provisioning is disabled`,
          'The job’s schedule is Disabled, so no cycles run. Either someone set Provisioning Status to Off, or the service disabled the job after four weeks in quarantine.' +
            (quarantine ? ' This job is also in quarantine, so fix the quarantine cause first.' : ''),
          ['Fix what stopped it (test the connection; read the last error).', 'Then start provisioning again.'],
          [remedy('testConnection', 'Test connection', app, seen), remedy('startProvisioning', 'Start provisioning', app, seen)]),
        evidence: [...base.evidence, ...(quarantine?.evidence ?? [])],
      };
    }
    case 'paused':
      return make('paused', 'warning', `${name} provisioning is paused`,
        'Provisioning was stopped (Provisioning Status set to Off, or paused). Nobody is created, updated or removed until it starts again; it then picks up where it left off.',
        ['Start provisioning.'], [remedy('startProvisioning', 'Start provisioning', app, seen)]);
    case 'never-run':
      return make('never-run', 'warning', `${name} provisioning has never run`,
        `The job exists but has not run a single cycle${String(job?.schedule?.state ?? '').toLowerCase() === 'disabled' ? ': Provisioning Status was never set to On' : ''}. ${FIRST_CYCLE}`,
        ['Check the admin credentials with Test connection.', 'Start provisioning.'],
        [remedy('startProvisioning', 'Start provisioning', app, seen), remedy('testConnection', 'Test connection', app, seen)]);
    case 'last-cycle-failed': {
      const error = status?.lastExecution?.error;
      const failures = status?.countSuccessiveCompleteFailures;
      return {
        ...make('last-cycle-failed', 'error', `The last provisioning cycle of ${name} failed`,
          `The whole cycle failed${error?.code ? ` with ${error.code}` : ''}${error?.message ? `: “${serviceMessage(error.message)}”` : '.'}` +
            (failures ? ` It is ${failures} failed cycle${failures === 1 ? '' : 's'} in a row; if most calls keep failing, the job goes into quarantine.` : ''),
          ['Test the connection to rule out credentials.', 'Fix what the error names, then restart provisioning.'],
          [remedy('testConnection', 'Test connection', app, seen), remedy('restartProvisioning', 'Restart provisioning', app, seen)]),
        evidence: [...base.evidence, ...fact('Failed cycles in a row', failures ?? undefined), ...fact('Error code', error?.code ?? undefined)],
      };
    }
    case 'initial-cycle':
      return firstCyclePending(job)
        ? make('initial-cycle', 'info', `${name} provisioning has started; its first cycle is on its way`,
            `The job is switched on (schedule Active) and shows NotRun until its first cycle reports: nothing has failed. ${FIRST_CYCLE}`,
            ['Wait for the first cycle; to check one user now, ask about that user and provision on demand.'])
        : make('initial-cycle', 'info', `${name} is still running its first provisioning cycle`, FIRST_CYCLE,
            ['Wait for the first cycle to finish; to check one user now, ask about that user and provision on demand.']);
    case 'entry-level-errors':
      return make(quietCause === 'running' ? 'running' : 'entry-level-errors', 'warning', `${name} provisioning runs, but some users failed`,
        'The last cycle finished, but some changes could not be applied. They are retried in later cycles; fix the common error to clear them.',
        ['Read the grouped failures below and fix the most common one first.']);
    case 'healthy':
      return make(quietCause, 'ok', `${name} provisioning is ${quietCause === 'running' ? 'running' : 'healthy'}`,
        'The job is active and its last cycle succeeded. Cycles run about every 40 minutes and pick up only changes.', []);
  }
}

/** Adds the grouped recent problems to a finding, with how to fix the most common failure. */
function withProblems(finding: Finding, e: AppTopicEvidence): Finding {
  const groups = groupByCause((e.recentProblems ?? []).filter((entry) => entry && CAUSES[classifyEntry(entry).cause].problem));
  if (groups.length === 0) return finding;
  const topFailure = groups.find((g) => entryStatus(g.entries[0]) === 'failure' && entryError(g.entries[0]));
  const explained = topFailure ? explainProvisioningError(entryError(topFailure.entries[0])) : undefined;
  return {
    ...finding,
    evidence: [...finding.evidence, ...problemFacts(groups, e.now)],
    fix: explained ? [...finding.fix, `Most common failure, ${explained.code}: ${explained.title}.`, ...explained.fix] : finding.fix,
  };
}

export function diagnoseStatus(e: AppTopicEvidence): Diagnosis {
  const finding = withProblems(phaseFinding(e, jobPhase(e.app?.job), 'healthy'), e);
  return withCaveats(diagnosis('status', appSubject(e), [finding], ''), logsCaveat(e.logsUnavailable));
}

export function diagnoseNotStarted(e: AppTopicEvidence): Diagnosis {
  return diagnosis('not-started', appSubject(e), [phaseFinding(e, jobPhase(e.app?.job), 'running')], '');
}

type FailedCheck = Extract<NonNullable<AppTopicEvidence['credentialCheck']>, { ok: false }>;

function credentialFailure(check: FailedCheck): { problem: string; fix: string[] } {
  const text = `${check.code} ${check.message}`;
  if (/Authorization_RequestDenied|AccessDenied/i.test(check.code)) {
    return {
      problem: 'Microsoft Graph refused the test itself: the signed-in account may not test this app’s connection.',
      fix: ['Ask someone with the Application Administrator or Cloud Application Administrator role to test the connection.'],
    };
  }
  // Gallery apps such as ServiceNow sign in with an admin user name and password, not a token.
  if (/password|user ?name|admin user/i.test(text)) {
    return {
      problem: 'The target application rejected the admin user name or password saved for provisioning (or the instance name is wrong).',
      fix: ['Check the instance name, admin user name and password in Provisioning → Admin credentials (the account may be locked or its password changed).', 'Save and test again.'],
    };
  }
  if (/\b401\b|unauthori[sz]ed|invalidcredentials|token|secret/i.test(text)) {
    return {
      problem: 'The target application rejected the secret token: it is wrong, expired or was revoked.',
      fix: ['Generate a new secret token in the target application.', 'Paste it into Provisioning → Admin credentials, save, and test again.'],
    };
  }
  if (/\b403\b|forbidden/i.test(text)) {
    return {
      problem: 'The target application accepted the token but refused access (403): the account behind the token lacks permissions.',
      fix: ['Give the integration account in the target application the rights to manage users.', 'Then test again.'],
    };
  }
  if (/\b404\b|not ?found|url|resolve|unreachable|timed? ?out|unavailable/i.test(text)) {
    return {
      problem: 'The tenant URL could not be reached or is not the application’s SCIM endpoint.',
      fix: ['Check the Tenant URL in Provisioning → Admin credentials against the application’s documentation.', 'Save and test again.'],
    };
  }
  return { problem: 'The test connection failed.', fix: ['Check the Tenant URL and the secret token, save, and test again.'] };
}

export function diagnoseCredentials(e: AppTopicEvidence): Diagnosis {
  const app = e.app.app;
  const name = appName(app);
  const check = e.credentialCheck;
  const seen = { seenState: e.app.job?.status?.code ?? undefined };
  const quarantine = quarantineFinding(e);
  let finding: Finding;
  if (!check) {
    finding = {
      cause: 'credentials-unchecked',
      severity: 'info',
      title: `The connection to ${name} has not been tested yet`,
      explanation: 'Testing the connection checks that the saved Tenant URL and secret token are accepted by the target application.',
      evidence: jobFacts(e.app.job, e.now),
      fix: ['Test the connection.'],
      remedies: [remedy('testConnection', 'Test connection', app, seen)],
      app,
    };
  } else if (check.ok) {
    const stuck = quarantine?.cause === 'quarantine-credentials';
    finding = {
      cause: 'credentials-ok',
      severity: 'ok',
      title: `${name} accepts the saved credentials`,
      explanation:
        'Test connection succeeded: the Tenant URL and secret token work.' +
        (stuck ? ' The job is still in quarantine from earlier credential failures; clear it so provisioning resumes now.' : ''),
      evidence: [{ label: 'Test connection', value: 'succeeded' }],
      fix: stuck ? ['Clear the quarantine.'] : [],
      remedies: stuck ? [remedy('clearQuarantine', 'Clear quarantine', app, seen)] : [],
      app,
    };
  } else {
    const { problem, fix } = credentialFailure(check);
    finding = {
      cause: 'credentials-failed',
      severity: 'error',
      title: `The connection test to ${name} failed`,
      explanation: problem,
      evidence: [
        ...fact('HTTP status', check.status),
        ...fact('Error code', check.code),
        ...fact('Message', serviceMessage(check.message)),
      ],
      fix,
      remedies: [remedy('testConnection', 'Test again', app, seen)],
      app,
    };
  }
  const findings = quarantine && finding.cause !== 'credentials-ok' ? [finding, quarantine] : [finding];
  return diagnosis('credentials', appSubject(e), findings, '');
}

