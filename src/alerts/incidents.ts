// Incidents: what is wrong with one provisioning job right now, as the alert poller sees it. Pure functions over
// a job's status. An incident's key (service principal + job + kind) is stable, so the same problem seen in
// many cycles is one incident; it recovers when its key is no longer current (the job is healthy again, or it
// now has a different problem, which is a new incident).
import { intervalMinutes, isQuarantined, jobPhase } from '../diagnose/jobState';
import { hasTime, parseTime } from '../diagnose/time';
import { ALERT_DETECTORS, type AlertDetector, type AppEvidence, type AppRef } from '../domain/types';
import type { ProvisioningObjectSummary, SynchronizationTaskExecution } from '../graph/types';

/** One kind of incident per detector. */
export const INCIDENT_KINDS = ALERT_DETECTORS;
export type IncidentKind = AlertDetector;

/**
 * How bad each kind is, to tell "worse" from "better" when a job's problem changes: a quarantined job that
 * gets disabled has not recovered. Equal ranks are a change, neither worse nor better.
 */
export const INCIDENT_RANK: Record<IncidentKind, number> = {
  disabled: 5,
  deletions: 4,
  quarantine: 4,
  failing: 3,
  stalled: 2,
  paused: 2,
  'slow-cycle': 1,
  'escrow-rising': 1,
};

/**
 * What a detector needs beyond the job's own status (all optional, so a bare status still gives the classic
 * incidents). Every signal here is read from the job status the poller already has: no extra Graph request.
 */
export interface Signals {
  now?: Date;
  /** The job's usual cycle duration (median of earlier cycles this process saw), for `slow-cycle`. */
  usualCycleMs?: number;
  /** Hours without a finished cycle on an active job before `stalled`. Default STALLED_HOURS. */
  stalledHours?: number;
}

/** Default hours without a finished cycle before an active job is reported as stalled. */
export const STALLED_HOURS = 6;
/** A cycle is slow when it takes this many times its usual duration, and at least SLOW_MIN_EXTRA_MS longer. */
export const SLOW_FACTOR = 3;
const SLOW_MIN_EXTRA_MS = 30 * 60_000;

export interface Incident {
  /** `spId|jobId|kind`: the same problem in later cycles has the same key. */
  key: string;
  kind: IncidentKind;
  app: AppRef;
  /** One line for notifications and logs: "ServiceNow provisioning is in quarantine (…)". */
  summary: string;
  /** The quarantine reason, or the error code of a failed cycle, as Graph gave it. */
  reason?: string;
  /** When the problem began, where the job says (ISO 8601). */
  since?: string;
  /** For `stalled`: whole hours since the last cycle ended (each conversation sets its own limit). */
  quietHours?: number;
}

/**
 * Early warning for escrowed failures. Graph starts evaluating its quarantine thresholds from about 5,000
 * escrowed failures and quarantines above 40 % of events (or 40,000 failures). An admin wants to hear before
 * that, so a job warns when its last cycle ended with entry-level errors and either
 * - the raw escrow count reached a fifth of the 5,000 where evaluation starts (1,000), or
 * - escrowed failures are half the 40 % proportion (20 %) of the users in scope, counted only from 25
 *   failures so that one bad user in a pilot of three does not page a channel.
 * Graph gives one snapshot per job, not a history, so "rising" is read from these levels, not from a trend.
 */
export const ESCROW_WARNING = { rawCount: 1_000, share: 0.2, minEscrowed: 25 } as const;

export function incidentKey(spId: string, jobId: string, kind: IncidentKind): string {
  return `${spId}|${jobId}|${kind}`;
}

/** The app's current incident, or null when the job is healthy, never ran, is not configured, or unreadable. */
export function currentIncident(evidence: AppEvidence | null | undefined, signals: Signals = {}): Incident | null {
  const job = evidence?.job;
  const app = evidence?.app;
  if (!job || !app || typeof app.spId !== 'string' || typeof app.jobId !== 'string') return null;
  const status = job.status;
  const last = status?.lastExecution;
  const name = app.displayName || app.spId;
  const make = (kind: IncidentKind, summary: string, extra: Pick<Incident, 'reason' | 'since'> = {}): Incident => ({
    key: incidentKey(app.spId, app.jobId, kind),
    kind,
    app,
    summary,
    ...(extra.reason ? { reason: extra.reason } : {}),
    ...(extra.since ? { since: extra.since } : {}),
  });

  // jobPhase already tells "disabled after running" from "never switched on" (a never-run job is no incident).
  const phase = jobPhase(job);
  if (phase === 'not-configured' || phase === 'never-run') return null;
  if (phase === 'disabled') return make('disabled', `${name} provisioning is disabled`);
  if (phase === 'quarantine' || isQuarantined(job)) {
    const reason = text(status?.quarantine?.reason);
    // The accidental-deletions threshold stops a job the same way, with its own reason: a different fix.
    if (reason?.toLowerCase() === 'toomanydeletes') {
      return make('deletions', `${name} provisioning was stopped by the accidental-deletions threshold: the cycle wanted to delete or disable more accounts than allowed`, {
        reason,
        since: time(status?.quarantine?.currentBegan) ?? time(status?.quarantine?.seriesBegan),
      });
    }
    return make('quarantine', `${name} provisioning is in quarantine${reason ? ` (${reason})` : ''}`, {
      reason,
      since: time(status?.quarantine?.currentBegan) ?? time(status?.quarantine?.seriesBegan),
    });
  }
  if (phase === 'paused') return make('paused', `${name} provisioning is paused`);

  const failures = count(status?.countSuccessiveCompleteFailures);
  if (phase === 'last-cycle-failed' || failures > 0) {
    const inARow = failures > 1 ? ` (${failures} complete failures in a row)` : '';
    return make('failing', `${name} provisioning is failing: the last cycle failed${inARow}`, {
      reason: text(last?.error?.code),
      since: time(last?.timeBegan),
    });
  }

  const escrow = escrowWarning(last);
  if (escrow) return make('escrow-rising', `${name} provisioning has ${escrow} and is heading toward quarantine`);
  if (phase === 'initial-cycle') return null;
  const stalled = stalledSince(job.schedule?.interval, last, signals);
  if (stalled) return { ...make('stalled', `${name} provisioning has finished no cycle for ${stalled.hours} hours although the job is active`, { since: stalled.since }), quietHours: stalled.hours };
  const slow = slowCycle(last, signals);
  if (slow) return make('slow-cycle', `${name} provisioning's last cycle took ${slow.took}, ${slow.times}× its usual ${slow.usual}`, { since: time(last?.timeBegan) });
  return null;
}

