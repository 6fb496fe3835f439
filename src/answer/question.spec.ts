import { describe, expect, it } from 'vitest';
import { fromData, toData } from './question';

describe('a question on a button', () => {
  it('carries a list’s window and kind through a "which one?" click', () => {
    const q = { intent: { topic: 'list' as const, app: 'sales', window: { hours: 72, label: 'in the last 3 days' }, listOf: 'skipped' as const } };
    expect(fromData(JSON.parse(JSON.stringify(toData(q))))).toEqual(q);
  });

  it('refuses a window or kind it did not write', () => {
    expect(fromData({ topic: 'list', window: { label: 'x'.repeat(61) } })).toBeUndefined();
    expect(fromData({ topic: 'list', window: { label: 'today', since: "2026-01-01T00:00:00Z' or 1 eq 1" } })).toBeUndefined();
    expect(fromData({ topic: 'list', listOf: 'everything' })).toBeUndefined();
  });
});
