import { describe, expect, it } from 'vitest';
import { readOnDemandResult } from './principalRemedies';

const steps = [
  { name: 'EntryImport', provisioningStepType: 'import', status: 'Success', description: 'Retrieved the user from the source.' },
  { name: 'EntrySynchronizationSkip', provisioningStepType: 'scoping', status: 'Skipped', description: 'Out of scope.' },
];

describe('readOnDemandResult', () => {
  it('reads the shape with the result in key and the steps in value', () => {
    const out = readOnDemandResult({
      key: JSON.stringify({ result: 'Skipped', details: { SkipReason: 'NotEffectivelyEntitled' } }),
      value: JSON.stringify({ provisioningSteps: steps }),
    });
    expect(out.result).toBe('Skipped');
    expect(out.details.SkipReason).toBe('NotEffectivelyEntitled');
    expect(out.steps.map((s) => [s.name, s.status])).toEqual([['EntryImport', 'Success'], ['EntrySynchronizationSkip', 'Skipped']]);
  });

  it('reads the StatusInfo shape whose value is a JSON array, and never calls it a success', () => {
    const out = readOnDemandResult({
      key: 'Microsoft.Identity.Health.CPP.Common.DataContracts.SyncFabric.StatusInfo',
      value: JSON.stringify([{ provisioningSteps: steps, statusInfo: { status: 'Skipped' } }]),
    });
    expect(out.result).toBe('Skipped');
    expect(out.steps).toHaveLength(2);
  });

  it('reads the demo tenant shape ({result, details, provisioningSteps} in value) and a list of pairs', () => {
    const out = readOnDemandResult({ value: [{ key: 'x', value: JSON.stringify({ result: 'Success', details: {}, provisioningSteps: steps.slice(0, 1) }) }] });
    expect(out.result).toBe('Success');
    expect(out.steps).toHaveLength(1);
  });

  it('says Unknown when nothing says what happened', () => {
    expect(readOnDemandResult({ key: 'StatusInfo', value: '[{"something":"else"}]' }).result).toBe('Unknown');
    expect(readOnDemandResult({ key: 'x', value: 'not json' }).result).toBe('Unknown');
    expect(readOnDemandResult(undefined).result).toBe('Unknown');
  });
});
