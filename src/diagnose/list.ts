// "Who was skipped in Salesforce today?", "show me provisioning errors this week": the entries of a time window,
// counted by distinct person and grouped by cause with the same cause table a single person's diagnosis uses
// (causes.ts). Each person counts once per app, by their newest matching entry in the window (a person retried
// every cycle would otherwise count once per cycle). Pure: no I/O.
import type { AppRef, ListKind, Severity } from '../domain/types';
import type { ProvisioningObjectSummary, SynchronizationJob } from '../graph/types';
import { CAUSES, classifyEntry, type EntryCause } from './causes';
import { jobPhase, type JobPhase } from './jobState';
import { entryStatus } from './readLog';
import { formatTime } from './time';

export interface ListEvidence {
  kind: ListKind;
  /** "today", "in the last 24 hours", "this week". */
  windowLabel: string;
  /** The app asked about; none for "all apps". */
  app?: AppRef;
  /** The window's entries the server returned (already filtered by app, time, status and action), newest first. */
  entries: ProvisioningObjectSummary[];
  /** Set when the window holds more entries than were read: a lower bound of their number. */
  atLeast?: number;
  /** Set when the window holds more than was read: the oldest moment read; before it nothing is known. */
  readBackTo?: string;
  /** Why the logs could not be read (no licence, no permission). */
  logsUnavailable?: string;
  /** The app's job, when one app is listed: an empty list from a job that does not run normally says so. */
  job?: SynchronizationJob;
  /** Every app's job, when all apps are listed: an app that broke as a whole ("did anything break?") is said too. */
  apps?: ReadonlyArray<{ app: AppRef; job: SynchronizationJob }>;
}

export interface ListedPerson {
  kind: 'user' | 'group';
  id: string;
  displayName: string;
  app: { spId: string; jobId: string; displayName: string };
  /** The newest entry's time. */
  at: string;
  cause: EntryCause;
  /** The cause in plain words (the group this person is in). */
  label: string;
  /** The newest entry failed: provision on demand may retry it (a skip would be skipped again). */
  failed: boolean;
}

export interface ListGroup {
  cause: EntryCause;
  label: string;
  people: ListedPerson[];
}

export interface ListResult {
  kind: ListKind;
  windowLabel: string;
  app?: AppRef;
  severity: Severity;
  headline: string;
  /** How it was counted (or why the logs could not be read). */
  scope: string;
  /** The headline and the scope (the text fallback). */
  summary: string;
  /** Distinct people (users and groups) listed. */
  peopleCount: number;
  /** Entries read (after filtering). */
  entryCount: number;
  /** Every person, newest first (once per app). */
  people: ListedPerson[];
  /** Biggest group first. */
  groups: ListGroup[];
  /** Set when the read stopped at its bound: "the newest N of at least M" entries. */
  bounded?: { read: number; atLeast: number };
  logsUnavailable?: string;
}

const WHAT: Record<ListKind, { noun: (n: number) => string; none: string }> = {
  skipped: { noun: (n) => `${n} ${n === 1 ? 'person was' : 'people were'} skipped`, none: 'Nobody was skipped' },
  failure: { noun: (n) => `${n} ${n === 1 ? 'person' : 'people'} failed`, none: 'Nothing failed' },
  problems: { noun: (n) => `${n} ${n === 1 ? 'person' : 'people'} failed or ${n === 1 ? 'was' : 'were'} skipped`, none: 'No failures or skips' },
  created: { noun: (n) => `${n} ${n === 1 ? 'account was' : 'accounts were'} created`, none: 'No accounts were created' },
  removed: { noun: (n) => `${n} ${n === 1 ? 'account was' : 'accounts were'} disabled or deleted`, none: 'No accounts were disabled or deleted' },
};

const key = (id: string, spId: string) => `${id.toLowerCase()}|${spId.toLowerCase()}`;

function person(entry: ProvisioningObjectSummary, app: AppRef | undefined): ListedPerson | undefined {
  const id = entry.sourceIdentity?.id;
  const spId = app?.spId ?? entry.servicePrincipal?.id;
  if (!id || !spId) return undefined;
  const reading = classifyEntry(entry);
  return {
    kind: /group/i.test(String(entry.sourceIdentity?.identityType ?? '')) ? 'group' : 'user',
    id,
    displayName: entry.sourceIdentity?.displayName?.trim() || id,
    app: {
      spId,
      jobId: app?.jobId ?? entry.jobId ?? '',
      displayName: app?.displayName ?? entry.servicePrincipal?.displayName ?? 'the app',
    },
    at: entry.activityDateTime,
    cause: reading.cause,
    label: CAUSES[reading.cause].group(reading, entry),
    failed: entryStatus(entry) === 'failure',
  };
}