/**
 * An active job whose last cycle ended long ago: no provisioning events for `stalledHours` (and at least three
 * scheduled intervals, so a job that runs every 12 hours is not called stalled after 6).
 */
function stalledSince(interval: string | null | undefined, last: SynchronizationTaskExecution | null | undefined, signals: Signals): { hours: number; since: string } | null {
  const ended = parseTime(last?.timeEnded);
  if (!signals.now || ended === null || !last?.timeEnded) return null;
  const minutes = intervalMinutes(interval) ?? 40;
  const limitMs = Math.max((signals.stalledHours ?? STALLED_HOURS) * 3_600_000, 3 * minutes * 60_000);
  const quietMs = signals.now.getTime() - ended;
  return quietMs > limitMs ? { hours: Math.floor(quietMs / 3_600_000), since: last.timeEnded } : null;
}

/** The last cycle took SLOW_FACTOR times its usual duration (known only once earlier cycles were seen). */
function slowCycle(last: SynchronizationTaskExecution | null | undefined, signals: Signals): { took: string; usual: string; times: number } | null {
  const took = cycleMs(last);
  const usual = signals.usualCycleMs;
  if (took === null || !usual || usual <= 0) return null;
  if (took < SLOW_FACTOR * usual || took - usual < SLOW_MIN_EXTRA_MS) return null;
  return { took: minutesText(took), usual: minutesText(usual), times: Math.round(took / usual) };
}

/**
 * Accidental-deletion risk before the threshold stops the job: a steady job whose last cycle exported at least
 * SPIKE.exports changes is worth one log read (the signal), and is an incident when at least SPIKE.removals of
 * that cycle's entries disabled or deleted accounts, and they are at least half of them.
 */
export const SPIKE = { exports: 20, removals: 20, share: 0.5 } as const;

/** True when the job's status alone is worth a look at its logs for a spike of removals. */
export function removalSignal(evidence: AppEvidence): boolean {
  const last = evidence.job?.status?.lastExecution;
  return jobPhase(evidence.job) === 'healthy' && count(last?.countExported) >= SPIKE.exports && hasTime(last?.timeBegan);
}

/** The spike incident from the last cycle's log entries (newest first), or null when the removals are few. */
export function removalSpike(evidence: AppEvidence, entries: ProvisioningObjectSummary[]): Incident | null {
  const began = parseTime(evidence.job.status?.lastExecution?.timeBegan);
  if (began === null) return null;
  const cycle = entries.filter((e) => (parseTime(e.activityDateTime) ?? 0) >= began);
  const removals = cycle.filter((e) => /^(delete|disable|stageddelete)$/i.test(String(e.provisioningAction ?? ''))).length;
  if (removals < SPIKE.removals || removals < SPIKE.share * cycle.length) return null;
  const { app } = evidence;
  const name = app.displayName || app.spId;
  return {
    key: incidentKey(app.spId, app.jobId, 'deletions'),
    kind: 'deletions',
    app,
    summary: `${name} provisioning disabled or deleted ${removals} accounts in its last cycle (${Math.round((removals / cycle.length) * 100)} % of what it did): check this is intended`,
    since: new Date(began).toISOString(),
  };
}

/** How long a finished cycle took, or null when its times are missing. */
export function cycleMs(last: SynchronizationTaskExecution | null | undefined): number | null {
  const began = parseTime(last?.timeBegan);
  const ended = parseTime(last?.timeEnded);
  return began !== null && ended !== null && ended >= began ? ended - began : null;
}

function minutesText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes >= 120 ? `${Math.round(minutes / 60)} h` : `${minutes} min`;
}

/** The words for an escrow level past the early warning, or null below it. */
function escrowWarning(last: SynchronizationTaskExecution | null | undefined): string | null {
  if ((last?.state ?? '').toLowerCase() !== 'entrylevelerrors') return null;
  const raw = count(last?.countEscrowedRaw);
  const escrowed = count(last?.countEscrowed);
  const entitled = count(last?.countEntitledForProvisioning);
  if (raw >= ESCROW_WARNING.rawCount) return `${raw.toLocaleString('en-US')} escrowed failures`;
  if (entitled > 0 && escrowed >= ESCROW_WARNING.minEscrowed && escrowed >= ESCROW_WARNING.share * entitled) {
    return `${escrowed.toLocaleString('en-US')} escrowed failures (${Math.round((escrowed / entitled) * 100)} % of ${entitled.toLocaleString('en-US')} in scope)`;
  }
  return null;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function time(value: string | null | undefined): string | undefined {
  return hasTime(value) ? value : undefined;
}
