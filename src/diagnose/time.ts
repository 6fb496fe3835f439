// Times as an identity admin reads them: UTC, readable, plus how long ago, computed from the evidence's `now`
// (never the wall clock, so a diagnosis is reproducible).

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
