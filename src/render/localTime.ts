// Times in the admin's own time zone, UTC alongside: diagnoses write "2026-11-30 13:05 UTC (27 min ago)";
// for an admin in Paris the card says "2026-11-30 14:05 CET · 13:05 UTC (27 min ago)". Teams sends the
// client's IANA zone as `localTimezone` on each activity; without one (a channel alert) times stay UTC. The
// zone's short name follows the admin's locale (Teams' `locale`): en-GB says CET, en-US says GMT+1.

const UTC_TIME = /\b(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}) UTC\b/g;

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
