// A sliding-window request budget (Graph allows 5 provisioning-log requests per 10 s per app and tenant).
// Callers queue for a slot; slots go round-robin across users, so one admin's burst of questions cannot
// starve another's. The queue is capped, and a caller waits at most `maxWaitMs`: past either, it is told
// how long until a slot is likely free instead of waiting on. Graph's limit is per app, not per process: where
// several instances serve the app, each takes its share (`shareOf`, the count from `shareLimitsWith`).
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

export interface Share {
  limit: number;
  windowMs: number;
}

/**
 * One instance's part of a limit of `limit` requests per `windowMs` shared by `instances`: an equal share rounded
 * down, so the instances stay within the limit even while they disagree for a moment on how many there are (one
 * that has not yet seen a newcomer). Past `limit` instances a share of one request per window would exceed it:
 * each then gets one request per window lengthened to instances × windowMs ÷ limit, which holds the total rate.
 */
export function shareOf(limit: number, windowMs: number, instances: number): Share {
  const n = Math.max(1, Math.floor(instances));
  return n <= limit ? { limit: Math.floor(limit / n), windowMs } : { limit: 1, windowMs: Math.ceil((windowMs * n) / limit) };
}

export class RequestBudget {
  private readonly sent: number[] = [];
  /** Waiting requests per user, and the users in round-robin order. */
  private readonly queues = new Map<string, Waiter[]>();
  private readonly order: string[] = [];
  private waiting = 0;
  private timer?: ReturnType<typeof setTimeout>;

  /**
   * @param limit requests per `windowMs` for the whole app; this instance takes its share of it.
   * @param instances how many instances share the limit now (read before every decision, so a change applies at once).
   */
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    readonly queueCap = DEFAULT_QUEUE_CAP,
    private readonly instances: () => number = () => 1,
    /** Whose limit, in the error a caller sees: 'provisioning-logs' or 'provision-on-demand'. */
    readonly name: 'provisioning-logs' | 'provision-on-demand' = 'provisioning-logs',
  ) {}

  /** What this instance may send now. */
  get share(): Share {
    return shareOf(this.limit, this.windowMs, this.instances());
  }

  /** Resolves when a request may be sent, and counts it; rejects with 'graph-throttled' when it would wait too long. */
  take(options: TakeOptions = {}): Promise<void> {
    const { limit } = this.prune();
    if (this.waiting === 0 && this.sent.length < limit) {
      this.sent.push(this.now());
      return Promise.resolve();
    }
    if (this.waiting >= this.queueCap) return Promise.reject(this.busy());
    const maxWaitMs = options.maxWaitMs ?? Infinity;
    if (maxWaitMs <= 0) return Promise.reject(this.busy());
    // Not even the next slot frees in time: the admin hears when to ask again now, not after the wait.
    if (this.untilSlot() > maxWaitMs) return Promise.reject(this.busy());
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

  /** Forgets requests older than the window, and returns the share it was measured against. */
  private prune(): Share {
    const share = this.share;
    const t = this.now();
    while (this.sent.length > 0 && t - this.sent[0] >= share.windowMs) this.sent.shift();
    return share;
  }

  /** Grants free slots to the next users in turn, then waits for the oldest slot to free. */
  private pump(): void {
    this.timer = undefined;
    const { limit } = this.prune();
    while (this.waiting > 0 && this.sent.length < limit) {
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
    // A millisecond past the slot, so the pump finds it free.
    const full = this.sent.length >= this.share.limit;
    this.timer = setTimeout(() => this.pump(), Math.max(0, full ? this.untilSlot() + 1 : 0));
  }

  /** Milliseconds until a request may be sent (0 when one may now): the oldest counted one leaves the window. */
  private untilSlot(): number {
    const { limit, windowMs } = this.share;
    return this.sent.length < limit ? 0 : this.sent[this.sent.length - limit] + windowMs - this.now();
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
    const { limit, windowMs } = this.prune();
    const oldest = this.sent.length ? this.sent[0] + windowMs - this.now() : 0;
    const seconds = Math.max(1, Math.ceil((oldest + Math.floor(this.waiting / limit) * windowMs) / 1000));
    return new BotError('graph-throttled', `Graph's ${this.name} limit is busy; try again in ${seconds} s.`, {
      retryAfter: seconds,
      budget: this.name,
      limit: this.limit,
      windowSeconds: Math.round(windowMs / 1000),
    });
  }
}

const budgets = new Map<string, RequestBudget>();

/** Graph's documented limits per app and tenant: provisioning logs and provision on demand, 5 per 10 s each. */
export const PROVISIONING_LOG_LIMIT = 5;
export const PROVISION_ON_DEMAND_LIMIT = 5;

const ALONE = (): number => 1;
/** Live instances of the bot, this process included; the budgets are per process, so the count is too. */
let instanceCount = ALONE;

/**
 * From now on every tenant budget of this process takes its share of the limit among `count()` instances.
 * Returns the undo (back to one instance), which does nothing once another count has replaced this one.
 */
export function shareLimitsWith(count: () => number): () => void {
  instanceCount = count;
  return () => {
    if (instanceCount === count) instanceCount = ALONE;
  };
}

/** One budget per tenant and kind of call, shared by every gateway of this process. */
export function tenantBudget(tenantKey: string, kind: 'logs' | 'provisionOnDemand', limit: number): RequestBudget {
  const key = `${tenantKey}|${kind}|${limit}`;
  let budget = budgets.get(key);
  if (!budget) {
    budget = new RequestBudget(limit, 10_000, Date.now, DEFAULT_QUEUE_CAP, () => instanceCount(), kind === 'logs' ? 'provisioning-logs' : 'provision-on-demand');
    budgets.set(key, budget);
  }
  return budget;
}
