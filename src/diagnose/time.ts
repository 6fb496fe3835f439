// Times as an identity admin reads them, in one module: UTC, readable, plus how long ago, computed from a given
// `now` (never the wall clock, so a diagnosis is reproducible); and in the admin's own time zone with UTC
// alongside ("2026-11-30 14:05 CET · 13:05 UTC (27 min ago)"). Teams sends the client's IANA zone as
// `localTimezone` on each activity; the zone's short name follows the admin's locale (en-GB says CET, en-US
// GMT+1). Diagnoses write UTC and cards localize it (`localizeTimes`); everything else calls `formatTime`.

/** Graph writes `0001-01-01T00:00:00Z` for "never"; treat it, and anything unparsable, as no time at all. */
export function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms) || new Date(ms).getUTCFullYear() < 1971) return null;
  return ms;
}

export function hasTime(iso: string | null | undefined): iso is string {
  return parseTime(iso) !== null;
}

/** "2026-11-20 08:41 UTC" */
export function formatUtc(iso: string | null | undefined): string {
  const ms = parseTime(iso);
  if (ms === null) return 'unknown time';
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** "3 h ago", "in 20 min", "just now". */
export function formatRelative(iso: string | null | undefined, now: string): string {
  const ms = parseTime(iso);
  const nowMs = parseTime(now);
  if (ms === null || nowMs === null) return '';
  const diff = nowMs - ms;
  const abs = Math.abs(diff);
  const minutes = Math.round(abs / 60_000);
  if (minutes < 1) return 'just now';
  const span = minutes < 60 ? `${minutes} min` : minutes < 48 * 60 ? `${Math.round(minutes / 60)} h` : `${Math.round(minutes / 1440)} days`;
  return diff >= 0 ? `${span} ago` : `in ${span}`;
}

/** "2026-11-20 08:41 UTC (3 h ago)" */
export function formatWhen(iso: string | null | undefined, now: string): string {
  const relative = formatRelative(iso, now);
  return relative ? `${formatUtc(iso)} (${relative})` : formatUtc(iso);
}

/** A readable duration between two times: "1 h 20 min", "3 days". */
export function formatDuration(fromIso: string | null | undefined, toIso: string | null | undefined): string {
  const from = parseTime(fromIso);
  const to = parseTime(toIso);
  if (from === null || to === null || to < from) return '';
  const minutes = Math.round((to - from) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  return `${Math.round(minutes / 1440)} days`;
}

/** The admin's time zone and locale, as Teams sends them; both optional (then times are UTC). */
export interface TimeZoneOptions {
  timeZone?: string;
  locale?: string;
}

/** A formatter for the zone, or undefined for UTC itself, a missing zone, or one Intl does not know. */
function formatterFor(timeZone: string | undefined, locale: string | undefined): Intl.DateTimeFormat | undefined {
  if (!timeZone || /^(utc|etc\/utc|gmt|etc\/gmt)$/i.test(timeZone)) return undefined;
  try {
    return new Intl.DateTimeFormat(locale || 'en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
  } catch {
    return undefined;
  }
}

/**
 * The zone's wall-clock time at `t`, to the minute, written as if it were UTC (so its difference to `t` is the
 * zone's offset); `t` itself for UTC or a zone Intl does not know.
 */
export function wallClock(t: number, timeZone: string | undefined): number {
  const format = formatterFor(timeZone, undefined);
  if (!format) return t;
  const p = Object.fromEntries(format.formatToParts(new Date(t)).map((part) => [part.type, Number(part.value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
}

const UTC_TIME = /\b(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}) UTC\b/g;

/** Rewrites every "YYYY-MM-DD HH:MM UTC" in `text` to local time with UTC alongside. */
export function localizeTimes(text: string, timeZone: string | undefined, locale?: string): string {
  const format = formatterFor(timeZone, locale) ?? (locale ? formatterFor(timeZone, undefined) : undefined);
  if (!format) return text;
  return text.replace(UTC_TIME, (whole, day: string, hh: string, mm: string) => {
    const at = new Date(`${day}T${hh}:${mm}:00Z`);
    if (Number.isNaN(at.getTime())) return whole;
    const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName} · ${hh}:${mm} UTC`;
  });
}

/**
 * The one way to show a moment: "2026-11-30 14:05 CET · 13:05 UTC (27 min ago)" in the admin's zone, UTC alone
 * without one; the relative part only when `now` is given (a card that is stored and shown later omits it).
 */
export function formatTime(at: Date | string | null | undefined, options: TimeZoneOptions & { now?: Date | string } = {}): string {
  const iso = at instanceof Date ? at.toISOString() : at;
  const now = options.now instanceof Date ? options.now.toISOString() : options.now;
  return localizeTimes(now ? formatWhen(iso, now) : formatUtc(iso), options.timeZone, options.locale);
}
