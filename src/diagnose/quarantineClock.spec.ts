import { describe, expect, it } from 'vitest';
import { quarantineClock } from './quarantineClock';

describe('quarantineClock', () => {
  const began = '2026-11-01T00:00:00Z';
  it.each([
    // now, expected next retry: 6 h, then 12 h, then 24 h, then daily after the series began
    ['2026-11-01T01:00:00Z', '2026-11-01T06:00:00.000Z'],
    ['2026-11-01T07:00:00Z', '2026-11-01T18:00:00.000Z'],
    ['2026-11-01T19:00:00Z', '2026-11-02T18:00:00.000Z'],
    ['2026-11-03T19:00:00Z', '2026-11-04T18:00:00.000Z'],
  ])('at %s the next retry is %s', (now, next) => {
    const clock = quarantineClock({ seriesBegan: began, nextAttempt: '0001-01-01T00:00:00Z' }, now);
    expect(clock.nextRetry).toBe(next);
    expect(clock.nextRetryEstimated).toBe(true);
  });

  it('prefers the next attempt Graph states, and counts the days left before the job is disabled', () => {
    const clock = quarantineClock({ seriesBegan: began, nextAttempt: '2026-11-10T09:00:00Z' }, '2026-11-10T08:00:00Z');
    expect(clock).toMatchObject({ nextRetry: '2026-11-10T09:00:00.000Z', nextRetryEstimated: false, disabledAt: '2026-11-29T00:00:00.000Z', daysLeft: 18 });
  });

  it('says nothing it cannot know: empty strings (a leftover quarantine object) give no clock', () => {
    expect(quarantineClock({ seriesBegan: '', currentBegan: '', nextAttempt: '' }, '2026-11-10T08:00:00Z')).toEqual({});
  });
});
