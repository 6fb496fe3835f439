// What one question (or one button click) may spend on Graph, carried through every await of its work with
// AsyncLocalStorage so the one gateway can enforce it without a parameter on every call: a deadline (retries
// only within it), a cap on pages read, who is asking (log-budget fairness, the log cache) and the notes the
// answer must carry when the gateway stopped early.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface QuestionScope {
  /** Epoch ms after which no Graph request starts and no retry waits. */
  deadline: number;
  /** The length of the question's deadline, in ms. */
  budgetMs: number;
  /** Who asks: the admin's object id (or any stable key); fairness and cached log reads are per user. */
  user: string;
  /** Pages of collections read so far for this question. */
  pages: number;
  /** What the answer must say because the gateway stopped early (a paging bound…). */
  notes: string[];
}

/** Pages one question may read across all its lists: enough for any real answer, far from 110,000 requests. */
export const QUESTION_PAGE_CAP = 300;

const store = new AsyncLocalStorage<QuestionScope>();

/** Runs work as one question with its own deadline; the scope is returned so the caller can read its notes. */
export function withinQuestion<T>(options: { deadlineMs: number; user: string }, work: (scope: QuestionScope) => Promise<T>): Promise<T> {
  const scope: QuestionScope = { deadline: Date.now() + options.deadlineMs, budgetMs: options.deadlineMs, user: options.user, pages: 0, notes: [] };
  return store.run(scope, () => work(scope));
}

export function currentQuestion(): QuestionScope | undefined {
  return store.getStore();
}

/** Milliseconds left for the current question (Infinity outside one: the alert poller, scripts). */
export function timeLeft(): number {
  const scope = store.getStore();
  return scope ? scope.deadline - Date.now() : Infinity;
}
