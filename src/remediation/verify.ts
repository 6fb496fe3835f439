// A write whose outcome is unknown (Graph timed out, was unreachable or answered 5xx, or the bot stopped
// mid-remedy) is never reported as "nothing changed": Graph often applies a request after the client gave
// up. The state is read again and the card says what is actually true.
import { currentQuestion, withinQuestion } from '../graph/questionScope';
import type { Execution, Verification } from './remedyTypes';

/**
 * Re-reading gets a deadline of its own, as long as the click's (at most 10 s): the one that ran out may be
 * the reason the outcome is unknown.
 */
const VERIFY_WITHIN_MS = 10_000;

export async function readBack(verify: () => Promise<Verification>): Promise<Verification | undefined> {
  const scope = currentQuestion();
  try {
    return await withinQuestion({ deadlineMs: Math.min(VERIFY_WITHIN_MS, scope?.budgetMs ?? VERIFY_WITHIN_MS), user: scope?.user ?? '' }, verify);
  } catch {
    return undefined;
  }
}

/** The result of a write Graph did not confirm, from the state read back afterwards. */
export async function afterUnknownWrite(what: string, verify: () => Promise<Verification>): Promise<Execution> {
  const v = await readBack(verify);
  const why = 'Microsoft Graph did not confirm the request (it timed out or failed on its side), so I read the state again.';
  if (!v) {
    return {
      result: 'unknown',
      title: `${what}: I could not confirm whether it went through`,
      summary: `${why} That read failed too. Outcome unknown: check the current state before trying again.`,
      changes: [],
    };
  }
  const verdict = v.applied === true ? 'went through' : v.applied === false ? 'did not go through' : 'could not be confirmed';
  return {
    result: v.applied === true ? 'succeeded' : v.applied === false ? 'no-change' : 'unknown',
    title: `${what} ${verdict}`,
    summary: `${why} Outcome unknown → verified as: ${v.state}.`,
    changes: v.current,
    next: v.next,
  };
}
