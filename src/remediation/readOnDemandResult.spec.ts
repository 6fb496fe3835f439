import { describe, expect, it } from 'vitest';
import { ON_DEMAND_GROUP_SUCCESS, ON_DEMAND_REDUNDANT_EXPORT, ON_DEMAND_STATUS_INFO_AS_PUBLISHED } from '../../test/fixtures/graphSamples';
import { describeOnDemand, readOnDemandResult } from './readOnDemandResult';

describe('readOnDemandResult on the published answers', () => {
  it('reads {result, details} in key and the log entry in value: RedundantExport means already up to date', () => {
    const out = readOnDemandResult(ON_DEMAND_REDUNDANT_EXPORT);
    expect(out.result).toBe('skipped');
    expect(out.code).toBe('RedundantExport');
    expect(out.steps.map((s) => `${s.name}:${s.status}`)).toEqual(['Import:Success', 'Matching:Success', 'Scoping:Success', 'Export:Skipped']);
    const said = describeOnDemand(out, 'Bill Bob', 'Contoso SCIM');
    expect(said.result).toBe('no-change');
    expect(said.title).toBe('Bill Bob is already up to date in Contoso SCIM');
    expect(said.title).not.toMatch(/skipped|failed/i);
  });

  it('reads a success with an empty value', () => {
    const out = readOnDemandResult(ON_DEMAND_GROUP_SUCCESS);
    expect(out.result).toBe('success');
    expect(describeOnDemand(out, 'Sales team', 'Box').title).toBe('Sales team was provisioned to Box');
  });

  it('never calls the StatusInfo shape a success when its value is cut short as on the docs page', () => {
    const out = readOnDemandResult(ON_DEMAND_STATUS_INFO_AS_PUBLISHED);
    expect(out.result).toBe('unknown');
    expect(describeOnDemand(out, 'User1', 'Fabrikam').title).toMatch(/unknown/);
  });

  it('reads the StatusInfo shape when the array is whole, ignoring the casing of keys', () => {
    const value = JSON.stringify([
      { ProvisioningSteps: [{ Name: 'EntrySynchronizationScoping', Type: 'Scoping', Status: 'Skipped', Details: { 'User has the required role': 'False' } }], StatusInfo: { Status: 'Skipped', ErrorCode: 'NotEffectivelyEntitled' } },
    ]);
    const out = readOnDemandResult({ key: ON_DEMAND_STATUS_INFO_AS_PUBLISHED.key, value });
    expect(out.result).toBe('skipped');
    expect(describeOnDemand(out, 'Ana', 'Slack').title).toBe('Ana was skipped: Ana is not assigned to the app, or only with a role it does not provision');
  });

  it('phrases a failure with the explanation of its code, connector prefix and all', () => {
    const out = readOnDemandResult({ key: JSON.stringify({ result: 'Failure', details: { errorCode: 'SalesforceEntryConflict', errorMessage: 'duplicate' } }), value: '{}' });
    const said = describeOnDemand(out, 'Ana', 'Salesforce');
    expect(said.result).toBe('failed');
    expect(said.title).toMatch(/failed: Another account in the target already uses this matching value/);
    expect(said.summary).toContain('SalesforceEntryConflict');
  });

  it('says unknown when nothing says what happened', () => {
    expect(readOnDemandResult({ key: 'StatusInfo', value: '[{"something":"else"}]' }).result).toBe('unknown');
    expect(readOnDemandResult({ key: 'x', value: 'not json' }).result).toBe('unknown');
    expect(readOnDemandResult(undefined).result).toBe('unknown');
  });
});
