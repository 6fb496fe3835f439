import { describe, expect, it } from 'vitest';
import { CAUSES, classifyEntry, ENTRY_CAUSES, groupByCause, type EntryCause } from './causes';
import { logEntry } from './evidence.spec-helper';

// One row per cause: the log entry the service writes for it (details keys as real logs spell them).
const CASES: Array<[EntryCause, ReturnType<typeof logEntry>, boolean?]> = [
  ['provisioned', logEntry('success', { action: 'create' })],
  ['deprovisioned', logEntry('success', { action: 'Disable' })],
  ['redundant-export', logEntry('skipped', { details: { SkipReason: 'RedundantExport' } })],
  ['not-assigned', logEntry('skipped', { details: { SkipReason: 'NotEffectivelyEntitled', 'Assigned to the application': 'False' } })],
  ['role-not-provisioned', logEntry('skipped', { details: { 'User has the required role': 'False' } }), true],
  ['scoping-filter', logEntry('skipped', { details: { SkipReason: 'NotEffectivelyEntitled', IsInProvisioningScopeDisplayName: 'False' } })],
  ['not-effectively-entitled', logEntry('skipped', { details: { SkipReason: 'NotEffectivelyEntitled', IsEffectivelyEntitledForProvisioning: 'False' } })],
  ['not-effectively-entitled', logEntry('skipped', { details: { SkipReason: 'NotEffectivelyEntitled' } }), true],
  ['disabled-in-source', logEntry('skipped', { details: { 'Active in the source system': 'False' } })],
  ['matching-attribute-empty', logEntry('skipped', { error: { errorCode: 'AzureActiveDirectoryImportSkipped' } })],
  ['required-attribute-empty', logEntry('failure', { error: { errorCode: 'ContosoMandatoryFieldsMissing', reason: 'Required property missing: emails' } })],
  ['export-failed', logEntry('failure', { error: { errorCode: 'SalesforceEntryConflict' } })],
  ['skipped-other', logEntry('skipped', { details: { SkipReason: 'SomethingNew' } })],
];

describe('the cause table', () => {
  it.each(CASES)('reads %s from the entry the service writes', (cause, entry, unclear) => {
    const reading = classifyEntry(entry);
    expect(reading.cause).toBe(cause);
    expect(!!reading.unclear).toBe(!!unclear);
  });

  it('has a row for every cause it can read, and a list name for each', () => {
    expect(new Set(CASES.map(([cause]) => cause))).toEqual(new Set(ENTRY_CAUSES));
    for (const [, entry] of CASES) expect(CAUSES[classifyEntry(entry).cause].group(classifyEntry(entry), entry)).toMatch(/\w/);
  });

  it('groups a list by cause in plain words, biggest first, export failures by their explained error', () => {
    const groups = groupByCause([
      logEntry('failure', { error: { errorCode: 'SalesforceEntryConflict' } }),
      logEntry('failure', { error: { errorCode: 'ContosoEntryConflict' } }),
      logEntry('skipped', { details: { 'Assigned to the application': 'False' } }),
    ]);
    expect(groups.map((g) => [g.label, g.entries.length])).toEqual([
      ['Another account in the target already uses this matching value (SalesforceEntryConflict)', 1],
      ['Another account in the target already uses this matching value (ContosoEntryConflict)', 1],
      ['Not assigned to the app', 1],
    ]);
  });
});
