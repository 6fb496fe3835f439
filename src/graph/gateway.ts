// The one Graph gateway: every Microsoft Graph call of the bot goes through here. It owns the base URL, the
// token, paging, JSON batching, retries and time-outs, the provisioning-log budget, and turns every failure
// into a BotError with a code the bot can explain.
import { Client, Context, Middleware, ResponseType, RetryHandler, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { BotError } from '../errors';
import type { Logger } from '../log';
import { requiredAccess } from './access';
import { currentQuestion, QUESTION_PAGE_CAP, timeLeft } from './questionScope';
import { PROVISION_ON_DEMAND_LIMIT, PROVISIONING_LOG_LIMIT, RequestBudget, tenantBudget } from './requestBudget';
import { BATCH_PATH, graphPath, PROVISIONING_LOGS_PATH, type Query } from './endpoints';
import { exchange, TransportError, WireResponse } from './transport';
import type { GraphCollection, GraphErrorBody } from './types';

export interface TokenProvider {
  /** A Graph access token, or undefined where none is needed (the demo tenant, a local stand-in). */
  getToken(): Promise<string | undefined>;
}

export interface GraphGatewayOptions {
  /** e.g. `https://graph.microsoft.com/v1.0` or `http://127.0.0.1:8080/v1.0`. */
  baseUrl: string;
  tokens?: TokenProvider;
  /** Budgets are per tenant: the tenant id, or any stable key in local mode. */
  tenantKey: string;
  timeoutMs?: number;
  /** Longest Retry-After the gateway waits for before telling the user to try again later. */
  maxRetryWaitSeconds?: number;
  /** Provisioning-log requests allowed per 10 s (Graph's limit is 5; a stand-in may allow more). */
  provisioningLogLimit?: number;
  /** Longest wait for a provisioning-log slot before the answer says the limit is busy (default 8 s). */
  maxLogWaitMs?: number;
  /** How long a provisioning-log read is reused for the same admin and filter (default LOG_CACHE_MS; 0 = never). */
  logCacheMs?: number;
  logger?: Logger;
}

/** What `listBounded` read, and why it stopped early when it did (said in the answer). */
export interface BoundedList<T> {
  items: T[];
  truncated?: string;
}


export interface BatchRequest {
  id: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Relative to the version root, e.g. `/users/{id}`; build it with `graph/endpoints`. */
  url: string;
  body?: unknown;
}

export type BatchOutcome<T = unknown> = { ok: true; status: number; body: T } | { ok: false; status: number; error: BotError };

interface RawResult {
  status: number;
  /** A response's headers, or a `$batch` answer's plain header object. */
  headers: { get(name: string): string | null } | Record<string, string>;
  body: unknown;
}

const TRANSPORT_ERROR = 'x-gateway-transport-error';
const BATCH_LIMIT = 20;
/** `$batch` requests one `batch` call keeps in flight at once. */
export const BATCHES_IN_FLIGHT = 4;
const ON_DEMAND_SUFFIX = '/provisionOnDemand';
/** Graph's code for a tenant without Entra ID P1/P2 asking for audit or provisioning logs. */
const NO_PREMIUM_LICENCE = 'Authentication_RequestFromNonPremiumTenantOrB2CTenant';

/** Calls whose 401 means "not allowed" rather than "token not accepted". */
function refusesWith401(path: string): boolean {
  const p = path.split('?')[0].toLowerCase();
  return p.includes('/synchronization') || p.startsWith('/auditlogs');
}
/** Pages one list follows: with Graph's page sizes, far more than any answer needs. */
export const LIST_PAGE_CAP = 100;
/** Repeated log questions within this time are answered from the same read (per tenant and user). */
export const LOG_CACHE_MS = 30_000;
const DEFAULT_LOG_WAIT_MS = 8_000;
const logCache = new Map<string, { at: number; body: Promise<unknown> }>();
/** tenant|user → when that admin's own provisioning-log read last succeeded. */
const logReaders = new Map<string, number>();
/** How long an admin's successful log read vouches for their access to the logs. */
export const LOG_READER_MS = 30 * 60_000;


function needsEventualConsistency(path: string): boolean {
  return /[?&](\$search|\$count)=/.test(path);
}

function header(headers: RawResult['headers'], name: string): string | undefined {
  if (typeof headers.get === 'function') return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  const plain = headers as Record<string, string>;
  const key = Object.keys(plain).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? plain[key] : undefined;
}

function retryAfterSeconds(headers: RawResult['headers']): number | undefined {
  const value = header(headers, 'Retry-After');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** The last handler: the HTTP exchange with a time-out. A network failure becomes a marked 5xx so retries can skip it. */
class TimedFetchHandler implements Middleware {
  constructor(private readonly timeoutMs: number) {}
  async execute(context: Context): Promise<void> {
    // Never longer than the question has left: an attempt cannot outlive the deadline.
    const timeoutMs = Math.max(1, Math.min(this.timeoutMs, timeLeft()));
    try {
      // The SDK only hands the response back (ResponseType.RAW) after its retry handler read status and headers.
      context.response = (await exchange(context.request as string, context.options ?? {}, timeoutMs)) as unknown as Response;
    } catch (error) {
      const kind = error instanceof TransportError ? error.kind : 'unreachable';
      context.response = new WireResponse(kind === 'timeout' ? 504 : 502, { [TRANSPORT_ERROR]: kind }, Buffer.alloc(0)) as unknown as Response;
    }
  }
}

export class GraphGateway {
  private readonly client: Client;
  private readonly root: string;
  private readonly logBudget: RequestBudget;
  private readonly onDemandBudget: RequestBudget;
  private readonly maxWait: number;
  private batchUnsupported = false;
  private readonly logCacheMs: number;
  /** Whether log reads may be reused at all (a stand-in or a test may turn that off). */
  get reusesLogReads(): boolean {
    return this.logCacheMs > 0;
  }

  /** The tenant the budgets and caches are kept for. */
  get tenant(): string {
    return this.options.tenantKey;
  }

  /**
   * Whether log entries another admin's read brought in may be shown to the admin asking now. Graph decides
   * who may read provisioning logs (a role, a licence), so only an admin whose own read succeeded lately is
   * shown a shared one; where no admin's token is involved (the demo tenant, a local stand-in) anyone is.
   */
  async mayShareLogReads(): Promise<boolean> {
    const user = currentQuestion()?.user;
    if (!user || (await this.options.tokens?.getToken()) === undefined) return true;
    const at = logReaders.get(`${this.options.tenantKey}|${user}`);
    return at !== undefined && Date.now() - at < LOG_READER_MS;
  }

  /** Requests sent over the network (a `$batch` counts once). */
  requestCount = 0;

  constructor(private readonly options: GraphGatewayOptions) {
    const url = new URL(options.baseUrl);
    const segments = url.pathname.split('/').filter(Boolean);
    const version = segments.length && /^(v\d+(\.\d+)?|beta)$/i.test(segments[segments.length - 1]) ? segments.pop()! : '';
    const host = `${url.origin}${segments.length ? `/${segments.join('/')}` : ''}`;
    this.root = version ? `${host}/${version}` : host;
    this.maxWait = options.maxRetryWaitSeconds ?? 10;
    this.logCacheMs = options.logCacheMs ?? LOG_CACHE_MS;
    this.logBudget = tenantBudget(options.tenantKey, 'logs', options.provisioningLogLimit ?? PROVISIONING_LOG_LIMIT);
    this.onDemandBudget = tenantBudget(options.tenantKey, 'provisionOnDemand', PROVISION_ON_DEMAND_LIMIT);

    const retry = new RetryHandler(
      new RetryHandlerOptions(1, 3, (_delay, _attempt, _request, _options, response) => {
        if (response.headers.get(TRANSPORT_ERROR)) return false;
        const wait = retryAfterSeconds(response.headers);
        // Retries only within the question's deadline (the SDK backs off exponentially without Retry-After).
        return (wait === undefined || wait <= this.maxWait) && (wait ?? _delay) * 1000 < timeLeft();
      }),
    );
    retry.setNext(new TimedFetchHandler(options.timeoutMs ?? 10_000));
    this.client = Client.initWithMiddleware({ baseUrl: host, defaultVersion: version, middleware: retry });
  }

  /** The tenant this gateway reads (budgets and the app inventory are per tenant). */
  get tenantKey(): string {
    return this.options.tenantKey;
  }

  async get<T>(path: string, query?: Query): Promise<T> {
    return (await this.request('GET', graphPath(path, query))) as T;
  }

  /**
   * Every item of a collection, following `@odata.nextLink` to the end (or `maxItems`), within the paging
   * bounds of `listBounded`; where it stopped early, the question's answer carries a note saying so.
   */
  async list<T>(path: string, query?: Query, maxItems = 10_000): Promise<T[]> {
    return (await this.listBounded<T>(path, query, maxItems)).items;
  }

  /**
   * Like `list` (ending early once `until` holds for what was read), and says why it stopped early: a next-page link seen before (a loop), an empty page that
   * still links on, or a page cap (per list, and per question). It never throws for those: what was read
   * is returned, a warning is logged and the current question gets a note.
   */
  async listBounded<T>(path: string, query?: Query, maxItems = 10_000, until?: (items: readonly T[]) => boolean): Promise<BoundedList<T>> {
    const items: T[] = [];
    const seen = new Set<string>();
    const ids = new Set<string>();
    const scope = currentQuestion();
    let truncated: string | undefined;
    let next: string | undefined = graphPath(path, query);
    // `until` ends the read early once what was read holds what the caller looks for (the evidence it needs).
    while (next && items.length < maxItems && !until?.(items)) {
      if (seen.has(next)) truncated = 'Microsoft Graph sent a next-page link it had sent before';
      else if (seen.size >= LIST_PAGE_CAP) truncated = `the list ran past ${LIST_PAGE_CAP} pages`;
      else if (scope && scope.pages >= QUESTION_PAGE_CAP) truncated = `this question read ${QUESTION_PAGE_CAP} pages`;
      if (truncated) break;
      seen.add(next);
      if (scope) scope.pages++;
      const page = (await this.request('GET', next)) as GraphCollection<T> | undefined;
      if (!page || !Array.isArray(page.value)) throw this.badResponse('GET', next, 'a collection without a "value" array');
      // A server that pages in a loop sends the same objects again: each id is kept once.
      for (const item of page.value) {
        const id = (item as { id?: unknown } | null)?.id;
        if (typeof id === 'string' && ids.has(id)) continue;
        if (typeof id === 'string') ids.add(id);
        items.push(item);
      }
      next = page['@odata.nextLink'] ? this.relative(page['@odata.nextLink']) : undefined;
      if (next && page.value.length === 0) {
        truncated = 'Microsoft Graph sent an empty page that still links to another';
        break;
      }
    }
    if (truncated) {
      const where = path.split('?')[0];
      this.options.logger?.warn({ path: where, items: items.length, reason: truncated }, 'paging stopped early');
      scope?.notes.push(`I stopped reading ${where} after ${items.length} items: ${truncated}. This answer is based on what was read.`);
    }
    return { items: items.slice(0, maxItems), ...(truncated ? { truncated } : {}) };
  }

  /**
   * One round of a delta query: every page from `pathOrLink` (a delta path, or the deltaLink of the round
   * before) to the page that carries the next `@odata.deltaLink`, returned relative for the next round.
   */
  async delta<T>(pathOrLink: string): Promise<{ items: T[]; deltaLink: string }> {
    const items: T[] = [];
    let next: string | undefined = pathOrLink;
    for (let pages = 0; next && pages < LIST_PAGE_CAP; pages++) {
      const page = (await this.request('GET', next)) as (GraphCollection<T> & { '@odata.deltaLink'?: string }) | undefined;
      if (!page || !Array.isArray(page.value)) throw this.badResponse('GET', next, 'a collection without a "value" array');
      items.push(...page.value);
      if (page['@odata.deltaLink']) return { items, deltaLink: this.relative(page['@odata.deltaLink']) };
      next = page['@odata.nextLink'] ? this.relative(page['@odata.nextLink']) : undefined;
    }
    throw this.badResponse('GET', pathOrLink.split('?')[0], 'a delta round that ended without a deltaLink');
  }

  async post<T = unknown>(path: string, body?: unknown): Promise<T> {
    return (await this.request('POST', path, body)) as T;
  }

  /** A change, with Graph's request id kept for the audit trail. */
  async write<T = unknown>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ body: T; requestId?: string }> {
    // A change (a restart, provision on demand) writes new log entries: the next question must read them.
    for (const key of logCache.keys()) if (key.startsWith(`${this.options.tenantKey}|`)) logCache.delete(key);
    const raw = await this.send(method, path, body);
    if (raw.status < 200 || raw.status >= 300) throw this.failure(method, path, raw);
    return { body: raw.body as T, requestId: header(raw.headers, 'request-id') };
  }

  /**
   * JSON batching, 20 requests per `$batch`, at most BATCHES_IN_FLIGHT chunks at a time (Graph throttles a
   * client that sends hundreds at once). Sub-requests answered 429/503/504 are retried (Graph does not retry
   * inside a batch). Where a server has no `$batch`, the requests go one by one. Small batches one question
   * starts together (a person search and the apps read ahead) travel in one `$batch` when they fit.
   */
  async batch<T = unknown>(requests: readonly BatchRequest[]): Promise<Map<string, BatchOutcome<T>>> {
    if (!requests.length || requests.length >= BATCH_LIMIT) return this.sendBatches<T>(requests);
    return this.joinBatch<T>(requests);
  }

  private async sendBatches<T>(requests: readonly BatchRequest[]): Promise<Map<string, BatchOutcome<T>>> {
    const outcomes = new Map<string, BatchOutcome<T>>();
    const chunks: BatchRequest[][] = [];
    for (let i = 0; i < requests.length; i += BATCH_LIMIT) chunks.push(requests.slice(i, i + BATCH_LIMIT));
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) await this.sendChunk(chunks[next++], outcomes);
    };
    await Promise.all(Array.from({ length: Math.min(BATCHES_IN_FLIGHT, chunks.length) }, worker));
    return outcomes;
  }

  /** Batches started in this turn of the event loop, per question (never mixing two admins' requests). */
  private readonly forming = new Map<object | undefined, { requests: BatchRequest[]; parts: number; sent: Promise<Map<string, BatchOutcome>> }>();

  private async joinBatch<T>(requests: readonly BatchRequest[]): Promise<Map<string, BatchOutcome<T>>> {
    const scope = currentQuestion();
    let group = this.forming.get(scope);
    if (!group || group.requests.length + requests.length > BATCH_LIMIT) {
      const batched: BatchRequest[] = [];
      const formed = {
        requests: batched,
        parts: 0,
        // Sent once this turn of the event loop is over: whatever the question started in it has joined.
        sent: new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
          if (this.forming.get(scope) === formed) this.forming.delete(scope);
          return this.sendBatches(batched);
        }),
      };
      this.forming.set(scope, (group = formed));
    }
    // Callers after the first get a prefix of their own: two callers may both use the id "users".
    const part = group.parts++;
    const prefix = part ? `${part}~` : '';
    group.requests.push(...requests.map((r) => ({ ...r, id: prefix + r.id })));
    const outcomes = await group.sent;
    return new Map(requests.map((r) => [r.id, outcomes.get(prefix + r.id) as BatchOutcome<T>]));
  }

  private async sendChunk<T>(chunk: BatchRequest[], outcomes: Map<string, BatchOutcome<T>>, attempt = 0): Promise<void> {
    if (this.batchUnsupported || chunk.length === 1) {
      await Promise.all(chunk.map(async (r) => outcomes.set(r.id, await this.settle<T>(r))));
      return;
    }
    const body = {
      requests: chunk.map((r) => ({
        id: r.id,
        method: r.method,
        url: r.url,
        ...(r.body !== undefined ? { body: r.body, headers: { 'Content-Type': 'application/json' } } : {}),
        ...(needsEventualConsistency(r.url) ? { headers: { ConsistencyLevel: 'eventual' } } : {}),
      })),
    };
    const raw = await this.send('POST', BATCH_PATH, body);
    // A Graph-compatible server without JSON batching: remember it and send the requests one by one.
    if ([404, 405, 501].includes(raw.status) || (raw.status === 400 && /\$batch/i.test(JSON.stringify(raw.body)))) {
      this.batchUnsupported = true;
      return this.sendChunk(chunk, outcomes, attempt);
    }
    if (raw.status < 200 || raw.status >= 300) throw this.failure('POST', BATCH_PATH, raw);
    const responses = (raw.body as { responses?: unknown })?.responses;
    if (!Array.isArray(responses)) throw this.badResponse('POST', BATCH_PATH, 'a batch answer without "responses"');
    const retry: BatchRequest[] = [];
    let wait = 0;
    for (const request of chunk) {
      const answer = responses.find((r: { id?: unknown }) => String(r?.id) === request.id) as
        | { status?: number; headers?: Record<string, string>; body?: unknown }
        | undefined;
      if (!answer || typeof answer.status !== 'number') {
        outcomes.set(request.id, { ok: false, status: 0, error: this.badResponse(request.method, request.url, 'no answer for this request in the batch') });
        continue;
      }
      const result: RawResult = { status: answer.status, headers: answer.headers ?? {}, body: answer.body };
      const after = retryAfterSeconds(result.headers) ?? 2 ** attempt;
      // As the SDK's handler does for a request of its own: a retry only when it can end before the deadline.
      if ([429, 503, 504].includes(answer.status) && attempt < 2 && after <= this.maxWait && after * 1000 < timeLeft()) {
        retry.push(request);
        wait = Math.max(wait, after);
        continue;
      }
      outcomes.set(request.id, this.outcome<T>(request.method, request.url, result));
    }
    if (retry.length) {
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      try {
        await this.sendChunk(retry, outcomes, attempt + 1);
      } catch (error) {
        // The retry round failing as a whole fails only the requests it carried; the others are answered.
        if (!(error instanceof BotError)) throw error;
        for (const r of retry) if (!outcomes.has(r.id)) outcomes.set(r.id, { ok: false, status: Number(error.details.status ?? 0), error });
      }
    }
  }

  private async settle<T>(r: BatchRequest): Promise<BatchOutcome<T>> {
    try {
      return this.outcome<T>(r.method, r.url, await this.send(r.method, r.url, r.body));
    } catch (error) {
      if (error instanceof BotError) return { ok: false, status: Number(error.details.status ?? 0), error };
      throw error;
    }
  }

  private outcome<T>(method: string, path: string, raw: RawResult): BatchOutcome<T> {
    if (raw.status >= 200 && raw.status < 300) return { ok: true, status: raw.status, body: raw.body as T };
    return { ok: false, status: raw.status, error: this.failure(method, path, raw) };
  }

  private async request(method: BatchRequest['method'], path: string, body?: unknown): Promise<unknown> {
    if (method === 'GET' && path.startsWith(PROVISIONING_LOGS_PATH)) {
      if (this.logCacheMs > 0) return this.cachedLogRead(path);
    } else if (method === 'GET' && currentQuestion()) {
      // Reads a question starts together (a person's assignments and attributes) share a `$batch`; a read
      // alone goes as itself. Log reads keep their own request: each costs a slot of their budget.
      const outcome = (await this.joinBatch([{ id: 'get', method, url: path }])).get('get')!;
      if (outcome.ok) return outcome.body;
      throw outcome.error;
    }
    const raw = await this.send(method, path, body);
    if (raw.status >= 200 && raw.status < 300) return raw.body;
    throw this.failure(method, path, raw);
  }

  /**
   * Provisioning-log reads cost a slot of a 5-per-10 s budget: the same read by the same admin within
   * LOG_CACHE_MS is answered from the first one. Per user, because another admin may lack the permission.
   */
  private cachedLogRead(path: string): Promise<unknown> {
    const key = `${this.options.tenantKey}|${currentQuestion()?.user ?? ''}|${path}`;
    const now = Date.now();
    for (const [k, entry] of logCache) if (now - entry.at > this.logCacheMs) logCache.delete(k);
    const hit = logCache.get(key);
    if (hit) return hit.body;
    const body = this.send('GET', path).then((raw) => {
      if (raw.status >= 200 && raw.status < 300) return raw.body;
      throw this.failure('GET', path, raw);
    });
    logCache.set(key, { at: now, body });
    body.catch(() => logCache.delete(key));
    return body;
  }

  /** One HTTP exchange; returns any status, throws only for transport failures and unreadable bodies. */
  private async send(method: BatchRequest['method'], path: string, body?: unknown): Promise<RawResult> {
    const left = timeLeft();
    if (left <= 0) {
      throw new BotError('graph-timeout', 'The time for this question ran out before Microsoft Graph answered.', { method, path: path.split('?')[0] });
    }
    if (path.startsWith(PROVISIONING_LOGS_PATH)) {
      await this.logBudget.take({ user: currentQuestion()?.user, maxWaitMs: Math.min(this.options.maxLogWaitMs ?? DEFAULT_LOG_WAIT_MS, left) });
    }
    if (path.endsWith(ON_DEMAND_SUFFIX)) await this.onDemandBudget.take();
    // The token is fetched here rather than in a middleware: the SDK would wrap a BotError from the token
    // provider (consent missing, sign-in expired) in a GraphError and lose its code. Set per request, it also
    // reaches hosts the SDK's own auth handler skips.
    const token = await this.options.tokens?.getToken();
    const started = Date.now();
    const request = this.client.api(path).responseType(ResponseType.RAW);
    if (token) request.header('Authorization', `Bearer ${token}`);
    if (needsEventualConsistency(path)) request.header('ConsistencyLevel', 'eventual');
    this.requestCount++;
    const response: Response =
      method === 'GET' ? await request.get() : method === 'POST' ? await request.post(body ?? {}) : await request.delete();
    const transport = response.headers.get(TRANSPORT_ERROR);
    // An admin whose own log read Graph allowed may be shown log reads shared by others (mayShareLogReads).
    const reader = currentQuestion()?.user;
    if (reader && response.ok && path.startsWith(PROVISIONING_LOGS_PATH)) logReaders.set(`${this.options.tenantKey}|${reader}`, Date.now());
    this.options.logger?.debug(
      { method, path: path.split('?')[0], status: response.status, ms: Date.now() - started, requestId: response.headers.get('request-id') ?? undefined },
      'graph request',
    );
    if (transport) {
      throw new BotError(
        transport === 'timeout' ? 'graph-timeout' : 'graph-unreachable',
        transport === 'timeout' ? 'Microsoft Graph did not answer in time.' : 'Microsoft Graph could not be reached.',
        { method, path: path.split('?')[0] },
      );
    }
    const text = await response.text();
    let parsed: unknown;
    if (text.trim()) {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw this.badResponse(method, path, 'a body that is not valid JSON', response.status, response.headers.get('request-id') ?? undefined);
      }
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }

  private relative(nextLink: string): string {
    if (nextLink.startsWith('/')) return nextLink;
    // Only follow links on the configured Graph root: a token must never be sent anywhere else.
    if (!nextLink.startsWith(`${this.root}/`)) throw this.badResponse('GET', nextLink.split('?')[0], 'a next-page link outside the Graph root');
    return nextLink.slice(this.root.length);
  }

  private badResponse(method: string, path: string, what: string, status?: number, requestId?: string): BotError {
    return new BotError('graph-bad-response', `Microsoft Graph answered with ${what}.`, { method, path: path.split('?')[0], status, requestId });
  }

  private failure(method: string, path: string, raw: RawResult): BotError {
    const error = (raw.body as Partial<GraphErrorBody> | undefined)?.error;
    const graphCode = typeof error?.code === 'string' ? error.code : undefined;
    const graphMessage = typeof error?.message === 'string' ? error.message : undefined;
    const details = {
      method,
      path: path.split('?')[0],
      status: raw.status,
      graphCode,
      graphMessage,
      requestId: header(raw.headers, 'request-id') ?? error?.innerError?.['request-id'],
    };
    const said = graphMessage ? ` Graph said: “${graphMessage}”` : '';
    switch (true) {
      case raw.status === 400:
        return new BotError('graph-bad-request', `Microsoft Graph refused the request.${said}`, details);
      // The synchronization and audit-log APIs answer a caller that lacks the role or permission with 401
      // UnknownError, not 403 (docs/graph-facts.md): that is a missing permission, not an expired sign-in.
      case raw.status === 401 && !refusesWith401(details.path):
        return new BotError('graph-unauthorized', 'Microsoft Graph did not accept the sign-in token.', details);
      case raw.status === 403 && graphCode === NO_PREMIUM_LICENCE:
        return new BotError('licence-required', 'The provisioning logs need a Microsoft Entra ID P1 or P2 licence in the tenant.', details);
      case raw.status === 401 || raw.status === 403: {
        const access = requiredAccess(method, details.path);
        const refused = raw.status === 401 ? ' Microsoft Graph refused the call with 401, which is how it answers an account without the role or permission for provisioning.' : said;
        return new BotError('graph-forbidden', `You don't have permission for this in Microsoft Graph.${refused}`, {
          ...details,
          permissions: access.permissions.join(', '),
          roles: access.roles.join(', '),
          note: access.note,
        });
      }
      case raw.status === 404:
        return new BotError('graph-not-found', `That object no longer exists in the directory.${said}`, details);
      case raw.status === 409:
        return new BotError('graph-conflict', `Microsoft Graph reported a conflict.${said}`, details);
      case raw.status === 429:
        return new BotError('graph-throttled', 'Microsoft Graph is throttling requests right now.', {
          ...details,
          retryAfter: retryAfterSeconds(raw.headers) ?? 30,
        });
      default:
        return new BotError('graph-unavailable', `Microsoft Graph had a problem (HTTP ${raw.status}).${said}`, details);
    }
  }
}
