import { describe, expect, it } from 'vitest';
import { formatTime, localizeTimes } from './time';

describe('localizeTimes', () => {
  it('shows local time with UTC alongside, keeping the relative time', () => {
    expect(localizeTimes('In quarantine since: 2026-11-30 13:05 UTC (27 min ago)', 'Europe/Paris', 'en-GB')).toBe(
      'In quarantine since: 2026-11-30 14:05 CET · 13:05 UTC (27 min ago)',
    );
    expect(localizeTimes('2026-11-30 13:05 UTC', 'Europe/Paris')).toBe('2026-11-30 14:05 GMT+1 · 13:05 UTC');
  });

  it('moves the date when the zone is on the other side of midnight', () => {
    expect(localizeTimes('2026-12-01 23:30 UTC', 'Asia/Tokyo')).toBe('2026-12-02 08:30 GMT+9 · 23:30 UTC');
    expect(localizeTimes('2026-07-01 02:00 UTC', 'America/Los_Angeles')).toBe('2026-06-30 19:00 PDT · 02:00 UTC');
  });

  it('leaves the text alone without a zone, for UTC, or for a zone it does not know', () => {
    const text = 'Last cycle: 2026-11-30 13:05 UTC';
    expect(localizeTimes(text, undefined)).toBe(text);
    expect(localizeTimes(text, 'UTC')).toBe(text);
    expect(localizeTimes(text, 'Mars/Olympus_Mons')).toBe(text);
    // A locale Intl rejects still gets local times, in the default locale's words.
    expect(localizeTimes(text, 'Asia/Tokyo', 'not a locale!')).toBe('Last cycle: 2026-11-30 22:05 GMT+9 · 13:05 UTC');
  });
});

describe('formatTime', () => {
  const at = '2026-11-30T13:05:00Z';
  it('says the moment in the admin’s zone with UTC alongside, and how long ago', () => {
    expect(formatTime(at, { timeZone: 'Europe/Paris', locale: 'en-GB', now: new Date('2026-11-30T13:32:00Z') })).toBe('2026-11-30 14:05 CET · 13:05 UTC (27 min ago)');
    expect(formatTime(new Date(at), { timeZone: 'Europe/Paris', locale: 'en-GB' })).toBe('2026-11-30 14:05 CET · 13:05 UTC');
  });

  it('stays in UTC without a zone (a channel alert, read by many), and never invents a time', () => {
    expect(formatTime(at, { now: '2026-11-30T15:05:00Z' })).toBe('2026-11-30 13:05 UTC (2 h ago)');
    expect(formatTime('2026-12-01T13:05:00Z', { now: at })).toBe('2026-12-01 13:05 UTC (in 24 h)');
    expect(formatTime('0001-01-01T00:00:00Z', { timeZone: 'Europe/Paris' })).toBe('unknown time');
  });
});
