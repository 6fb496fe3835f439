// What phase a provisioning job is in, read from its status and schedule, plus the facts that show it.
// Shared by the app topics and by `skipped` (a job that does not run explains a user with no log entries).
import type { SynchronizationJob, SynchronizationProgress, SynchronizationStatus } from '../graph/types';
import type { Fact } from '../domain/types';
import { fact } from './findings';
import { formatDuration, formatWhen, hasTime, parseTime } from './time';

export type JobPhase =
  | 'not-configured'
  | 'disabled'
  | 'quarantine'
  | 'paused'
  | 'never-run'
  | 'last-cycle-failed'
  | 'initial-cycle'
  | 'entry-level-errors'
  | 'healthy';

const is = (value: string | null | undefined, wanted: string) => (value ?? '').trim().toLowerCase() === wanted.toLowerCase();

/**
 * Only the status code says "in quarantine": a paused job can keep a leftover `quarantine` object whose fields
 * are empty strings (Graph's own job example), which means nothing.
 */
export function isQuarantined(job: SynchronizationJob | null | undefined): boolean {
  return is(job?.status?.code, 'Quarantine');
}

/**
 * A cycle that really ran and failed. Right after `start`, Graph reports lastExecution.state "Failed" with
 * the 0001-01-01 sentinel times and error code "None": nothing has run yet, nothing failed.
 */
export function lastCycleFailed(status: SynchronizationStatus | null | undefined): boolean {
  const last = status?.lastExecution;
  if (!is(last?.state, 'Failed')) return false;
  const code = (last?.error?.code ?? '').trim();
  return hasTime(last?.timeBegan) || hasTime(last?.timeEnded) || (code !== '' && !is(code, 'None'));
}

/**
 * True until the job has once finished a full cycle (steady state). Graph writes the sentinel for "never";
 * when the field is missing altogether, unfinished progress is the only sign.
 */
export function inInitialCycle(status: SynchronizationStatus | null | undefined): boolean {
  const steady = status?.steadyStateFirstAchievedTime;
  if (hasTime(steady)) return false;
  if (steady !== undefined) return true;
  const progress = initialProgress(status);
  return !!progress && progress.completed < progress.total;
}

/**
 * A job that has never run a cycle: no execution time, no steady state, nothing synchronized, no quarantine
 * series. Graph creates a job with code Paused in exactly this state (its create-job response); a job that
 * paused after running keeps traces of it (a quarantine series count, an error, a time), even where Graph's
 * own example leaves lastExecution null.
 */
export function neverRan(status: SynchronizationStatus | null | undefined): boolean {
  if (!status) return true;
  const ran = [status.lastExecution, status.lastSuccessfulExecution, status.lastSuccessfulExecutionWithExports].some((e) => hasTime(e?.timeBegan) || hasTime(e?.timeEnded));
  const q = status.quarantine;
  return (
    !ran &&
    !hasTime(status.steadyStateFirstAchievedTime) &&
    !hasTime(status.steadyStateLastAchievedTime) &&
    !(status.countSuccessiveCompleteFailures ?? 0) &&
    !(status.synchronizedEntryCountByType ?? []).length &&
    !(q && ((q.seriesCount ?? 0) > 0 || q.error || hasTime(q.seriesBegan) || hasTime(q.currentBegan)))
  );
}

export function jobPhase(job: SynchronizationJob | null | undefined): JobPhase {
  const status = job?.status;
  const schedule = job?.schedule?.state;
  if (is(status?.code, 'NotConfigured')) return 'not-configured';
  // The service disables a job after four weeks in quarantine: the schedule says Disabled, the code Quarantine.
  if (isQuarantined(job)) return is(schedule, 'Disabled') ? 'disabled' : 'quarantine';
  // A paused job reads code Paused, and its schedule Disabled (Graph's job example): paused, not disabled. A job
  // just created reads the same but has never run: nothing was stopped, and starting it runs a first cycle.
  if (is(status?.code, 'Paused') || is(schedule, 'Paused')) return neverRan(status) ? 'never-run' : 'paused';
  // NotRun with an Active schedule is a job just started: its first cycle is on its way.
  if (is(status?.code, 'NotRun')) return is(schedule, 'Active') && !lastCycleFailed(status) ? 'initial-cycle' : 'never-run';
  if (is(schedule, 'Disabled')) return 'disabled';
  if (!status?.code) return 'never-run';
  if (lastCycleFailed(status)) return 'last-cycle-failed';
  if (inInitialCycle(status)) return 'initial-cycle';
  if (is(status?.lastExecution?.state, 'EntryLevelErrors')) return 'entry-level-errors';
  return 'healthy';
}

