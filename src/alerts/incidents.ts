// Incidents: what is wrong with one provisioning job right now, as the alert poller sees it. Pure functions over
// a job's status. An incident's key (service principal + job + kind) is stable, so the same problem seen in
// many cycles is one incident; it recovers when its key is no longer current (the job is healthy again, or it
// now has a different problem, which is a new incident).
import { isQuarantined, jobPhase } from '../diagnose/jobState';
import { hasTime } from '../diagnose/time';
import type { AppEvidence, AppRef } from '../domain/types';
import type { SynchronizationTaskExecution } from '../graph/types';

export const INCIDENT_KINDS = ['quarantine', 'failing', 'escrow-rising', 'paused', 'disabled'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

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
export function currentIncident(evidence: AppEvidence | null | undefined): Incident | null {
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
  return null;
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
