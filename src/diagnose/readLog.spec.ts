import { describe, expect, it } from 'vitest';
import { entryDetail, entryError, entryFlag, entryStatus, isRedundantExport, scopeEvaluationResult, skipStep } from './readLog';
import { logEntry } from './evidence.spec-helper';

describe('readLog', () => {
  it('reads the status ignoring case', () => {
    expect(entryStatus(logEntry('Skipped'))).toBe('skipped');
    expect(entryStatus(logEntry('FAILURE'))).toBe('failure');
    expect(entryStatus({ id: 'x', activityDateTime: '' })).toBe('unknown');
  });

  it('finds the skip step by name, or by a skipped status', () => {
    expect(skipStep(logEntry('skipped', { details: { SkipReason: 'NotEffectivelyEntitled' } }))?.name).toBe('EntrySynchronizationSkip');
    const other = logEntry('skipped', { steps: [{ name: 'Whatever', status: 'Skipped', details: { a: 'b' } }] });
    expect(skipStep(other)?.name).toBe('Whatever');
  });

  it('compares detail keys ignoring case and spaces, looking in every step', () => {
    const entry = logEntry('skipped', {
      steps: [
        { name: 'EntrySynchronizationScoping', status: 'success', details: { 'Scoping filter evaluation passed': 'False' } },
        { name: 'EntrySynchronizationSkip', status: 'skipped', details: { 'Assigned to the application': 'True', IsInProvisioningScope: 'False' } },
      ],
    });
    expect(entryFlag(entry, 'assigned to the APPLICATION')).toBe(true);
    expect(entryFlag(entry, 'Is In Provisioning Scope')).toBe(false);
    expect(entryFlag(entry, 'ScopingFilterEvaluationPassed')).toBe(false);
    expect(entryDetail(entry, 'Nope')).toBeUndefined();
  });

  it('parses ScopeEvaluationResult into group and clause', () => {
    const entry = logEntry('skipped', {
      details: { ScopeEvaluationResult: '{"Sales only.department EQUALS \'Sales\'": false, "v1.2 filter.mail ENDS_WITH \'@x.com\'": "True"}' },
    });
    expect(scopeEvaluationResult(entry)).toEqual([
      { group: 'Sales only', clause: "department EQUALS 'Sales'", passed: false },
      { group: 'v1.2 filter', clause: "mail ENDS_WITH '@x.com'", passed: true },
    ]);
  });

  it('returns null for a malformed ScopeEvaluationResult instead of throwing', () => {
    for (const raw of ['{not json', '[1,2]', '"text"', '{}', '']) {
      expect(scopeEvaluationResult(logEntry('skipped', { details: { ScopeEvaluationResult: raw } }))).toBeNull();
    }
  });

  it('reads the error and recognises RedundantExport', () => {
    expect(entryError(logEntry('failure', { error: { errorCode: 'EntryConflict' } }))?.errorCode).toBe('EntryConflict');
    expect(entryError(logEntry('success'))).toBeNull();
    expect(isRedundantExport(logEntry('skipped', { details: { SkipReason: 'RedundantExport' } }))).toBe(true);
    expect(isRedundantExport(logEntry('skipped', { details: { SkipReason: 'NotEffectivelyEntitled' } }))).toBe(false);
  });
});
