// "which apps are paused?", "any apps disabled?", "show me the jobs that never ran": an overview of every app
// with provisioning, narrowed to the apps in one state.
import type { AppPhase } from '../domain/types';

/** The question is about apps in general (no app named): "which apps", "any provisioning jobs", "the apps that". */
const APPS = /\b(?:apps|applications|integrations|anything|something|(?:provisioning\s+)?jobs|(?:which|what|any)\s+(?:app|application|job))\b/i;

const PHASE_WORDS: ReadonlyArray<readonly [AppPhase, RegExp]> = [
  ['never-run', /\b(?:never\s+(?:run|ran|started|been\s+(?:run|started))|not\s+(?:yet\s+)?started\s+yet)\b/i],
  ['disabled', /\b(?:disabled|turned\s+off|switched\s+off|set\s+to\s+off)\b/i],
  ['paused', /\b(?:paused|stopped|on\s+hold)\b/i],
];

/** The one state asked about, or undefined when the text names none, or more than one. */
export function appPhaseAsked(text: string): AppPhase | undefined {
  if (!APPS.test(text)) return undefined;
  const found = PHASE_WORDS.filter(([, words]) => words.test(text)).map(([phase]) => phase);
  return found.length === 1 ? found[0] : undefined;
}
