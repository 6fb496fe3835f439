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

/** Graph's documented limit for /auditLogs/provisioning: 5 requests per 10 seconds per app and tenant. */
export const PROVISIONING_LOG_LIMIT = 5;

/** One provisioning-log budget per tenant, shared by every gateway of this process. */
export function provisioningLogBudget(tenantKey: string, limit = PROVISIONING_LOG_LIMIT): RequestBudget {
  const key = `${tenantKey}|${limit}`;
  let budget = budgets.get(key);
  if (!budget) {
    budget = new RequestBudget(limit, 10_000);
    budgets.set(key, budget);
  }
  return budget;
}