/** Why an app's cycles reach nobody, in a few words; undefined when its job runs normally. */
function notRunning(app: AppRef, job: SynchronizationJob | undefined): string | undefined {
  if (!job) return undefined;
  const name = app.displayName;
  const phrase: Partial<Record<JobPhase, string>> = {
    quarantine: `${name} provisioning is in quarantine${job.status?.quarantine?.reason ? ` (${job.status.quarantine.reason})` : ''}`,
    disabled: `${name} provisioning is disabled`,
    paused: `${name} provisioning is paused`,
    'never-run': `${name} provisioning has never run`,
    'last-cycle-failed': `the last cycle of ${name} failed as a whole`,
  };
  return phrase[jobPhase(job)];
}

export function diagnoseList(e: ListEvidence): ListResult {
  const newest = [...e.entries].sort((a, b) => String(b.activityDateTime).localeCompare(String(a.activityDateTime)));
  const seen = new Map<string, ListedPerson>();
  for (const entry of newest) {
    const p = person(entry, e.app);
    if (p && !seen.has(key(p.id, p.app.spId))) seen.set(key(p.id, p.app.spId), p);
  }
  // A skip with nothing to change (already up to date) is Graph's "skipped", not a problem: said, not counted.
  const listed = [...seen.values()];
  // Created and removed accounts are what was asked for, not problems among other entries.
  const lists = e.kind === 'created' || e.kind === 'removed';
  const people = lists ? listed : listed.filter((p) => CAUSES[p.cause].problem);
  const fine = listed.length - people.length;
  const byLabel = new Map<string, ListGroup>();
  for (const p of people) {
    const group = byLabel.get(p.label) ?? { cause: p.cause, label: p.label, people: [] };
    group.people.push(p);
    byLabel.set(p.label, group);
  }
  const groups = [...byLabel.values()].sort((a, b) => b.people.length - a.people.length);
  const peopleCount = new Set(people.map((p) => p.id.toLowerCase())).size;
  const where = e.app ? `in ${e.app.displayName}` : 'across all apps';
  const what = WHAT[e.kind];
  const bounded = e.atLeast !== undefined ? { read: e.entries.length, atLeast: e.atLeast } : undefined;
  // "Nothing failed" from a job in quarantine or stopped is true per person and misleading about the app; across
  // all apps, an app that broke as a whole is part of what failed.
  // Likewise "no accounts were created" from a job that no longer runs.
  const stopped = e.app && peopleCount === 0 ? notRunning(e.app, e.job) : undefined;
  const appsDown = !e.app && !lists ? (e.apps ?? []).flatMap((a) => notRunning(a.app, a.job) ?? []) : [];
  const down = appsDown.length === 1 ? appsDown[0] : appsDown.length > 1 ? `${appsDown.length} apps do not run normally` : undefined;
  // None among the newest entries says nothing of the window's unread older part.
  const unread = bounded && peopleCount === 0 ? formatTime(e.readBackTo) || undefined : undefined;
  const headline = e.logsUnavailable
    ? `I could not read the provisioning logs ${where}`
    : unread
      ? `${what.none} ${where} since ${unread}, but I could not read further back`
      : peopleCount === 0
      ? `${what.none} ${where} ${e.windowLabel}${stopped ?? down ? `, but ${stopped ?? down}` : ''}`
      : `${bounded ? 'At least ' : ''}${what.noun(peopleCount)} ${where} ${e.windowLabel}`;
  const severity: Severity = e.logsUnavailable || unread || stopped || (down && peopleCount === 0) ? 'warning' : peopleCount === 0 || lists ? 'ok' : people.some((p) => p.failed) ? 'error' : 'warning';
  const basis = unread
    ? `Read from the newest log entries back to ${unread}, the most one question reads; the older part of the window was not read.`
    : bounded
    ? `Counted from the newest ${bounded.read} of at least ${bounded.atLeast} log entries in the window.`
    : `Counted from ${e.entries.length} log ${e.entries.length === 1 ? 'entry' : 'entries'}, each person once per app by their newest one.`;
  const counted = fine ? `${basis} ${fine} already up to date (skipped with nothing to change) ${fine === 1 ? 'is' : 'are'} not counted.` : basis;
  const notes = appsDown.length ? ` Not running normally: ${appsDown.join('; ')}.` : '';
  const scope = (e.logsUnavailable ? `The provisioning logs could not be read: ${e.logsUnavailable}.` : counted) + notes;
  return {
    kind: e.kind,
    windowLabel: e.windowLabel,
    ...(e.app ? { app: e.app } : {}),
    severity,
    headline,
    scope,
    summary: `${headline}. ${scope}`,
    peopleCount,
    entryCount: e.entries.length,
    people,
    groups,
    ...(bounded ? { bounded } : {}),
    ...(e.logsUnavailable ? { logsUnavailable: e.logsUnavailable } : {}),
  };
}

/** The people a bulk retry would provision on demand: those whose newest entry in the app failed. */
export function retryable(result: Pick<ListResult, 'people'>): ListedPerson[] {
  return result.people.filter((p) => p.failed && p.kind === 'user');
}
