import { describe, expect, it } from 'vitest';
import type { AppEvidence } from '../domain/types';
import type { SynchronizationJob } from '../graph/types';
import { JOB_JUST_CREATED, JOB_PAUSED_WITH_LEFTOVER_QUARANTINE } from '../../test/fixtures/graphSamples';
import { currentIncident } from './incidents';

const SP = 'ce75f089-568f-5096-b671-36b69e8c3413';
const ran = { state: 'Succeeded', timeBegan: '2024-05-01T10:00:00Z', timeEnded: '2024-05-01T10:05:00Z' };

function app(job: Omit<SynchronizationJob, 'id'>): AppEvidence {
  return {
    app: { spId: SP, appId: 'app', displayName: 'Salesforce', jobId: 'job1' },
    servicePrincipal: { id: SP, appId: 'app', displayName: 'Salesforce' },
    job: { id: 'job1', ...job },
  };
}

const active = (status: SynchronizationJob['status'], schedule = 'Active') =>
  app({ schedule: { state: schedule }, status: { code: 'Active', steadyStateFirstAchievedTime: '2024-04-01T00:00:00Z', lastExecution: ran, ...status } });

describe('currentIncident', () => {
  it('sees quarantine with its reason, under a key stable across cycles', () => {
    const quarantined = (began: string) =>
      active({ code: 'Quarantine', quarantine: { reason: 'EncounteredQuarantineException', currentBegan: began } });
    const first = currentIncident(quarantined('2024-05-01T10:00:00Z'));
    expect(first).toMatchObject({ kind: 'quarantine', reason: 'EncounteredQuarantineException', since: '2024-05-01T10:00:00Z' });
    expect(first?.summary).toBe('Salesforce provisioning is in quarantine (EncounteredQuarantineException)');
    expect(currentIncident(quarantined('2024-05-01T11:00:00Z'))?.key).toBe(first?.key);
  });

  it('raises no alert for a job just created and never started, and a paused one for a job that paused after running (Graph’s published jobs)', () => {
    expect(currentIncident(app(JOB_JUST_CREATED as unknown as SynchronizationJob))).toBeNull();
    expect(currentIncident(app(JOB_PAUSED_WITH_LEFTOVER_QUARANTINE as unknown as SynchronizationJob))?.kind).toBe('paused');
  });

  it('sees a failing job from a failed last cycle or from successive failures', () => {
    expect(currentIncident(active({ lastExecution: { ...ran, state: 'Failed', error: { code: 'SyncError' } } }))).toMatchObject({ kind: 'failing', reason: 'SyncError' });
    expect(currentIncident(active({ countSuccessiveCompleteFailures: 3 }))?.summary).toMatch(/failing.*3 complete failures in a row/);
  });

  it('warns of escrowed failures rising toward the quarantine threshold, not of a few', () => {
    const escrow = (countEscrowed: number, countEntitledForProvisioning: number, countEscrowedRaw = countEscrowed) =>
      currentIncident(active({ lastExecution: { ...ran, state: 'EntryLevelErrors', countEscrowed, countEscrowedRaw, countEntitledForProvisioning } }));
    expect(escrow(300, 1000)).toMatchObject({ kind: 'escrow-rising' });
    expect(escrow(300, 1000)?.summary).toMatch(/300 escrowed failures \(30 % of 1,000 in scope\)/);
    expect(escrow(10, 200, 1200)?.kind).toBe('escrow-rising');
    expect(escrow(3, 10)).toBeNull();
    expect(escrow(100, 10_000)).toBeNull();
  });

  it('sees paused and disabled jobs, but not a job that never ran', () => {
    expect(currentIncident(active({ code: 'Paused' }, 'Paused'))?.kind).toBe('paused');
    expect(currentIncident(active({}, 'Disabled'))?.kind).toBe('disabled');
    expect(currentIncident(app({ schedule: { state: 'Disabled' }, status: { code: 'NotRun' } }))).toBeNull();
  });

  it('gives no incident for a healthy job or unreadable input', () => {
    expect(currentIncident(active({}))).toBeNull();
    expect(currentIncident(undefined)).toBeNull();
    expect(currentIncident({} as AppEvidence)).toBeNull();
  });

  it('names each kind of the same job with a different key', () => {
    const keys = new Set(
      [active({ code: 'Quarantine', quarantine: { reason: 'Unknown' } }), active({ countSuccessiveCompleteFailures: 1 }), active({ code: 'Paused' }, 'Paused')].map(
        (a) => currentIncident(a)?.key,
      ),
    );
    expect(keys.size).toBe(3);
  });
});
