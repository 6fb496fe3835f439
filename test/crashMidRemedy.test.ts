// A bot killed (SIGKILL) while Graph carries out a confirmed action: the audit already says "started", and
// the next instance that sees the operation reads the state again and records what is true, instead of
// "under way" for ever and no audit entry. The bot runs as `npm start` does, in its own process.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { loadDemoTenant, shiftTimes, startDemoGraph, type DemoGraph } from '../src/demo';
import { AuditLog } from '../src/storage/auditLog';
import { FileStorage } from '../src/storage/fileStorage';
import { Operations } from '../src/storage/operations';
import { cardButtons, cardText } from './support/cards';
import { TENANTS } from './support/tenants';
import type { Card } from './support/testBot';

const entry = join(__dirname, '..', 'dist', 'src', 'index.js');
const dataDir = mkdtempSync(join(tmpdir(), 'pa-crash-'));
const children: ChildProcess[] = [];
let graph: DemoGraph | undefined;

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(() => graph?.close());

async function startChild(graphUrl: string): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      GRAPH_BASE_URL: graphUrl,
      DATA_DIR: dataDir,
      GRAPH_LOG_REQUESTS_PER_10S: '1000',
      ALERT_POLL_SECONDS: '0',
      // Short deadlines: an operation still running 2.1 s after it began was cut off.
      REPLY_DEADLINE_MS: '700',
      WORK_DEADLINE_MS: '700',
    },
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  // A loaded machine can take a while to start node.
  for (let i = 0; i < 600; i++) {
    const match = output.match(/"endpoint":"(http:\/\/127\.0\.0\.1:\d+\/api\/messages)"/);
    if (match) return { child, endpoint: match[1] };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the bot did not start:\n${output}`);
}

const ADMIN = { id: '29:admin', name: 'Ada Admin', aadObjectId: randomUUID() };

function click(endpoint: string, tenantId: string, verb: string, data: unknown): Promise<Response> {
  return fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/',
      from: ADMIN,
      recipient: { id: '28:bot' },
      conversation: { id: 'a:crash', conversationType: 'personal', tenantId },
      channelData: { tenant: { id: tenantId } },
      replyToId: 'card-1',
      value: { action: { type: 'Action.Execute', verb, data } },
    }),
  });
}

it('records "started" before Graph is called, and resolves the interrupted start from the state it finds', async () => {
  const tenant = shiftTimes(loadDemoTenant(TENANTS.fabrikam), new Date());
  const tenantId = tenant.tenant.id;
  let killed: (() => void) | undefined;
  graph = await startDemoGraph({
    tenant,
    onRequest: (r) => {
      if (r.method !== 'POST' || !r.path.endsWith('/start') || !killed) return undefined;
      // Graph carries out the start; the bot dies before the answer reaches it.
      const job = graph!.state.synchronization[sp.id].jobs[0];
      job.schedule!.state = 'Active';
      job.status!.code = 'NotRun';
      killed();
      return new Promise(() => undefined);
    },
  });
  const sp = graph.state.servicePrincipals.find((s) => s.displayName === 'Box')!;
  const job = graph.state.synchronization[sp.id].jobs[0];

  // The instance that takes over starts alongside the one that dies: a node start is seconds on a loaded machine.
  const [first, second] = await Promise.all([startChild(graph.url), startChild(graph.url)]);
  const review = (await (await click(first.endpoint, tenantId, 'startProvisioning', { spId: sp.id, jobId: job.id })).json()) as { value: Card };
  const confirm = cardButtons(review.value).find((b) => b.verb === 'startProvisioning' && b.data?.stage === 'confirm')!;
  const dead = new Promise<void>((resolve) => {
    killed = () => {
      first.child.kill('SIGKILL');
      resolve();
    };
  });
  void click(first.endpoint, tenantId, 'startProvisioning', confirm.data).catch(() => undefined);
  await dead;
  killed = undefined;

  const store = new FileStorage(join(dataDir, 'store'));
  const audit = new AuditLog(store);
  const [started] = await audit.latest(tenantId);
  expect(started).toMatchObject({ verb: 'startProvisioning', result: 'started', operationId: confirm.data!.operationId });

  // The operation counts as cut off once the time its owner would certainly have finished by has passed.
  const operation = await new Operations(store).get(tenantId, String(confirm.data!.operationId));
  await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(operation!.finishBy!) + 100 - Date.now())));
  const again = (await (await click(second.endpoint, tenantId, 'startProvisioning', confirm.data)).json()) as { value: Card };
  const text = cardText(again.value);
  expect(text).toContain('Start provisioning was interrupted');
  expect(text).toContain('it went through');
  const [resolved] = await audit.latest(tenantId);
  expect(resolved).toMatchObject({ id: started.id, result: 'succeeded', detail: expect.stringContaining('Interrupted; verified state') });
}, 60_000);
