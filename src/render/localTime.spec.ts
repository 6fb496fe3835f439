import { describe, expect, it } from 'vitest';
import { localizeTimes } from './localTime';

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
