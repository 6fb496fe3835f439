// How long a job's cycles usually take, for the slow-cycle detector. Graph's job status holds only the last
// cycle, so the poller keeps the durations it has seen (a few per job, in memory: a restarted process
// relearns them within a few cycles and says nothing until it has).
import { cycleMs } from './incidents';
import type { AppEvidence } from '../domain/types';

/** Cycles remembered per job, and how many must be known before "usual" means anything. */
const KEEP = 8;
const ENOUGH = 3;

interface Seen {
  /** timeBegan of the last cycle recorded, so one cycle read in many polls counts once. */
  lastBegan: string;
  durations: number[];
}

export class CycleHistory {
  private readonly jobs = new Map<string, Seen>();

  /**
   * Records the job's last finished cycle (once) and returns the usual duration of the cycles before it, or
   * undefined while fewer than ENOUGH are known.
   */
  observe(app: AppEvidence): number | undefined {
    const last = app.job.status?.lastExecution;
    const took = cycleMs(last);
    const key = `${app.app.spId}|${app.app.jobId}`;
    const seen = this.jobs.get(key);
    // The same cycle read again is compared with the cycles before it, not with itself.
    const earlier = seen && seen.lastBegan === last?.timeBegan ? seen.durations.slice(0, -1) : (seen?.durations ?? []);
    if (took !== null && last?.timeBegan && seen?.lastBegan !== last.timeBegan) {
      this.jobs.set(key, { lastBegan: last.timeBegan, durations: [...earlier, took].slice(-KEEP) });
    }
    return earlier.length >= ENOUGH ? median(earlier) : undefined;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
