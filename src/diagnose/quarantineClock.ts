// Microsoft's published quarantine numbers, turned into "next retry" and "days left" for one job. From the
// Entra docs (application-provisioning-quarantine-status): while quarantined the service retries after 6 hours,
// then 12, then 24, then once a day; a job still in quarantine after four weeks is disabled. Pure.
import type { SynchronizationQuarantine } from '../graph/types';
import { hasTime, parseTime } from './time';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Gaps between retries in a quarantine series: 6 h, 12 h, 24 h, then daily. */
const RETRY_GAPS = [6 * HOUR, 12 * HOUR, 24 * HOUR];
export const DISABLED_AFTER_DAYS = 28;

export interface QuarantineClock {
  /** When the series began (the first quarantine of this run), ISO. */
  since?: string;
  /** The next retry: as Graph states it, else estimated from the published cadence. */
  nextRetry?: string;
  nextRetryEstimated?: boolean;
  /** When the service disables the job if it stays in quarantine, ISO. */
  disabledAt?: string;
  /** Whole days left before that (0 = today or overdue). */
  daysLeft?: number;
}

/** The first retry after `now` on the published cadence, counted from the series start. */
function estimatedRetry(began: number, now: number): number {
  let at = began;
  for (let i = 0; ; i++) {
    at += RETRY_GAPS[i] ?? DAY;
    if (at > now) return at;
  }
}

export function quarantineClock(q: SynchronizationQuarantine | null | undefined, nowIso: string): QuarantineClock {
  const now = parseTime(nowIso);
  const sinceIso = hasTime(q?.seriesBegan) ? q?.seriesBegan : hasTime(q?.currentBegan) ? q?.currentBegan : undefined;
  const began = parseTime(sinceIso);
  if (now === null || began === null || !sinceIso) return {};
  const stated = hasTime(q?.nextAttempt) ? parseTime(q?.nextAttempt) : null;
  const next = stated !== null && stated > now ? stated : estimatedRetry(began, now);
  const disabledAt = began + DISABLED_AFTER_DAYS * DAY;
  return {
    since: sinceIso,
    nextRetry: new Date(next).toISOString(),
    nextRetryEstimated: !(stated !== null && stated > now),
    disabledAt: new Date(disabledAt).toISOString(),
    daysLeft: Math.max(0, Math.floor((disabledAt - now) / DAY)),
  };
}
