// The detectors beyond quarantine, each from the job status the poller already read (no extra Graph request):
// the accidental-deletions stop, an active job that finishes no cycle, a cycle slower than usual.
import { describe, expect, it } from 'vitest';
import type { AppEvidence } from '../domain/types';
import type { SynchronizationJob, SynchronizationTaskExecution } from '../graph/types';
import { alertCard } from './alertCard';
import { CycleHistory } from './cycleHistory';
import { currentIncident } from './incidents';
import { cardText } from '../../test/support/cards';

const SP = '2b0a3ad3-d246-5933-94f5-b256096f18c7';
const NOW = new Date('2026-03-10T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

function app(status: SynchronizationJob['status'], interval = 'PT40M'): AppEvidence {
  return {
    app: { spId: SP, appId: 'app', displayName: 'Field Service', jobId: 'job1' },
    servicePrincipal: { id: SP, appId: 'app', displayName: 'Field Service' },
    job: { id: 'job1', schedule: { state: 'Active', interval }, status: { code: 'Active', steadyStateFirstAchievedTime: '2026-01-01T00:00:00Z', ...status } },
  };
}

/** A finished cycle that began `beganHoursAgo` and took `minutes`. */
const cycle = (beganHoursAgo: number, minutes: number): SynchronizationTaskExecution => {
  const began = Date.parse(hoursAgo(beganHoursAgo));
  return { state: 'Succeeded', timeBegan: new Date(began).toISOString(), timeEnded: new Date(began + minutes * 60_000).toISOString() };
};

describe('the quarantine alert', () => {
  it('shows first the reason, the next retry and the days left before the job is disabled', () => {
    const quarantined = app({ code: 'Quarantine', lastExecution: cycle(30, 5), quarantine: { reason: 'EncounteredQuarantineException', currentBegan: hoursAgo(30), seriesBegan: hoursAgo(30) } });
    const text = cardText(alertCard(currentIncident(quarantined, { now: NOW })!, quarantined, NOW));
    const at = (label: string) => text.indexOf(label);
    // 30 h into the series: retries at 6 h and 18 h are past, the next is 24 h after that (42 h); 26 days left of 28.
    expect(text).toMatch(/Next retry .*\(estimated from the 6 h, 12 h, 24 h, then daily cadence\)/);
    expect(text).toMatch(/Job disabled if still in quarantine .*26 days left/);
    expect(at('Reason')).toBeLessThan(at('Next retry'));
    expect(at('Next retry')).toBeLessThan(at('Job disabled if still in quarantine'));
    expect(at('Job disabled if still in quarantine')).toBeLessThan(at('In quarantine since'));
    // The path: test the connection, then clear the quarantine (restart with reset scope QuarantineState).
    expect(at('[Test connection]')).toBeLessThan(at('[Clear quarantine]'));
  });
});

describe('detectors', () => {
  it('tells a job stopped by the accidental-deletions threshold from other quarantines, with the deletes fix', () => {
    const stopped = app({ code: 'Quarantine', lastExecution: cycle(1, 5), quarantine: { reason: 'TooManyDeletes', currentBegan: hoursAgo(1), seriesBegan: hoursAgo(1) } });
    const incident = currentIncident(stopped, { now: NOW });
    expect(incident).toMatchObject({ kind: 'deletions', reason: 'TooManyDeletes' });
    expect(incident?.summary).toMatch(/accidental-deletions threshold/);
    const text = cardText(alertCard(incident!, stopped, NOW));
    expect(text).toMatch(/was stopped by the accidental-deletions threshold/);
    expect(text).toMatch(/Restart provisioning/);
  });

  it('reports an active job with no finished cycle for hours, but not one that runs rarely by schedule', () => {
    expect(currentIncident(app({ lastExecution: cycle(1, 5) }), { now: NOW })).toBeNull();
    const quiet = currentIncident(app({ lastExecution: cycle(9, 5) }), { now: NOW });
    expect(quiet).toMatchObject({ kind: 'stalled' });
    expect(quiet?.summary).toMatch(/finished no cycle for 8 hours/);
    // Every 12 hours by schedule: 9 hours of quiet is normal.
    expect(currentIncident(app({ lastExecution: cycle(9, 5) }, 'PT12H'), { now: NOW })).toBeNull();
    // A channel may ask for a shorter limit.
    expect(currentIncident(app({ lastExecution: cycle(5, 5) }), { now: NOW, stalledHours: 4 })?.kind).toBe('stalled');
  });

  it('explains a stalled job on its alert card instead of calling it healthy, with test connection first', () => {
    const stalled = app({ lastExecution: cycle(9, 5) });
    const text = cardText(alertCard(currentIncident(stalled, { now: NOW })!, stalled, NOW));
    expect(text).toMatch(/no provisioning cycle has finished/);
    expect(text).not.toMatch(/healthy/i);
    expect(text.indexOf('Test connection')).toBeLessThan(text.indexOf('Restart provisioning'));
  });

  it('reports a cycle several times slower than the ones before it, once enough cycles are known', () => {
    const history = new CycleHistory();
    const usual = [cycle(5, 20), cycle(4, 22), cycle(3, 18)].map((c) => history.observe(app({ lastExecution: c })));
    expect(usual).toEqual([undefined, undefined, undefined]);
    const slow = app({ lastExecution: cycle(2, 95) });
    const incident = currentIncident(slow, { now: NOW, usualCycleMs: history.observe(slow) });
    expect(incident).toMatchObject({ kind: 'slow-cycle' });
    expect(incident?.summary).toMatch(/took 95 min, 5× its usual 20 min/);
    // The same cycle read again in the next poll is still compared with the cycles before it.
    expect(history.observe(slow)).toBe(20 * 60_000);
    // A normal cycle is no incident.
    const normal = app({ lastExecution: cycle(1, 25) });
    expect(currentIncident(normal, { now: NOW, usualCycleMs: history.observe(normal) })).toBeNull();
  });
});
