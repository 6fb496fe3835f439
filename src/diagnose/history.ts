// The history of an app's provisioning: what the bot did (its own audit trail), what admins and the service
// did (Entra's audit log, category ProvisioningManagement) and what the job itself says about its cycles and
// quarantine, merged into one timeline, newest first. Pure: the evidence is read by gather/gatherHistory.
import type { AppEvidence, AppRef, Fact, HistoryFocus, RemedyVerb, Severity } from '../domain/types';
import { intervalMinutes, jobPhase, nextCycleAt } from './jobState';
import type { DirectoryAudit } from '../graph/types';
import { formatUtc, formatWhen, hasTime, parseTime } from './time';


/** An action recorded by this bot (storage/auditLog), as the timeline needs it. */
export interface BotAction {
  at: string;
  who: string;
  verb: RemedyVerb | string;
  action: string;
  result: string;
  target?: string;
}

export interface HistoryEvidence {
  now: string;
  app: AppEvidence;
  /** Entra audit-log entries about this app's provisioning, newest first. */
  directoryAudits: DirectoryAudit[];
  /** Why Entra's audit log could not be read (permission), or how it was cut short; said on the card. */
  directoryAuditsNote?: string;
  /** The read stopped at its bound with older entries left unread: "none" can only mean none among those read. */
  directoryAuditsCut?: boolean;
  botActions: BotAction[];
}

type EntryKind = 'restart' | 'start' | 'pause' | 'credentials' | 'mappings' | 'quarantine' | 'run' | 'other';

export interface TimelineEntry {
  at: string;
  /** "2026-11-20 08:41 UTC (3 h ago)" */
  when: string;
  who: string;
  what: string;
  /** Where it was read: this bot, Entra's audit log, or the job's own status. */
  source: 'bot' | 'entra' | 'job';
  /** succeeded, failed… when the record says. */
  result?: string;
  kind: EntryKind;
}

export interface HistoryView {
  app: AppRef;
  focus: HistoryFocus;
  severity: Severity;
  headline: string;
  /** The job's cycle facts: last run, last success, steady state, quarantine. */
  facts: Fact[];
  /** The whole timeline, newest first (the card pages through it). */
  entries: TimelineEntry[];
  caveats: string[];
}

const BOT_KINDS: Partial<Record<string, EntryKind>> = {
  restartProvisioning: 'restart',
  clearQuarantine: 'restart',
  startProvisioning: 'start',
  pauseProvisioning: 'pause',
};

/**
 * Entra's per-object provisioning events ("Export: User 'x' was created in …", one per user or group a cycle
 * touched; activity names from Microsoft's audit activity reference). The provisioning logs tell each of them
 * better, and in a busy app they fill the newest entries read and crowd the admins' own actions out.
 */
const PER_OBJECT_ACTIVITIES = new Set(['export', 'import', 'synchronization rule action', 'process escrow']);
const isPerObject = (a: DirectoryAudit) => PER_OBJECT_ACTIVITIES.has(String(a.activityDisplayName ?? '').trim().toLowerCase());

// Entra's activity names for provisioning ("Enable/restart provisioning configuration", "Update provisioning
// setting or credentials", "Update attribute mappings or scope", "Quarantine"…), matched by their words.
function entraKind(activity: string): EntryKind {
  const a = activity.toLowerCase();
  if (a.includes('quarantine')) return 'quarantine';
  if (a.includes('restart')) return 'restart';
  if (a.includes('credential') || a.includes('secret') || a.includes('token')) return 'credentials';
  if (a.includes('mapping') || a.includes('scope')) return 'mappings';
  if (a.includes('pause') || a.includes('disable')) return 'pause';
  if (a.includes('start') || a.includes('enable')) return 'start';
  return 'other';
}

function initiator(a: DirectoryAudit): string {
  const user = a.initiatedBy?.user;
  const app = a.initiatedBy?.app;
  return user?.displayName || user?.userPrincipalName || app?.displayName || app?.servicePrincipalName || 'Microsoft Entra';
}

/** The properties an audit entry changed on this app ("Changed: Secret Token"), values left out: they may be secrets. */
function changed(a: DirectoryAudit, spId: string): string {
  const target = (a.targetResources ?? []).find((t) => t?.id === spId) ?? a.targetResources?.[0];
  const names = (target?.modifiedProperties ?? []).map((p) => p?.displayName).filter((n): n is string => !!n);
  return names.length ? ` (changed: ${names.slice(0, 4).join(', ')}${names.length > 4 ? '…' : ''})` : '';
}

