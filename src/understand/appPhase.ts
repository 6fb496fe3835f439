// "which apps are paused?", "any apps disabled?", "show me the jobs that never ran": an overview of every app
// with provisioning, narrowed to the apps in one state.
import type { AppPhase } from '../domain/types';

/** The question is about apps in general (no app named): "which apps", "any provisioning jobs", "the apps that". */
const APPS = /\b(?:apps|applications|integrations|anything|something|(?:provisioning\s+)?jobs|(?:which|what|any)\s+(?:app|application|job))\b/i;

/** "stopped working", "stopped syncing": broken in chat words, not the job's paused state. */
const WORKING = 'working|syncing|running|provisioning|updating|pushing';
const NOT_WORKING = new RegExp(String.raw`\b(?:stopped|not|isn'?t|aren'?t|quit)\s+(?:${WORKING})\b|\b(?:broken|broke|down|failing)\b`, 'i');

const PHASE_WORDS: ReadonlyArray<readonly [AppPhase, RegExp]> = [
  ['never-run', /\b(?:never\s+(?:run|ran|started|been\s+(?:run|started))|not\s+(?:yet\s+)?started\s+yet)\b/i],
  ['disabled', /\b(?:disabled|turned\s+off|switched\s+off|set\s+to\s+off)\b/i],
  ['paused', new RegExp(String.raw`\b(?:paused|on\s+hold)\b|\bstopped\b(?!\s+(?:${WORKING})\b)`, 'i')],
];

/** People in the sentence: "apps with disabled users" asks about accounts, not a job's state. */
const PEOPLE = /\b(?:users?|accounts?|people|persons?|members|employees|identities|leavers|joiners)\b/i;

/** Apps as the subject, asked which of them: "which apps stopped syncing?", "any apps not working". */
const WHICH_APPS = /\b(?:which|what|any|all)\s+(?:(?:of\s+)?(?:the|our|my)\s+)?(?:apps?|applications?|integrations?|(?:provisioning\s+)?jobs?)\b|\b(?:apps|applications|jobs)\s+(?:that|which)\b/i;

/** The one state asked about, or undefined when the text names none, or more than one. */
export function appPhaseAsked(text: string): AppPhase | undefined {
  if (!APPS.test(text) || PEOPLE.test(text)) return undefined;
  const found = PHASE_WORDS.filter(([, words]) => words.test(text)).map(([phase]) => phase);
  return found.length === 1 ? found[0] : undefined;
}

/** "zendesk stopped syncing overnight": the app's own state, not a list of people who failed. */
export function saysStopped(text: string): boolean {
  return new RegExp(String.raw`\b(?:stopped|quit|not|isn'?t|hasn'?t\s+been)\s+(?:${WORKING})\b`, 'i').test(text);
}

/** "which apps stopped syncing?", "any apps not working": every app that needs attention (the overview). */
export function asksAppsNotWorking(text: string): boolean {
  return asksAboutApps(text) && NOT_WORKING.test(text);
}

/** "which apps were disabled this week": apps as the subject, no people; not a list of removed accounts. */
export function asksAboutApps(text: string): boolean {
  return WHICH_APPS.test(text) && !PEOPLE.test(text);
}
