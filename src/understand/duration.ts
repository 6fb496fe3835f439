// How long an admin asks for, in hours: "mute Slack for 2 days", "snooze Zoom 24h", "for an hour".

/** Hours per unit, keyed by the unit's first letter (minutes, hours, days, weeks). */
const HOURS_PER_UNIT: Readonly<Record<string, number>> = { m: 1 / 60, h: 1, d: 24, w: 24 * 7 };

// A number and a unit, apart or glued ("24 hours", "24h", "24-hour"), or "a"/"an"/"one" and a spelled-out
// unit ("an hour"). Four digits at most: enough for any real mute, and the hours stay small and finite.
const DURATION =
  /(?:^|[^\p{L}\p{N}.])(?:(\d{1,4}(?:\.\d{1,2})?)[\s-]?(mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)|(?:an?|one)\s(minute|hour|day|week))(?![\p{L}\p{N}])/u;
const GLUED = /^\d{1,4}(?:\.\d{1,2})?(?:mins?|h|hrs?|d|w|wks?)$/;

/** Hours of the first duration in the text, or undefined when it names none (or a zero one). */
export function durationHours(text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = DURATION.exec(text.toLowerCase());
  if (!m) return undefined;
  const amount = m[1] === undefined ? 1 : Number(m[1]);
  const hours = amount * HOURS_PER_UNIT[(m[2] ?? m[3])[0]];
  return hours > 0 ? hours : undefined;
}

/** "24h", "2d": one word that is a duration, so never an app name ("mute Slack for 24h"). */
export function isGluedDuration(word: string): boolean {
  return GLUED.test(word.toLowerCase());
}
