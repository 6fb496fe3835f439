// A sliding-window request budget (Graph allows 5 provisioning-log requests per 10 s per app and tenant).
// Callers queue for a slot instead of failing; slots are granted in arrival order.
export class RequestBudget {
  private readonly sent: number[] = [];
  private tail: Promise<void> = Promise.resolve();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when a request may be sent, and counts it. */
  take(): Promise<void> {
    const turn = this.tail.then(() => this.waitForSlot());
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const t = this.now();
      while (this.sent.length > 0 && t - this.sent[0] >= this.windowMs) this.sent.shift();
      if (this.sent.length < this.limit) {
        this.sent.push(t);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, this.sent[0] + this.windowMs - t + 1));
    }
  }
}

const budgets = new Map<string, RequestBudget>();

/** Graph's documented limits per app and tenant: provisioning logs and provision on demand, 5 per 10 s each. */
export const PROVISIONING_LOG_LIMIT = 5;
export const PROVISION_ON_DEMAND_LIMIT = 5;

/** One budget per tenant and kind of call, shared by every gateway of this process. */
export function tenantBudget(tenantKey: string, kind: 'logs' | 'provisionOnDemand', limit: number): RequestBudget {
  const key = `${tenantKey}|${kind}|${limit}`;
  let budget = budgets.get(key);
  if (!budget) {
    budget = new RequestBudget(limit, 10_000);
    budgets.set(key, budget);
  }
  return budget;
}
