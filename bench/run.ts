// `npm run bench`: what a question costs. Part 1 puts 100 ms of latency on every Graph call and counts the
// requests and the sequential round trips per question. Part 2 times the bot's own work per turn (demo
// Graph on loopback, no added latency) next to a bare botbuilder echo bot run the same way.
import { randomUUID } from 'node:crypto';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import * as restify from 'restify';
import { loadConfig, type Config } from '../src/config';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IncidentStore } from '../src/alerts/incidentStore';
import { CycleHistory } from '../src/alerts/cycleHistory';
import { pollOnce } from '../src/alerts/poller';
import { Subscriptions } from '../src/alerts/subscriptions';
import { loadDemoTenant, shiftTimes, startDemoGraph, type DemoRequest, type DemoTenantFile } from '../src/demo';
import { GraphGateway } from '../src/graph/gateway';
import { FileStorage } from '../src/storage/fileStorage';
import { createLogger } from '../src/log';
import { startBot } from '../src/startBot';
import { parseTimes } from './parseTime';

const LATENCY_MS = 100;
const TURNS = Number(process.env.BENCH_TURNS ?? 300);

const QUESTIONS = [
  'why was jane skipped?',
  'why was jane skipped in Salesforce?',
  'why was the Project Falcon group skipped?',
  'is ServiceNow provisioning in quarantine?',
  'how is Salesforce doing?',
  'test the connection to ServiceNow',
  "zoom provisioning doesn't start",
  'is anything in quarantine?',
  'help',
];

interface Call {
  start: number;
  end: number;
  subRequests: number;
}

/** The longest chain of calls each starting after the previous one ended: the round trips a user waits for. */
function sequentialDepth(calls: Call[]): number {
  const sorted = [...calls].sort((a, b) => a.end - b.end);
  const depth: number[] = [];
  sorted.forEach((c, i) => {
    let best = 0;
    for (let j = 0; j < i; j++) if (sorted[j].end <= c.start) best = Math.max(best, depth[j]);
    depth[i] = best + 1;
  });
  return Math.max(0, ...depth);
}

function activity(text: string) {
  return {
    type: 'message',
    id: randomUUID(),
    text,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    from: { id: '29:bench', name: 'Bench' },
    recipient: { id: '28:bot', name: 'Bot' },
    conversation: { id: 'a:bench', conversationType: 'personal' },
  };
}

async function send(endpoint: string, text: string): Promise<void> {
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(text)) });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  await res.arrayBuffer();
}

function config(graphBaseUrl: string): Config {
  return loadConfig({ PORT: '0', GRAPH_BASE_URL: graphBaseUrl, GRAPH_LOG_REQUESTS_PER_10S: '10000', DATA_DIR: '.data/bench', ALERT_POLL_SECONDS: '0', LOG_LEVEL: 'silent' });
}

async function costPerQuestion(): Promise<string[]> {
  const calls: Call[] = [];
  const graph = await startDemoGraph({
    tenant: shiftTimes(loadDemoTenant(), new Date()),
    onRequest: async (req: DemoRequest) => {
      if (req.inBatch) {
        calls[calls.length - 1].subRequests++;
        return;
      }
      const call: Call = { start: performance.now(), end: 0, subRequests: 0 };
      calls.push(call);
      await new Promise((r) => setTimeout(r, LATENCY_MS));
      call.end = performance.now();
    },
  });
  const bot = await startBot(config(graph.url), createLogger({ level: 'silent' }));
  const rows = ['| question | Graph requests (sub-requests in `$batch`) | sequential round trips | time with 100 ms/call |', '|---|---|---|---|'];
  for (const q of QUESTIONS) {
    calls.length = 0;
    const started = performance.now();
    await send(`${bot.url}/api/messages`, q);
    const elapsed = performance.now() - started;
    // A $batch's end is recorded when its own latency is over; its sub-requests ride along.
    calls.forEach((c) => (c.end ||= performance.now()));
    const sub = calls.reduce((n, c) => n + c.subRequests, 0);
    rows.push(`| ${q} | ${calls.length} (${sub}) | ${sequentialDepth(calls)} | ${Math.round(elapsed)} ms |`);
  }
  await bot.close();
  await graph.close();
  return rows;
}

function stats(samples: number[]): { mean: number; p50: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { mean: s.reduce((a, b) => a + b, 0) / s.length, p50: at(0.5), p95: at(0.95) };
}

