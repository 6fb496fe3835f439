// Lists over a time window: "who was skipped in Salesforce today", "what failed in Slack in the last 24 hours",
// "show me provisioning errors this week", "how many users did Atlassian create yesterday". A window and a
// list word together make a list; "why was jane skipped today?" stays a question about jane. Pure: the window
// is read as words and hours here, turned into times where the clock is (gather).
import type { Intent, ListKind } from '../domain/types';

type Window = NonNullable<Intent['window']>;

const UNIT_HOURS: Record<string, number> = { hour: 1, hr: 1, h: 1, day: 24, week: 168 };

function readWindow(text: string): { window: Window; match: string } | undefined {
  const named = /\b(today|yesterday|this\s+week)\b/i.exec(text);
  if (named) return { window: { label: named[1].toLowerCase().replace(/\s+/, ' ') }, match: named[0] };
  const counted = /\b(?:(?:in|during|over|for|within)\s+)?(?:the\s+)?(?:last|past)\s+(\d{1,3})\s*(hours?|hrs?|h|days?|weeks?)\b/i.exec(text);
  if (counted) {
    const n = Number(counted[1]);
    const unit = counted[2].toLowerCase().replace(/s$/, '');
    if (n < 1) return undefined;
    const word = unit.startsWith('h') ? 'hour' : unit;
    return { window: { hours: n * UNIT_HOURS[word], label: `in the last ${n} ${word}${n === 1 ? '' : 's'}` }, match: counted[0] };
  }
  const one = /\b(?:(?:in|during|over|for|within)\s+)?(?:the\s+)?(?:last|past)\s+(hour|day|week)\b/i.exec(text);
  if (one) return { window: { hours: UNIT_HOURS[one[1].toLowerCase()], label: `in the last ${one[1].toLowerCase()}` }, match: one[0] };
  return undefined;
}

const SKIP = /\bskip(?:ped|s)?\b/i;
const FAIL = /\b(?:fail(?:ed|s|ing|ures?)?|errors?|errored|erroring)\b/i;
const PROBLEMS = /\b(?:problems?|issues?)\b/i;
const CREATED = /\b(?:creat(?:e|ed|ions?)|new\s+(?:users|accounts|people))\b/i;
/** Words that ask about many, not one person. */
const MANY = /\b(?:who|what|which|how\s+many|show|list|any|all|every(?:one|body)|users|people|accounts|errors|failures|skips|problems|issues)\b/i;

export interface ListReading {
  window: Window;
  listOf: ListKind;
  /** The text with the window's words taken out, where the app's name is read. */
  rest: string;
}

/** A list question, or undefined when the text asks something else. */
export function readList(text: string): ListReading | undefined {
  const found = readWindow(text);
  if (!found || /\bwhy\b/i.test(text) || !MANY.test(text)) return undefined;
  const skip = SKIP.test(text);
  const fail = FAIL.test(text);
  const listOf: ListKind | undefined = CREATED.test(text) ? 'created' : (skip && fail) || PROBLEMS.test(text) ? 'problems' : skip ? 'skipped' : fail ? 'failure' : undefined;
  if (!listOf) return undefined;
  return { window: found.window, listOf, rest: text.replace(found.match, ' ').replace(/\s+/g, ' ').trim() };
}

/** The app of a list asked without the tenant's names: "… in Salesforce", "… did Atlassian create". */
export function listApp(rest: string): string | undefined {
  const text = rest.replace(/[?!.]+$/, '').trim();
  const m = /\bdid\s+(.+?)\s+creat/i.exec(text) ?? /\b(?:in|for|on|to)\s+(?:the\s+)?(.+?)(?:\s+(?:app|provisioning))?$/i.exec(text);
  const name = m?.[1].trim();
  return name && !/^(?:all\s+apps?|any\s+apps?|every\s+app|provisioning|it)$/i.test(name) ? name : undefined;
}
