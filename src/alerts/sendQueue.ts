// Outgoing sends to Teams, one queue per conversation (thread): sends to a conversation go one at a time, in
// order, spaced to stay inside Teams' per-thread limits (7 per second, 60 per 30 s, 1,800 per hour), and a send
// answered 429/412/502/504 or failing on the network is retried with exponential backoff and jitter, honouring
// Retry-After. Sleep, clock and randomness are injected so the behaviour can be tested without waiting.

export interface RateWindow {
  limit: number;
  windowMs: number;
}

export interface SendQueueOptions {
  /** Attempts per send, the first included. Default 5. */
  maxAttempts?: number;
  /** First backoff; doubled per attempt, with full jitter. Default 1000 ms. */
  baseDelayMs?: number;
  /** Longest single wait, Retry-After included (a longer Retry-After fails the send). Default 60 s. */
  maxDelayMs?: number;
  /** Default: Teams' per-thread limits. */
  windows?: RateWindow[];
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

export const TEAMS_THREAD_LIMITS: RateWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

const RETRY_STATUSES = new Set([412, 429, 502, 504]);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

interface Lane {
  tail: Promise<unknown>;
  sent: number[];
  pending: number;
}

export class SendQueue {
  private readonly lanes = new Map<string, Lane>();
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly windows: RateWindow[];
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(options: SendQueueOptions = {}) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.windows = options.windows ?? TEAMS_THREAD_LIMITS;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /**
   * Runs `send` in the conversation's queue: after every earlier send there, once the rate limits allow, and
   * again on a retryable failure. Resolves with its result, or rejects with the last error once the failure is
   * not retryable or the attempts are used up.
   */
  run<T>(conversationId: string, send: () => Promise<T>, retryable: (error: unknown) => boolean = isRetryable): Promise<T> {
    this.forgetIdleLanes();
    const lane = this.lanes.get(conversationId) ?? { tail: Promise.resolve(), sent: [], pending: 0 };
    this.lanes.set(conversationId, lane);
    lane.pending++;
    const result = lane.tail.then(() => this.attempt(lane, send, retryable));
    lane.tail = result.catch(() => undefined).finally(() => lane.pending--);
    return result;
  }

  /** Conversations the queue still tracks (sends pending, or sent within the longest window). */
  get trackedConversations(): number {
    this.forgetIdleLanes();
    return this.lanes.size;
  }

  /** A lane with nothing pending and no send inside any window has nothing left to enforce. */
  private forgetIdleLanes(): void {
    const longest = Math.max(...this.windows.map((w) => w.windowMs));
    const t = this.now();
    for (const [id, lane] of this.lanes) {
      if (lane.pending === 0 && (lane.sent.length === 0 || t - lane.sent[lane.sent.length - 1] >= longest)) this.lanes.delete(id);
    }
  }

  private async attempt<T>(lane: Lane, send: () => Promise<T>, retryable: (error: unknown) => boolean): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await this.waitForSlot(lane);
      try {
        return await send();
      } catch (error) {
        const delay = attempt < this.maxAttempts && retryable(error) ? this.retryDelay(error, attempt) : undefined;
        if (delay === undefined) throw error;
        await this.sleep(delay);
      }
    }
  }

  /** How long to wait before retrying, or undefined when the error is not worth retrying. */
  private retryDelay(error: unknown, attempt: number): number | undefined {
    const after = retryAfterMs(error, this.now());
    if (after !== undefined) return after <= this.maxDelayMs ? after : undefined;
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    // "Full jitter": instances that failed together don't retry together.
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private async waitForSlot(lane: Lane): Promise<void> {
    const longest = Math.max(...this.windows.map((w) => w.windowMs));
    for (;;) {
      const t = this.now();
      while (lane.sent.length > 0 && t - lane.sent[0] >= longest) lane.sent.shift();
      const wait = Math.max(0, ...this.windows.map((w) => waitFor(lane.sent, w, t)));
      if (wait === 0) {
        lane.sent.push(t);
        return;
      }
      await this.sleep(wait);
    }
  }
}

/** Milliseconds until one more send fits in the window (0 when it fits now). */
function waitFor(sent: number[], window: RateWindow, t: number): number {
  const recent = sent.filter((s) => t - s < window.windowMs);
  if (recent.length < window.limit) return 0;
  return recent[recent.length - window.limit] + window.windowMs - t;
}

/**
 * For sends that are not idempotent (a new thread, a message): only the answers that say Teams did not
 * process the request. After a 502, 504 or a dropped connection the post may exist, and a retry would
 * duplicate it.
 */
export function isRefusedUnprocessed(error: unknown): boolean {
  const status = statusOf(error);
  return status === 412 || status === 429;
}

export function isRetryable(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined) return RETRY_STATUSES.has(status);
  const e = error as { code?: unknown; name?: unknown; cause?: { code?: unknown } } | null;
  const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
  return (code !== undefined && NETWORK_CODES.has(code)) || e?.name === 'TimeoutError' || e?.name === 'AbortError';
}

function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } } | null;
  const status = e?.statusCode ?? e?.status ?? e?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Retry-After from the error (seconds or an HTTP date), in ms; botbuilder's RestError keeps the response headers. */
function retryAfterMs(error: unknown, now: number): number | undefined {
  const e = error as { retryAfterMs?: unknown; headers?: unknown; response?: { headers?: unknown } } | null;
  if (typeof e?.retryAfterMs === 'number' && e.retryAfterMs >= 0) return e.retryAfterMs;
  const value = headerValue(e?.response?.headers, 'retry-after') ?? headerValue(e?.headers, 'retry-after');
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const h = headers as { get?: (n: string) => unknown } & Record<string, unknown>;
  const value = typeof h.get === 'function' ? h.get(name) : Object.entries(h).find(([k]) => k.toLowerCase() === name)?.[1];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
