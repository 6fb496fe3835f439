// A sliding-window request budget (Graph allows 5 provisioning-log requests per 10 s per app and tenant).
// Callers queue for a slot; slots go round-robin across users, so one admin's burst of questions cannot
// starve another's. The queue is capped, and a caller waits at most `maxWaitMs`: past either, it is told
// how long until a slot is likely free instead of waiting on.
import { BotError } from '../errors';

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
  timer?: ReturnType<typeof setTimeout>;
}

export interface TakeOptions {
  /** Whose request this is (round-robin fairness); one shared queue when absent. */
  user?: string;
  /** Longest wait for a slot; default: as long as it takes. */
  maxWaitMs?: number;
}

/** Requests allowed to wait for a slot at once, across all users, before new ones are refused. */
export const DEFAULT_QUEUE_CAP = 50;

export class RequestBudget {
  private readonly sent: number[] = [];
  /** Waiting requests per user, and the users in round-robin order. */
  private readonly queues = new Map<string, Waiter[]>();
  private readonly order: string[] = [];
  private waiting = 0;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    readonly queueCap = DEFAULT_QUEUE_CAP,
  ) {}

  /** Resolves when a request may be sent, and counts it; rejects with 'graph-throttled' when it would wait too long. */
  take(options: TakeOptions = {}): Promise<void> {
    this.prune();
    if (this.waiting === 0 && this.sent.length < this.limit) {
      this.sent.push(this.now());
      return Promise.resolve();
    }
    if (this.waiting >= this.queueCap) return Promise.reject(this.busy());
    const maxWaitMs = options.maxWaitMs ?? Infinity;
    if (maxWaitMs <= 0) return Promise.reject(this.busy());
    const user = options.user ?? '';
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      if (Number.isFinite(maxWaitMs)) {
        waiter.timer = setTimeout(() => {
          this.remove(user, waiter);
          reject(this.busy());
        }, maxWaitMs);
      }
      let queue = this.queues.get(user);
      if (!queue) {
        queue = [];
        this.queues.set(user, queue);
        this.order.push(user);
      }
      queue.push(waiter);
      this.waiting++;
      this.schedule();
    });
  }

  private prune(): void {
    const t = this.now();
    while (this.sent.length > 0 && t - this.sent[0] >= this.windowMs) this.sent.shift();
  }

  /** Grants free slots to the next users in turn, then waits for the oldest slot to free. */
  private pump(): void {
    this.timer = undefined;
    this.prune();
    while (this.waiting > 0 && this.sent.length < this.limit) {
      const user = this.order.shift()!;
      const queue = this.queues.get(user)!;
      const waiter = queue.shift()!;
      this.waiting--;
      if (queue.length > 0) this.order.push(user);
      else this.queues.delete(user);
      clearTimeout(waiter.timer);
      this.sent.push(this.now());
      waiter.resolve();
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.waiting === 0) return;
    const wait = this.sent.length < this.limit ? 0 : this.sent[0] + this.windowMs - this.now() + 1;
    this.timer = setTimeout(() => this.pump(), Math.max(0, wait));
  }

  private remove(user: string, waiter: Waiter): void {
    const queue = this.queues.get(user);
    const i = queue?.indexOf(waiter) ?? -1;
    if (!queue || i < 0) return;
    queue.splice(i, 1);
    this.waiting--;
    if (queue.length === 0) {
      this.queues.delete(user);
      this.order.splice(this.order.indexOf(user), 1);
    }
  }

  /** How long until the queue ahead has drained, roughly: one window per `limit` requests waiting. */
  private busy(): BotError {
    this.prune();
    const oldest = this.sent.length ? this.sent[0] + this.windowMs - this.now() : 0;
    const seconds = Math.max(1, Math.ceil((oldest + Math.floor(this.waiting / this.limit) * this.windowMs) / 1000));
    return new BotError('graph-throttled', `Graph's provisioning-log limit is busy; try again in ${seconds} s.`, { retryAfter: seconds, budget: 'provisioning-logs' });
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
