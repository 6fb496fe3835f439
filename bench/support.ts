// What the bench figures share: activities over HTTP, the bot's bench configuration, percentiles, the
// round-trip depth of a set of Graph calls, a tenant grown to many apps, child processes, and README blocks.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type Config } from '../src/config';
import { loadDemoTenant, shiftTimes, type DemoTenantFile } from '../src/demo';

export const LATENCY_MS = 100;

/**
 * The V8 flags the bot runs with: those of package.json's start script (infra/azure.bicep's command line
 * carries the same; test/deployment.test.ts checks it), so the bench measures the bot as it is run.
 */
export const BOT_NODE_ARGS: string[] = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).scripts.start as string)
  .split(/\s+/)
  .filter((arg) => arg.startsWith('--'));
export const TURNS = Number(process.env.BENCH_TURNS ?? 1000);

export const QUESTIONS = [
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

export interface Call {
  start: number;
  end: number;
  subRequests: number;
}

/** The longest chain of calls each starting after the previous one ended: the round trips a user waits for. */
export function sequentialDepth(calls: Call[]): number {
  const sorted = [...calls].sort((a, b) => a.end - b.end);
  const depth: number[] = [];
  sorted.forEach((c, i) => {
    let best = 0;
    for (let j = 0; j < i; j++) if (sorted[j].end <= c.start) best = Math.max(best, depth[j]);
    depth[i] = best + 1;
  });
  return Math.max(0, ...depth);
}

export function activity(text: string, from = '29:bench') {
  return {
    type: 'message',
    id: randomUUID(),
    text,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    from: { id: from, name: 'Bench' },
    recipient: { id: '28:bot', name: 'Bot' },
    conversation: { id: `a:${from}`, conversationType: 'personal' },
  };
}

/** Posts an activity and returns the response body. */
export async function send(endpoint: string, body: object | string): Promise<string> {
  const payload = typeof body === 'string' ? activity(body) : body;
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return res.text();
}

export function benchConfig(graphBaseUrl: string, env: Record<string, string> = {}): Config {
  return loadConfig({ PORT: '0', GRAPH_BASE_URL: graphBaseUrl, GRAPH_LOG_REQUESTS_PER_10S: '10000', DATA_DIR: '.data/bench', ALERT_POLL_SECONDS: '0', LOG_LEVEL: 'silent', ...env });
}

export interface Stats {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { mean: s.reduce((a, b) => a + b, 0) / s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

/** The demo tenant grown to `count` apps with provisioning: copies of its apps under new ids, a few broken. */
export function tenantWithApps(count: number, withoutProvisioning = 0): DemoTenantFile {
  const base = shiftTimes(loadDemoTenant(), new Date());
  const templates = base.servicePrincipals.filter((sp) => base.synchronization[sp.id]);
  const plain = base.servicePrincipals.find((sp) => !base.synchronization[sp.id]) ?? templates[0];
  const servicePrincipals = [];
  const synchronization: DemoTenantFile['synchronization'] = {};
  for (let i = 0; i < count; i++) {
    const template = templates[i % templates.length];
    const id = randomUUID();
    const sync = base.synchronization[template.id];
    servicePrincipals.push({ ...template, id, appId: randomUUID(), displayName: `${template.displayName} ${i + 1}` });
    synchronization[id] = { jobs: sync.jobs.map((j) => ({ ...j, id: `${j.templateId}.${i}` })), schemas: {} };
  }
  // First-party and other service principals with no provisioning: most of a real tenant.
  for (let i = 0; i < withoutProvisioning; i++) servicePrincipals.push({ ...plain, id: randomUUID(), appId: randomUUID(), displayName: `Service ${i + 1}` });
  return { ...base, servicePrincipals, synchronization, provisioningLogs: [] };
}

/**
 * Forks a bench script of dist/bench (its own process, so its CPU and memory are its own) and waits for its
 * first message, which says it is ready.
 */
export async function forkChild<Ready>(script: string, args: string[], execArgv: string[] = []): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(join(__dirname, script), args, { stdio: 'inherit', execArgv });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('exit', (code) => reject(new Error(`${script} ${args[0] ?? ''} exited with ${code}`)));
  });
  return { child, ready };
}

/** Sends a message to a child and waits for its answer (one question at a time). */
export function ask<Answer>(child: ChildProcess, message: unknown): Promise<Answer> {
  const answer = new Promise<Answer>((resolve) => child.once('message', (m) => resolve(m as Answer)));
  child.send(message as never);
  return answer;
}

/** README.md's generated block between its markers, replaced with these lines. */
export function writeReadme(marker: string, lines: string[]): void {
  const file = join(__dirname, '..', '..', 'README.md');
  const text = readFileSync(file, 'utf8');
  const start = `<!-- bench:${marker} -->`;
  const end = `<!-- /bench:${marker} -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} block`);
  writeFileSync(file, `${text.slice(0, from + start.length)}\n${lines.join('\n')}\n${text.slice(to)}`);
}

export function hasReadmeBlock(marker: string): boolean {
  return readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8').includes(`<!-- bench:${marker} -->`);
}

export const ratio = (value: number, reference: number) => (reference > 0 ? value / reference : undefined);
