// Starts the real bot on 127.0.0.1 (port 0) against the demo Graph server, which the test can watch and
// break through its request hook, and talks to the bot with real HTTP activities.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { loadDemoTenant, shiftTimes, startDemoGraph, type DemoGraph, type DemoRequest, type DemoResponse } from '../../src/demo';
import { createLogger, type Logger } from '../../src/log';
import { startBot, type RunningBot } from '../../src/startBot';
import { TENANTS } from './tenants';
import { useStarted } from './useStarted';

export { TENANTS } from './tenants';

export type GraphHook = (req: DemoRequest) => void | DemoResponse | Promise<void | DemoResponse>;

export interface Activity {
  type: string;
  text?: string;
  summary?: string;
  attachments?: Array<{ contentType: string; content: Card }>;
  [key: string]: unknown;
}

export type Card = Record<string, unknown>;

export interface TestBot {
  bot: RunningBot;
  /** The bot's data directory (its file store is under `store`). */
  dataDir: string;
  graph: DemoGraph;
  /** Every request the Graph stand-in received (sub-requests of a `$batch` included, marked inBatch). */
  graphRequests: DemoRequest[];
  /** Replace to inject failures or latency; reset after each test with `hook = undefined`. */
  hook: GraphHook | undefined;
  ask(text: string, from?: Partial<Person>): Promise<Activity[]>;
  /** A card button click; `replyToId` is the id of the message that carries the card. */
  invoke(verb: string, data: unknown, from?: Partial<Person>, replyToId?: string): Promise<{ status: number; body: InvokeBody }>;
  /** Any other activity in this conversation (installationUpdate, conversationUpdate…), answered 200 or not. */
  send(extra: Record<string, unknown>): Promise<Response>;
  post(body: unknown, contentType?: string): Promise<Response>;
  close(): Promise<void>;
}

export interface InvokeBody {
  statusCode?: number;
  type?: string;
  value?: Card | string;
  [key: string]: unknown;
}

export interface Person {
  id: string;
  name: string;
  aadObjectId: string;
}

const ADMIN: Person = { id: '29:admin', name: 'Ada Admin', aadObjectId: '7f3c4e2a-1b2d-4c5e-8f90-123456789abc' };

export interface TestBotOptions {
  tenantFile?: string;
  graphTimeoutMs?: number;
  /** Where replies and updates go (a connector stand-in); by default nowhere is listening. */
  serviceUrl?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  /** e.g. a channel's `19:…@thread.tacv2`; a fresh personal-chat id by default. */
  conversationId?: string;
  /** Share a data directory between bots (two instances); a fresh temporary one by default. */
  dataDir?: string;
  /** Blob storage (Azurite) instead of the file store. */
  storageConnectionString?: string;
  /** The alert poller's interval; off (0) unless a test needs it. */
  alertPollSeconds?: number;
  /** More configuration (deadlines…), as environment variables. */
  env?: Record<string, string>;
  /** The Graph hook to start with (with `useTestBot`, also the one each test starts with). */
  hook?: GraphHook;
  /** The bot's log; silent by default. */
  logger?: Logger;
}

export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const graphRequests: DemoRequest[] = [];
  const harness: Partial<TestBot> = { graphRequests, hook: options.hook };
  const tenant = shiftTimes(loadDemoTenant(options.tenantFile ?? TENANTS.contoso), new Date());
  const graph = await startDemoGraph({
    tenant,
    onRequest: (req) => {
      graphRequests.push(req);
      return harness.hook?.(req);
    },
  });
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'provisioning-assistant-'));
  const config = loadConfig({
    PORT: '0',
    GRAPH_BASE_URL: graph.url,
    GRAPH_TIMEOUT_MS: String(options.graphTimeoutMs ?? 3000),
    // The budget itself is covered by its own spec; here it would only make the suites wait.
    GRAPH_LOG_REQUESTS_PER_10S: '1000',
    // Suites change the tenant and break Graph between questions: a cached log read would hide that.
    GRAPH_LOG_CACHE_SECONDS: '0',
    DATA_DIR: dataDir,
    ALERT_POLL_SECONDS: String(options.alertPollSeconds ?? 0),
    STORAGE_CONNECTION_STRING: options.storageConnectionString,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const bot = await startBot(config, options.logger ?? createLogger({ level: 'silent' }));
  const endpoint = `${bot.url}/api/messages`;
  const conversation = { id: options.conversationId ?? `a:${randomUUID()}`, conversationType: options.conversationType ?? 'personal', tenantId: tenant.tenant.id };
  const channel = conversation.conversationType === 'channel' ? { channel: { id: conversation.id }, team: { id: conversation.id } } : {};

  const activity = (extra: Record<string, unknown>, from?: Partial<Person>) => ({
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl ?? 'http://127.0.0.1:9/',
    timestamp: new Date().toISOString(),
    from: { ...ADMIN, ...from },
    recipient: { id: '28:provisioning-assistant', name: 'Provisioning Assistant' },
    conversation,
    channelData: { tenant: { id: tenant.tenant.id }, ...channel },
    ...extra,
  });

  const post = (body: unknown, contentType = 'application/json') =>
    fetch(endpoint, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  return Object.assign(harness, {
    bot,
    dataDir,
    graph,
    post,
    async ask(text: string, from?: Partial<Person>) {
      const res = await post(activity({ type: 'message', text, deliveryMode: 'expectReplies' }, from));
      if (res.status !== 200) throw new Error(`bot answered HTTP ${res.status}: ${await res.text()}`);
      const body = (await res.json()) as { activities?: Activity[] };
      return body.activities ?? [];
    },
    async invoke(verb: string, data: unknown, from?: Partial<Person>, replyToId = 'card-message-1') {
      const res = await post(
        activity({ type: 'invoke', name: 'adaptiveCard/action', replyToId, value: { action: { type: 'Action.Execute', verb, data } } }, from),
      );
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as InvokeBody };
    },
    send: (extra: Record<string, unknown>) => post(activity(extra)),
    async close() {
      await bot.close();
      await graph.close();
    },
  }) as TestBot;
}

/**
 * The test bot of a file or describe block: started before its tests, closed after them, and back to its first
 * Graph hook after each test, so that one test's broken Graph never reaches the next. Options that depend on
 * another server (a connector's url) can be a function, read when the bot starts.
 */
export function useTestBot(options: TestBotOptions | (() => TestBotOptions) = {}): TestBot {
  let hook: GraphHook | undefined;
  return useStarted(
    () => {
      const resolved = typeof options === 'function' ? options() : options;
      hook = resolved.hook;
      return startTestBot(resolved);
    },
    { afterEachTest: (t) => (t.hook = hook) },
  );
}
