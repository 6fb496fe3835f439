// Lists over a time window: "who was skipped in Salesforce today", "what failed in Slack in the last 24 hours",
// "show me provisioning errors this week", "how many users did Atlassian create yesterday". A window (read by
// window.ts) and a list word together make a list; "why was jane skipped today?" stays a question about jane.
import type { ListKind, TimeWindow } from '../domain/types';
import { withoutWindow } from './window';

const SKIP = /\bskip(?:ped|s)?\b/i;
const FAIL = /\b(?:fail(?:ed|s|ing|ures?)?|errors?|errored|erroring)\b/i;
const PROBLEMS = /\b(?:problems?|issues?)\b/i;
const CREATED = /\b(?:creat(?:e|ed|ions?)|new\s+(?:users|accounts|people))\b/i;
/** Words that ask about many, not one person. */
const MANY = /\b(?:who|what|which|how\s+many|show|list|any|all|every(?:one|body)|users|people|accounts|errors|failures|skips|problems|issues)\b/i;

export interface ListReading {
  listOf: ListKind;
  /** The text with the window's words taken out, where the app's name is read. */
  rest: string;
}

/** A list question over `window` (the one the message names), or undefined when the text asks something else. */
export function readList(text: string, window: TimeWindow | undefined): ListReading | undefined {
  if (!window || /\bwhy\b/i.test(text) || !MANY.test(text)) return undefined;
  const skip = SKIP.test(text);
  const fail = FAIL.test(text);
  const listOf: ListKind | undefined = CREATED.test(text) ? 'created' : (skip && fail) || PROBLEMS.test(text) ? 'problems' : skip ? 'skipped' : fail ? 'failure' : undefined;
  if (!listOf) return undefined;
  return { listOf, rest: withoutWindow(text) };
}

/** The app of a list asked without the tenant's names: "… in Salesforce", "… did Atlassian create". */
export function listApp(rest: string): string | undefined {
  const text = rest.replace(/[?!.]+$/, '').trim();
  const m = /\bdid\s+(.+?)\s+creat/i.exec(text) ?? /\b(?:in|for|on|to)\s+(?:the\s+)?(.+?)(?:\s+(?:app|provisioning))?$/i.exec(text);
  const name = m?.[1].trim();
  return name && !/^(?:all\s+apps?|any\s+apps?|every\s+app|provisioning|it)$/i.test(name) ? name : undefined;
}
