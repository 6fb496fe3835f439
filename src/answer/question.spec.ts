import { describe, expect, it } from 'vitest';
import { fromData, toData } from './question';

describe('a question carried in card data', () => {
  it('keeps the time it is about through a "which one?" button', () => {
    const intent = { topic: 'list' as const, app: 'Box', window: { since: '2026-11-30T00:00:00.000Z', label: 'this week' } };
    expect(fromData(JSON.parse(JSON.stringify(toData({ intent }))))).toEqual({ intent });
  });

  it('refuses a window that is not one', () => {
    for (const window of ['today', { label: '' }, { label: 'x', since: 'soon' }, { label: 'x', hours: -1 }, { label: 'x', hours: 1e9 }]) {
      expect(fromData({ topic: 'list', window }), JSON.stringify(window)).toBeUndefined();
    }
  });
});
