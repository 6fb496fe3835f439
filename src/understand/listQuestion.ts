// Lists over a time window: "who was skipped in Salesforce today", "what failed in Slack in the last 24 hours",
// "show me provisioning errors this week", "how many users did Atlassian create yesterday". A window (read by
// window.ts) and a list word together make a list; "why was jane skipped today?" stays a question about jane.
import type { ListKind, TimeWindow } from '../domain/types';
import { asksAboutApps } from './appPhase';
import { withoutWindow } from './window';

const SKIP = /\bskip(?:ped|s)?\b/i;
const FAIL = /\b(?:fail(?:ed|s|ing|ures?)?|errors?|errored|erroring|break|broke|breaking)\b/i;
const PROBLEMS = /\b(?:problems?|issues?)\b/i;
const CREATED = /\b(?:creat(?:e|ed|es|ions?)|new\s+(?:users|accounts|people))\b/i;
/** "who was provisioned to zendesk today": accounts made, unless it failed or did not happen. */
const PROVISIONED = /\b(?:provisioned|onboarded|added|pushed)\b/i;
const NEGATED = /\b(?:not|never|no|nobody|wasn'?t|weren'?t|didn'?t|hasn'?t|haven'?t|isn'?t|aren'?t)\b/i;
/** Accounts the app's provisioning took away: "who got deprovisioned", "which accounts were disabled". */
const REMOVED = /\b(?:de-?provision(?:ed|s)?|disabled|deleted|removed|deactivated|off-?boarded|deletes|deletions|removals|disables)\b/i;
/** Words that ask about many, not one person. */
const MANY = /\b(?:who|what|which|how\s+many|show|list|any(?:one|body|thing)?|something|all|every(?:one|body)|users|people|accounts|errors|failures|skips|problems|issues)\b/i;

export interface ListReading {
  listOf: ListKind;
  /** The text with the window's words taken out, where the app's name is read. */
  rest: string;
}

/**
 * "who was removed from Slack?", "which accounts got deprovisioned": the people it happened to (a list), where
 * "who removed …" asks who did it (the history), and a question about one person names them.
 */
const REMOVED_WHO = new RegExp(
  String.raw`\b(?:who|which|what)(?:\s+(?:users?|accounts?|people|persons?|ones?))?\s+(?:was|were|got|has\s+been|have\s+been|had\s+been)\s+(?:\w+\s+)?` +
    REMOVED.source.slice(2),
  'i',
);

/**
 * "disabled in entra but still active in zendesk": leavers the app has not removed (deprovisioning), the
 * opposite of a list of accounts it removed.
 */
const STILL_THERE = /\bstill\s+(?:active|enabled|there|has|have|had|in|on|exists?|around|able|showing|listed|present|working|live)\b|\b(?:in|from)\s+(?:entra(?:\s+id)?|azure(?:\s+ad)?|aad|ad|active\s+directory|the\s+directory|workday|hr)\s+but\b/i;

export function asksWhoWasRemoved(text: string): boolean {
  return REMOVED_WHO.test(text) && !/\bwhy\b/i.test(text) && !STILL_THERE.test(text);
}

/** A list question over `window` (the one the message names), or undefined when the text asks something else. */
export function readList(text: string, window: TimeWindow | undefined): ListReading | undefined {
  if (!window || /\bwhy\b/i.test(text) || !MANY.test(text)) return undefined;
  const skip = SKIP.test(text);
  const fail = FAIL.test(text);
  // "which apps were disabled this week" asks about apps; "disabled in entra but still active" about leavers left.
  const removed = REMOVED.test(text) && !asksAboutApps(text) && !STILL_THERE.test(text);
  const created = CREATED.test(text) || (PROVISIONED.test(text) && !skip && !fail && !NEGATED.test(text));
  const listOf: ListKind | undefined = created ? 'created' : removed ? 'removed' : (skip && fail) || PROBLEMS.test(text) ? 'problems' : skip ? 'skipped' : fail ? 'failure' : undefined;
  if (!listOf) return undefined;
  return { listOf, rest: withoutWindow(text) };
}

/** The app of a list asked without the tenant's names: "… in Salesforce", "… did Atlassian create". */
export function listApp(rest: string): string | undefined {
  const text = rest.replace(/[?!.]+$/, '').trim();
  const m = /\bdid\s+(.+?)\s+creat/i.exec(text) ?? /\b(?:in|for|on|to|from)\s+(?:the\s+)?(.+?)(?:\s+(?:app|provisioning))?$/i.exec(text);
  const name = m?.[1].trim();
  return name && !/^(?:all\s+apps?|any\s+apps?|every\s+app|provisioning|it)$/i.test(name) ? name : undefined;
}