function cycleEntries(app: AppEvidence, now: string): TimelineEntry[] {
  const status = app.job.status;
  const entries: TimelineEntry[] = [];
  const add = (at: string | null | undefined, what: string, kind: EntryKind, result?: string) => {
    if (hasTime(at)) entries.push({ at, when: formatWhen(at, now), who: 'Provisioning service', what, source: 'job', kind, ...(result ? { result } : {}) });
  };
  const last = status?.lastExecution;
  const lastOk = status?.lastSuccessfulExecution;
  const counts = (e: typeof last) => (typeof e?.countExported === 'number' ? `, ${e.countExported} exported` : '');
  add(last?.timeEnded ?? last?.timeBegan, `Cycle ended: ${last?.state ?? 'unknown'}${counts(last)}`, 'run', last?.state ?? undefined);
  if (lastOk && lastOk.timeEnded !== last?.timeEnded) add(lastOk.timeEnded, `Last successful cycle${counts(lastOk)}`, 'run', lastOk.state ?? undefined);
  add(status?.steadyStateFirstAchievedTime, 'Initial cycle complete (steady state first reached)', 'run');
  const q = status?.code === 'Quarantine' ? status.quarantine : undefined;
  if (q) {
    add(q.seriesBegan, `Went into quarantine: ${q.reason ?? 'reason not given'}${q.error?.code ? ` (${q.error.code})` : ''}`, 'quarantine');
    if (q.currentBegan !== q.seriesBegan) add(q.currentBegan, `Quarantine retry ${q.seriesCount ?? ''}`.trim(), 'quarantine');
  }
  return entries;
}

function facts(app: AppEvidence, now: string): Fact[] {
  const status = app.job.status;
  const out: Fact[] = [];
  const last = status?.lastExecution;
  out.push({ label: 'Last run', value: hasTime(last?.timeBegan) ? `${formatWhen(last?.timeEnded ?? last?.timeBegan, now)}: ${last?.state ?? 'unknown'}` : 'never' });
  const ok = status?.lastSuccessfulExecution;
  out.push({ label: 'Last success', value: hasTime(ok?.timeEnded) ? formatWhen(ok?.timeEnded, now) : 'none yet' });
  out.push({
    label: 'Steady state',
    value: hasTime(status?.steadyStateLastAchievedTime) ? `last reached ${formatUtc(status?.steadyStateLastAchievedTime)}` : 'not reached yet (initial cycle)',
  });
  if (status?.code === 'Quarantine' && status.quarantine) {
    const q = status.quarantine;
    out.push({ label: 'Quarantine', value: `since ${formatUtc(q.seriesBegan)}, ${q.seriesCount ?? 0} retries, next ${hasTime(q.nextAttempt) ? formatUtc(q.nextAttempt) : 'not scheduled'}` });
  }
  return out;
}

const FOCUS_KINDS: Record<Exclude<HistoryFocus, 'all'>, EntryKind[]> = {
  runs: ['run', 'quarantine'],
  'last-success': ['run', 'quarantine'],
  'next-run': ['run', 'quarantine'],
  restarts: ['restart', 'start'],
  pauses: ['pause'],
  credentials: ['credentials'],
};

const FOCUS_WORDS: Record<Exclude<HistoryFocus, 'all' | 'runs' | 'last-success' | 'next-run'>, string> = {
  restarts: 'restart or start',
  pauses: 'pause or stop',
  credentials: 'credentials change',
};

/** Where "none" was looked for: the whole record, or only the newest entries read when the read was cut short. */
type Scope = { cutAt?: number };

/** "when did Slack last run successfully?": the last success, and the cycle after it when that one did not succeed. */
function lastSuccess(name: string, app: AppEvidence, now: string): { text: string; severity: Severity } {
  const status = app.job.status;
  const ok = status?.lastSuccessfulExecution;
  const last = status?.lastExecution;
  const lastEnd = last?.timeEnded ?? last?.timeBegan;
  const lastSaid = `${formatWhen(lastEnd, now)}: ${last?.state ?? 'unknown'}`;
  if (!hasTime(ok?.timeEnded)) {
    return { text: hasTime(last?.timeBegan) ? `${name} has no successful cycle on record; its last cycle ended ${lastSaid}` : `${name} provisioning has not run yet`, severity: 'warning' };
  }
  const since = hasTime(lastEnd) && (parseTime(lastEnd) ?? 0) > (parseTime(ok?.timeEnded) ?? 0) && !/^succeeded$/i.test(String(last?.state ?? ''));
  // A success long ago says little without why none came after: the job no longer runs.
  const phase = jobPhase(app.job);
  const stopped = phase === 'paused' || phase === 'disabled' || phase === 'quarantine' ? `; provisioning is ${phase === 'quarantine' ? 'in quarantine' : phase} now` : '';
  return {
    text: `${name} last ran successfully ${formatWhen(ok?.timeEnded, now)}${since ? `; its last cycle since ended ${lastSaid}` : ''}${stopped}`,
    severity: since || stopped ? 'warning' : 'ok',
  };
}

