import { describe, expect, it } from 'vitest';
import { durationHours, isGluedDuration } from './duration';

describe('durationHours', () => {
  it('reads a number and a unit, apart, glued or hyphenated', () => {
    expect(durationHours('mute Slack for 24 hours')).toBe(24);
    expect(durationHours('mute Slack 24h')).toBe(24);
    expect(durationHours('a 24-hour mute')).toBe(24);
    expect(durationHours('for 2 days')).toBe(48);
    expect(durationHours('for 12 hrs')).toBe(12);
    expect(durationHours('for 1.5 hours')).toBe(1.5);
    expect(durationHours('for 30 minutes')).toBe(0.5);
    expect(durationHours('for 2 WEEKS')).toBe(336);
  });

  it('reads a spelled-out single unit', () => {
    expect(durationHours('for an hour')).toBe(1);
    expect(durationHours('for a day')).toBe(24);
    expect(durationHours('for one week')).toBe(168);
  });

  it('names no duration for text without one, a zero one, or numbers that are parts of names', () => {
    expect(durationHours('mute Slack until tomorrow')).toBeUndefined();
    expect(durationHours('mute Slack for 0 hours')).toBeUndefined();
    expect(durationHours('mute Office 365 for now')).toBeUndefined();
    expect(durationHours('mute Box2d')).toBeUndefined();
    expect(durationHours('mute Slack for 99999 hours')).toBeUndefined();
    expect(durationHours('mute Slack for a h')).toBeUndefined();
    expect(durationHours(undefined as unknown as string)).toBeUndefined();
  });

  it('takes the first duration when several are named', () => {
    expect(durationHours('mute for 2 days, no, 3 days')).toBe(48);
  });
});

describe('isGluedDuration', () => {
  it('knows "24h" and "2d" from app names that start with a number', () => {
    expect(isGluedDuration('24h')).toBe(true);
    expect(isGluedDuration('2d')).toBe(true);
    expect(isGluedDuration('90min')).toBe(true);
    expect(isGluedDuration('8x8')).toBe(false);
    expect(isGluedDuration('4me')).toBe(false);
    expect(isGluedDuration('15Five')).toBe(false);
    expect(isGluedDuration('24')).toBe(false);
  });
});
