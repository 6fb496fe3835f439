// The time a question is about: "who was skipped in Slack today", "what failed in the last 24 hours", "since
// Monday". Calendar words count from midnight UTC of `now` (the bot has no other clock to agree on);
// "last N hours/days" counts back from now.
import type { TimeWindow } from '../domain/types';

const HOUR_MS = 3_600_000;
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const UNIT_HOURS: Readonly<Record<string, number>> = { m: 1 / 60, h: 1, d: 24, w: 168 };
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12,
  couple: 2, few: 3,
};

// "in the last 24 hours", "past 3 days", "last 2 weeks", "the last hour", "over the past few days", "48h"
const LAST_N =
  /\b(?:last|past|previous|prior)\s+(?:(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|couple(?:\s+of)?|few)\s*)?(mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)\b/;
const AGO = /\b(\d{1,3}|an?|one|two|three|few|couple(?:\s+of)?)\s+(hours?|days?|weeks?)\s+ago\b/;
const SINCE_DAY = /\bsince\s+(?:last\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b/;
const CALENDAR = /\b(today|todays|yesterday|yesterdays|overnight|last\s+night|this\s+week|this\s+month|this\s+morning|(?:this|last|the)\s+weekend|weekend)\b/;

// The words of any window above, with the preposition before it: taken out where the rest is read for a name.
const WINDOW_PHRASE = new RegExp(`(?:\\b(?:in|during|over|for|within)\\s+)?(?:\\bthe\\s+)?(?:${[LAST_N, AGO, SINCE_DAY, CALENDAR].map((r) => r.source).join('|')})`, 'gi');

/** The text without the window's words: "failed in Slack in the last 24 hours" → "failed in Slack". */
export function withoutWindow(text: string): string {
  return text.replace(WINDOW_PHRASE, ' ').replace(/\s+/g, ' ').trim();
}

function startOfDay(now: Date, daysBack = 0): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysBack));
}

function amount(word: string | undefined): number {
  if (!word) return 1;
  const n = Number(word);
  return Number.isFinite(n) ? n : (NUMBER_WORDS[word.split(/\s+/)[0]] ?? 1);
}

/** The window a message names, or undefined. `text` is read case-insensitively. */
export function readWindow(text: string, now: Date): TimeWindow | undefined {
  const lower = text.toLowerCase();
  const last = LAST_N.exec(lower);
  if (last) {
    const n = amount(last[1]);
    const hours = n * UNIT_HOURS[last[2][0]];
    if (hours > 0) return { hours, label: `the last ${last[1] ? `${n} ` : ''}${unitLabel(last[2], n)}` };
  }
  const ago = AGO.exec(lower);
  if (ago) {
    const n = amount(ago[1]);
    return { hours: n * UNIT_HOURS[ago[2][0]], label: `the last ${n} ${unitLabel(ago[2], n)}` };
  }
  const since = SINCE_DAY.exec(lower);
  if (since) {
    const day = DAYS.findIndex((d) => d.startsWith(since[1].slice(0, 3)));
    const back = (now.getUTCDay() - day + 7) % 7;
    return { since: startOfDay(now, back).toISOString(), label: `since ${DAYS[day][0].toUpperCase()}${DAYS[day].slice(1)}` };
  }
  const calendar = CALENDAR.exec(lower)?.[1].replace(/\s+/g, ' ');
  switch (calendar) {
    case 'today':
    case 'todays':
    case 'this morning':
      return { since: startOfDay(now).toISOString(), label: 'today' };
    case 'yesterday':
    case 'yesterdays':
      return { since: startOfDay(now, 1).toISOString(), hours: 24, label: 'yesterday' };
    case 'overnight':
    case 'last night':
      return { since: new Date(startOfDay(now).getTime() - 6 * HOUR_MS).toISOString(), label: 'since last night' };
    case 'this week':
      return { since: startOfDay(now, (now.getUTCDay() + 6) % 7).toISOString(), label: 'this week' };
    case 'weekend':
    case 'the weekend':
    case 'this weekend':
    case 'last weekend': {
      // The last Saturday and Sunday (UTC); on a weekend day, from Saturday until now.
      const day = now.getUTCDay();
      const back = day === 6 ? 0 : day === 0 ? 1 : day + 1;
      const saturday = startOfDay(now, back);
      return { since: saturday.toISOString(), ...(day === 6 || day === 0 ? {} : { hours: 48 }), label: 'over the weekend' };
    }
    case 'this month':
      return { since: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString(), label: 'this month' };
    default:
      return undefined;
  }
}

function unitLabel(unit: string, n: number): string {
  const name = { m: 'minute', h: 'hour', d: 'day', w: 'week' }[unit[0]]!;
  return n === 1 ? name : `${name}s`;
}