/** "when is the next sync for Slack?": from the job's state, its schedule and the last cycle's start. */
function nextRun(name: string, app: AppEvidence, now: string): { text: string; severity: Severity } {
  const job = app.job;
  const interval = intervalMinutes(job.schedule?.interval) ?? 40;
  const every = `cycles run about every ${interval} minutes`;
  switch (jobPhase(job)) {
    case 'quarantine': {
      const next = job.status?.quarantine?.nextAttempt;
      return { text: `${name} provisioning is in quarantine: ${hasTime(next) ? `the next attempt is ${formatWhen(next, now)}` : 'attempts are spaced out, up to once a day'}, not every ${interval} minutes`, severity: 'warning' };
    }
    case 'paused':
    case 'disabled':
      return { text: `${name} provisioning is ${jobPhase(job)}: no cycle runs until it is started again`, severity: 'warning' };
    case 'never-run':
    case 'not-configured':
      return { text: `${name} provisioning has never run: no cycle runs until it is started`, severity: 'warning' };
    case 'initial-cycle':
      return { text: `${name} is in its first cycle; once it ends, ${every}`, severity: 'info' };
    default: {
      const next = nextCycleAt(job, now);
      const began = job.status?.lastExecution?.timeBegan;
      if (next) return { text: `The next ${name} cycle is expected ${formatWhen(next, now)}; ${every}`, severity: 'info' };
      // A cycle runs long when there is much to change: overdue counts from its end, and only past two intervals.
      const ended = job.status?.lastExecution?.timeEnded;
      const last = parseTime(hasTime(ended) ? ended : began);
      const overdue = last !== null && (parseTime(now) ?? 0) - last > 2 * interval * 60_000;
      return overdue
        ? { text: `The next ${name} cycle is overdue: the last began ${formatWhen(began, now)}, and ${every}`, severity: 'warning' }
        : { text: `The next ${name} cycle is due now; ${every}, and the last began ${formatWhen(began, now)}`, severity: 'info' };
    }
  }
}

function headline(name: string, focus: HistoryFocus, entries: TimelineEntry[], app: AppEvidence, now: string, scope: Scope): { text: string; severity: Severity } {
  if (focus === 'last-success') return lastSuccess(name, app, now);
  if (focus === 'next-run') return nextRun(name, app, now);
  if (focus === 'runs') {
    const last = app.job.status?.lastExecution;
    if (!hasTime(last?.timeBegan)) return { text: `${name} provisioning has not run yet`, severity: 'warning' };
    const state = String(last?.state ?? 'unknown');
    return { text: `${name} last ran ${formatWhen(last?.timeEnded ?? last?.timeBegan, now)}: ${state}`, severity: /succeeded/i.test(state) ? 'ok' : 'warning' };
  }
  if (focus === 'all') {
    return { text: entries.length ? `What has been done on ${name}` : `Nothing recorded on ${name} yet`, severity: 'info' };
  }
  // "who restarted X?": the latest restart leads, a start ("Enable/start") only when there was none.
  const latest = (focus === 'restarts' ? entries.find((e) => e.kind === 'restart') : undefined) ?? entries[0];
  if (!latest && scope.cutAt !== undefined) return { text: `No ${FOCUS_WORDS[focus]} of ${name} among the newest ${scope.cutAt} Entra audit entries`, severity: 'info' };
  if (!latest) return { text: `No ${FOCUS_WORDS[focus]} of ${name} is recorded`, severity: 'info' };
  return { text: `${latest.who}: ${latest.what} on ${name}, ${formatWhen(latest.at, now)}`, severity: 'info' };
}

export function diagnoseHistory(evidence: HistoryEvidence, focus: HistoryFocus = 'all'): HistoryView {
  const { app, now } = evidence;
  const spId = app.app.spId;
  const fromBot: TimelineEntry[] = evidence.botActions.map((b) => ({
    at: b.at,
    when: formatWhen(b.at, now),
    who: b.who,
    what: `${b.action}${b.target ? ` → ${b.target}` : ''} (through this bot)`,
    source: 'bot',
    result: b.result,
    kind: BOT_KINDS[b.verb] ?? 'other',
  }));
  const perObject = evidence.directoryAudits.filter(isPerObject).length;
  const fromEntra: TimelineEntry[] = evidence.directoryAudits
    .filter((a) => hasTime(a.activityDateTime) && !isPerObject(a))
    .map((a) => {
      const activity = a.activityDisplayName || 'Provisioning change';
      return {
        at: a.activityDateTime,
        when: formatWhen(a.activityDateTime, now),
        who: initiator(a),
        what: `${activity}${changed(a, spId)}`,
        source: 'entra',
        ...(a.result ? { result: a.result } : {}),
        kind: entraKind(activity),
      };
    });
  let entries = [...fromBot, ...fromEntra, ...cycleEntries(app, now)].sort((x, y) => (parseTime(y.at) ?? 0) - (parseTime(x.at) ?? 0));
  if (focus !== 'all') entries = entries.filter((e) => FOCUS_KINDS[focus].includes(e.kind));
  const name = app.app.displayName;
  const { text, severity } = headline(name, focus, entries, app, now, evidence.directoryAuditsCut ? { cutAt: evidence.directoryAudits.length } : {});
  const caveats: string[] = [];
  if (evidence.directoryAuditsNote) caveats.push(evidence.directoryAuditsNote);
  if (perObject) {
    caveats.push(
      `${perObject} of the Entra audit entries read are the provisioning service's own per-user and per-group events (Export, Import…), left out here: the provisioning logs show what happened to each user and group.`,
    );
  }
  caveats.push('Entra keeps audit-log entries for 30 days (7 without Microsoft Entra ID P1 or P2).');
  return { app: app.app, focus, severity, headline: text, facts: facts(app, now), entries, caveats };
}
