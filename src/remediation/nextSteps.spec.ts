import { describe, expect, it } from 'vitest';
import { REMEDY_VERBS, type AppEvidence } from '../domain/types';
import { nextSteps } from './nextSteps';
import type { Inspection } from './remedyTypes';

const app = { spId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', appId: '6a1b2c3d-0000-4000-8000-000000000001', displayName: 'Zendesk', jobId: 'zendesk.0a1b2c3d4e5f.0a1b2c3d-0000-4000-8000-000000000001' };
const inspection = (details?: Record<string, unknown>): Inspection => ({
  app: { app, servicePrincipal: { id: app.spId, appId: app.appId, displayName: app.displayName }, job: { id: app.jobId } } as unknown as AppEvidence,
  current: [],
  details,
});
const titles = (steps: ReturnType<typeof nextSteps>) => steps.map((s) => s.title);

describe('nextSteps', () => {
  it('offers a next step after every remedy, whatever its result', () => {
    for (const verb of REMEDY_VERBS) {
      for (const result of ['succeeded', 'failed', 'no-change', 'unknown', 'stale'] as const) {
        expect(nextSteps(verb, undefined, result, inspection({ subject: { displayName: 'Ravi Patel' } })).length, `${verb} ${result}`).toBeGreaterThan(0);
      }
    }
  });

  it('asks why a person was skipped when provisioning them on demand did not succeed', () => {
    const steps = nextSteps('provisionOnDemand', undefined, 'failed', inspection({ subject: { displayName: 'Ravi Patel' } }));
    expect(steps[0]).toEqual({ title: 'Why was Ravi Patel skipped?', ask: 'why was Ravi Patel skipped in Zendesk?' });
    expect(titles(nextSteps('provisionOnDemand', undefined, 'succeeded', inspection({ subject: { displayName: 'Ravi Patel' } })))).toEqual(['Check status']);
  });

  it('tests the connection again after a failed test, and checks the status after one that passed', () => {
    expect(nextSteps('testConnection', undefined, 'failed', inspection())).toMatchObject([{ title: 'Test connection again', verb: 'testConnection', data: { stage: 'review', spId: app.spId } }]);
    expect(nextSteps('testConnection', undefined, 'succeeded', inspection())).toEqual([{ title: 'Check status', ask: 'how is Zendesk doing?' }]);
  });

  it('puts the remedy’s own steps first and never offers two buttons with the same title', () => {
    const own = [{ title: 'Check status', verb: 'testConnection', data: {} }, { title: 'Provision Ravi now', verb: 'provisionOnDemand', data: {} }];
    expect(titles(nextSteps('reassignUser', own, 'succeeded', inspection()))).toEqual(['Check status', 'Provision Ravi now']);
  });

  it('offers only the remedy’s own steps when the app could not be read', () => {
    expect(nextSteps('clearQuarantine', undefined, 'failed', undefined)).toEqual([]);
  });
});