async function timeTurns(endpoint: string, text: string): Promise<ReturnType<typeof stats>> {
  for (let i = 0; i < 20; i++) await send(endpoint, text); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < TURNS; i++) {
    const started = performance.now();
    await send(endpoint, text);
    samples.push(performance.now() - started);
  }
  return stats(samples);
}

/** The baseline: botbuilder's CloudAdapter with an echo handler behind the same kind of restify server. */
async function startEchoBot(): Promise<{ url: string; close(): void }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const echo = new ActivityHandler();
  echo.onMessage(async (context, next) => {
    await context.sendActivity(`You said: ${context.activity.text}`);
    await next();
  });
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res as never, (context) => echo.run(context));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

async function turnTimes(): Promise<string[]> {
  const graph = await startDemoGraph({ tenant: shiftTimes(loadDemoTenant(), new Date()) });
  const bot = await startBot(config(graph.url), createLogger({ level: 'silent' }));
  const echo = await startEchoBot();
  const rows = [`| turn (${TURNS} sequential turns each) | mean | p50 | p95 |`, '|---|---|---|---|'];
  const row = (name: string, s: ReturnType<typeof stats>) => `| ${name} | ${s.mean.toFixed(2)} ms | ${s.p50.toFixed(2)} ms | ${s.p95.toFixed(2)} ms |`;
  rows.push(row('bare botbuilder echo bot', await timeTurns(`${echo.url}/api/messages`, 'hello')));
  rows.push(row('this bot: "help" (no Graph)', await timeTurns(`${bot.url}/api/messages`, 'help')));
  rows.push(row('this bot: "why was jane skipped?" (demo Graph on loopback)', await timeTurns(`${bot.url}/api/messages`, 'why was jane skipped?')));
  echo.close();
  await bot.close();
  await graph.close();
  return rows;
}

/** The demo tenant grown to `count` apps with provisioning: copies of its apps under new ids, a few broken. */
function tenantWithApps(count: number): DemoTenantFile {
  const base = shiftTimes(loadDemoTenant(), new Date());
  const templates = base.servicePrincipals.filter((sp) => base.synchronization[sp.id]);
  const servicePrincipals = [];
  const synchronization: DemoTenantFile['synchronization'] = {};
  for (let i = 0; i < count; i++) {
    const template = templates[i % templates.length];
    const id = randomUUID();
    const sync = base.synchronization[template.id];
    servicePrincipals.push({ ...template, id, appId: randomUUID(), displayName: `${template.displayName} ${i + 1}` });
    synchronization[id] = { jobs: sync.jobs.map((j) => ({ ...j, id: `${j.templateId}.${i}` })), schemas: {} };
  }
  return { ...base, servicePrincipals, synchronization, provisioningLogs: [] };
}

/** Jobs that break at once in the storm row: Teams posts 7 per second per thread, so 51 cards took 7 s. */
const STORM_APPS = 51;

/**
 * Alert cycles over thousands of apps, as the poller runs them: requests, time, the process's peak RSS while
 * they run (sampled; the Graph stand-in holding the tenant lives in this process too, so "before" includes
 * it), and a storm of STORM_APPS jobs going into quarantine at once (one grouped card).
 */
async function pollCycles(apps: number): Promise<string[]> {
  const graph = await startDemoGraph({ tenant: tenantWithApps(apps) });
  const gateway = new GraphGateway({ baseUrl: graph.url, tenantKey: `bench-${apps}`, timeoutMs: 60_000 });
  const storage = new FileStorage(mkdtempSync(join(tmpdir(), 'bench-alerts-')));
  const subscriptions = new Subscriptions(storage);
  await subscriptions.subscribe({ conversation: { id: 'bench-channel', conversationType: 'channel' } as never, serviceUrl: 'http://127.0.0.1:9/' }, 'all');
  let posts = 0;
  const deps = {
    gateway,
    subscriptions,
    incidents: new IncidentStore(storage),
    history: new CycleHistory(),
    instanceId: 'bench',
    post: async () => ({ activityId: String(++posts) }),
    update: async () => undefined,
    reply: async () => undefined,
    render: () => ({}),
  };
  const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const rows = [`| cycle over ${apps} apps with provisioning | Graph requests | time | peak RSS (before: ${mib(before)}) | cards posted |`, '|---|---|---|---|---|'];
  const cycle = async (name: string) => {
    const report = await pollOnce(deps);
    peak = Math.max(peak, process.memoryUsage().rss);
    rows.push(`| ${name} | ${report.requests} | ${report.durationMs} ms | ${mib(peak)} (+${mib(peak - before)}) | ${report.posted} |`);
  };
  await cycle('first (discovers the apps, posts current problems)');
  await cycle('steady (job reads and one delta round)');
  const healthy = Object.values(graph.state.synchronization).flatMap((s) => s.jobs).filter((j) => j.status?.code === 'Active').slice(0, STORM_APPS);
  for (const job of healthy) job.status = { ...job.status, code: 'Quarantine', quarantine: { reason: 'EncounteredQuarantineException', currentBegan: new Date().toISOString() } };
  await cycle(`storm: ${healthy.length} jobs go into quarantine at once (one grouped card)`);
  clearInterval(sampler);
  await graph.close();
  return rows;
}