/** Started, but the first cycle has reported nothing yet (code NotRun, schedule Active, no progress). */
export function firstCyclePending(job: SynchronizationJob | null | undefined): boolean {
  return is(job?.status?.code, 'NotRun') && jobPhase(job) === 'initial-cycle' && !initialProgress(job?.status);
}

export interface InitialProgress {
  completed: number;
  total: number;
  percent: number;
  units?: string;
  observed?: string;
}

/** The newest progress observation, as a percentage; null when the job reports none. */
export function initialProgress(status: SynchronizationStatus | null | undefined): InitialProgress | null {
  const observations = (status?.progress ?? []).filter(
    (p): p is SynchronizationProgress => !!p && typeof p.totalUnits === 'number' && p.totalUnits > 0 && typeof p.completedUnits === 'number',
  );
  if (observations.length === 0) return null;
  const newest = observations.reduce((a, b) =>
    (parseTime(b.progressObservationDateTime) ?? 0) >= (parseTime(a.progressObservationDateTime) ?? 0) ? b : a,
  );
  const completed = newest.completedUnits as number;
  const total = newest.totalUnits as number;
  const percent = Math.max(0, Math.min(100, Math.round((completed / total) * 100)));
  return {
    completed,
    total,
    percent,
    ...(newest.units ? { units: newest.units } : {}),
    ...(newest.progressObservationDateTime ? { observed: newest.progressObservationDateTime } : {}),
  };
}

export function progressFacts(status: SynchronizationStatus | null | undefined, now: string): Fact[] {
  const progress = initialProgress(status);
  if (!progress) return [];
  const observed = hasTime(progress.observed) ? `, as of ${formatWhen(progress.observed, now)}` : '';
  return fact('Initial cycle progress', `${progress.percent}% (${progress.completed} of ${progress.total}${progress.units ? ` ${progress.units}` : ''}${observed})`);
}

/** "PT40M" → 40; null when absent or in another form. */
export function intervalMinutes(interval: string | null | undefined): number | null {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?$/i.exec(interval?.trim() ?? '');
  if (!match || (!match[1] && !match[2])) return null;
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

/** The facts that show a job's state: status, schedule, last cycle and its times. */
export function jobFacts(job: SynchronizationJob | null | undefined, now: string): Fact[] {
  const status = job?.status;
  const last = status?.lastExecution;
  const interval = intervalMinutes(job?.schedule?.interval);
  const duration = formatDuration(last?.timeBegan, last?.timeEnded);
  return [
    ...fact('Job status', status?.code),
    ...fact('Schedule', job?.schedule?.state ? `${job.schedule.state}${interval ? `, every ${interval} min` : ''}` : undefined),
    ...fact('Last cycle', !status ? undefined : !last?.state || !(hasTime(last.timeBegan) || lastCycleFailed(status)) ? 'none yet' : `${last.state}${hasTime(last.timeEnded) ? `, ended ${formatWhen(last.timeEnded, now)}` : hasTime(last.timeBegan) ? `, began ${formatWhen(last.timeBegan, now)}` : ''}${duration ? ` (took ${duration})` : ''}`),
    ...fact('Last successful cycle', hasTime(status?.lastSuccessfulExecution?.timeEnded) ? formatWhen(status?.lastSuccessfulExecution?.timeEnded, now) : undefined),
    ...fact('Steady state reached', hasTime(status?.steadyStateLastAchievedTime) ? formatWhen(status?.steadyStateLastAchievedTime, now) : status ? 'never (initial cycle not finished)' : undefined),
  ];
}

/** When the next incremental cycle should begin (the last one's start + the schedule interval), if still ahead. */
export function nextCycleAt(job: SynchronizationJob | null | undefined, now: string): string | undefined {
  const interval = intervalMinutes(job?.schedule?.interval) ?? 40;
  const lastBegan = parseTime(job?.status?.lastExecution?.timeBegan);
  const at = parseTime(now);
  if (lastBegan === null || at === null || lastBegan + interval * 60_000 <= at) return undefined;
  return new Date(lastBegan + interval * 60_000).toISOString();
}
