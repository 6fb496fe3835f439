// The natural next step after a click, for every remedy and result: what an admin would do next, as the
// outcome card's primary button. A remedy's own next steps (provision after a re-assignment, try again) come
// first; these follow. Questions are asked as the admin's message, so the outcome card stays in the chat.
import type { NextStep, QuestionButton } from '../domain/remediationViews';
import type { RemedyVerb } from '../domain/types';
import { remedyButton } from './buttons';
import type { Execution, Inspection } from './remedyTypes';

const ask = (title: string, question: string): QuestionButton => ({ title, ask: question });

/** "Check status": how the app's provisioning is doing now (the last cycle, quarantine, progress). */
export const checkStatus = (appName: string): QuestionButton => ask('Check status', `how is ${appName} doing?`);

type Result = Execution['result'] | 'stale';

interface Done {
  result: Result;
  inspection: Inspection;
}

const subjectOf = (inspection: Inspection) => (inspection.details as { subject?: { displayName?: string } } | undefined)?.subject;

const status = ({ inspection }: Done) => [checkStatus(inspection.app.app.displayName)];

// A Record, so a new remedy does not compile until it says what comes after it.
const NATURAL: Record<RemedyVerb, (done: Done) => NextStep[]> = {
  clearQuarantine: status,
  restartProvisioning: status,
  startProvisioning: status,
  pauseProvisioning: ({ result, inspection }) =>
    result === 'succeeded' ? [checkStatus(inspection.app.app.displayName), remedyButton('startProvisioning', 'Start it again', inspection.app.app)] : status({ result, inspection }),
  // A failed test is fixed in the target app (a new secret token, the tenant URL); then test again.
  testConnection: ({ result, inspection }) =>
    result === 'failed' ? [remedyButton('testConnection', 'Test connection again', inspection.app.app)] : status({ result, inspection }),
  reassignUser: status,
  // After a bulk retry, the list again shows who is still failing.
  retryFailed: ({ inspection }) => [ask('Who is still failing?', `who failed in ${inspection.app.app.displayName} today?`), checkStatus(inspection.app.app.displayName)],
  provisionOnDemand: ({ result, inspection }) => {
    const who = subjectOf(inspection)?.displayName;
    const app = inspection.app.app.displayName;
    if (result === 'succeeded' || !who) return status({ result, inspection });
    return [ask(`Why was ${who} skipped?`, `why was ${who} skipped in ${app}?`), checkStatus(app)];
  },
};

const key = (step: NextStep) => ('ask' in step ? `ask:${step.ask}` : `${step.verb}:${JSON.stringify(step.data)}`);

/**
 * The remedy's own next steps, then the natural ones it did not already offer (one button per title and
 * target). Without an inspection (the app could not be read) there is no name to ask about: only the remedy's own.
 */
export function nextSteps(verb: RemedyVerb, own: NextStep[] | undefined, result: Result, inspection: Inspection | undefined): NextStep[] {
  const natural = inspection ? NATURAL[verb]({ result, inspection }) : [];
  const seen = new Set<string>();
  return [...(own ?? []), ...natural].filter((step) => {
    const id = key(step);
    if (seen.has(id) || seen.has(`title:${step.title}`)) return false;
    seen.add(id);
    seen.add(`title:${step.title}`);
    return true;
  });
}