/**
 * Every question against a Graph that throttles every request (Graph's published 429 body, once without
 * Retry-After and once asking for 10 s), asked all at once: how long until the admin sees a reply (the
 * answer, or "working…"), with the default deadlines. It must stay under the reply deadline.
 */
async function throttledReplies(): Promise<string[]> {
  const deadline = loadConfig({}).replyDeadlineMs;
  const rows = [`| Graph answers every request with 429 | questions | worst reply | mean reply | reply deadline |`, '|---|---|---|---|---|'];
  for (const retryAfter of [undefined, '10']) {
    const graph = await startDemoGraph({
      tenant: shiftTimes(loadDemoTenant(), new Date()),
      // reference/graph-provisioning.md: "429 may come without Retry-After", with this body.
      onRequest: () => ({
        status: 429,
        headers: retryAfter ? { 'Retry-After': retryAfter } : ({} as Record<string, string>),
        body: { error: { code: 'TooManyRequests', message: 'Too many requests from Identifier: bench. Please try again later.' } },
      }),
    });
    const bot = await startBot(config(graph.url), createLogger({ level: 'silent' }));
    const times = await Promise.all(
      QUESTIONS.map(async (q) => {
        const started = performance.now();
        await send(`${bot.url}/api/messages`, q);
        return performance.now() - started;
      }),
    );
    rows.push(`| ${retryAfter ? `with Retry-After: ${retryAfter}` : 'without Retry-After'} | ${times.length} at once | ${Math.round(Math.max(...times))} ms | ${Math.round(times.reduce((a, b) => a + b, 0) / times.length)} ms | ${deadline} ms |`);
    await bot.close();
    await graph.close();
  }
  return rows;
}

/** README.md's generated block between its markers, replaced with these lines. */
function writeReadme(marker: string, lines: string[]): void {
  const file = join(__dirname, '..', '..', 'README.md');
  const text = readFileSync(file, 'utf8');
  const start = `<!-- bench:${marker} -->`;
  const end = `<!-- /bench:${marker} -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} block`);
  writeFileSync(file, `${text.slice(0, from + start.length)}\n${lines.join('\n')}\n${text.slice(to)}`);
}

async function main(): Promise<void> {
  // `npm run bench -- --throttled [--readme]`: only the throttled replies, optionally written into README.md.
  if (process.argv.includes('--throttled')) {
    const rows = await throttledReplies();
    console.log(rows.join('\n'));
    if (process.argv.includes('--readme')) writeReadme('throttled', rows);
    return;
  }
  // `npm run bench -- --alerts`: only the alert poller's cycles.
  if (process.argv.includes('--alerts')) {
    console.log((await alertCycles()).join('\n'));
    return;
  }
  console.log(`Benchmark on Node ${process.version}, ${new Date().toISOString()}\n`);
  console.log(`Reply time under a Graph that throttles everything (default deadlines):\n`);
  console.log((await throttledReplies()).join('\n'));
  console.log('Parse time per message (understand, 505 app names to recognise):\n');
  console.log(parseTimes().join('\n'));
  console.log(`\nCost per question (Graph stand-in adding ${LATENCY_MS} ms to every call):\n`);
  console.log((await costPerQuestion()).join('\n'));
  console.log(`\nTime per turn, side by side on this machine:\n`);
  console.log((await turnTimes()).join('\n'));
  console.log(`\nAlert poll cycle (demo Graph on loopback, file store):\n`);
  console.log((await alertCycles()).join('\n'));
}

/** The poller at 1,000 and 5,000 watched apps (or BENCH_APPS). */
async function alertCycles(): Promise<string[]> {
  const sizes = process.env.BENCH_APPS ? [Number(process.env.BENCH_APPS)] : [1_000, 5_000];
  const rows: string[] = [];
  for (const apps of sizes) rows.push(...(await pollCycles(apps)), '');
  return rows;
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
