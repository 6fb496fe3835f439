// What a caller that will not wait gets from a budget right now: how many requests in a row are let through.
import type { RequestBudget } from './requestBudget';

export async function takeAllNow(budget: RequestBudget): Promise<number> {
  let granted = 0;
  for (;;) {
    try {
      await budget.take({ maxWaitMs: 0 });
      granted++;
    } catch {
      return granted;
    }
  }
}
