// Alert cycles over thousands of watched apps, as the poller runs them: Graph requests, time, the process's
// peak RSS while they run (sampled; the Graph stand-in holding the tenant lives in this process too, so
// "before" includes it), and a storm of jobs going into quarantine at once (one grouped card).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CycleHistory } from '../../src/alerts/cycleHistory';
import { IncidentStore } from '../../src/alerts/incidentStore';
import { pollOnce } from '../../src/alerts/poller';
import { Subscriptions } from '../../src/alerts/subscriptions';
import { startDemoGraph } from '../../src/demo';
import { GraphGateway } from '../../src/graph/gateway';
import { FileStorage } from '../../src/storage/fileStorage';
import type { Figure, SummaryRow } from '../figure';
import { tenantWithApps } from '../support';

/** Jobs that break at once in the storm row: Teams posts 7 per second per thread, so 51 cards took 7 s. */
const STORM_APPS = 51;
const SIZES = process.env.BENCH_APPS ? [Number(process.env.BENCH_APPS)] : [1_000, 5_000];
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

async function cyclesAt(apps: number, table: string[], summary: SummaryRow[]): Promise<void> {
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
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const cycle = async (name: string) => {
    const report = await pollOnce(deps);
    peak = Math.max(peak, process.memoryUsage().rss);
    table.push(`| ${apps} apps: ${name} | ${report.requests} | ${report.durationMs} ms | ${mib(peak)} (+${mib(peak - before)}) | ${report.posted} |`);
    return report;
  };
  await cycle('first (discovers the apps, posts current problems)');
  const steady = await cycle('steady (job reads and one delta round)');
  const healthy = Object.values(graph.state.synchronization).flatMap((s) => s.jobs).filter((j) => j.status?.code === 'Active').slice(0, STORM_APPS);
  for (const job of healthy) job.status = { ...job.status, code: 'Quarantine', quarantine: { reason: 'EncounteredQuarantineException', currentBegan: new Date().toISOString() } };
  await cycle(`storm: ${healthy.length} jobs go into quarantine at once (one grouped card)`);
  clearInterval(sampler);
  summary.push({ measure: `poll cycle at ${apps} apps (steady)`, value: `${steady.requests} requests, ${steady.durationMs} ms`, against: 'one $batch per 20 apps', ratio: steady.requests / Math.ceil(apps / 20) });
  summary.push({ measure: `poll peak RSS growth at ${apps} apps`, value: `+${mib(peak - before)}`, against: 'target +60 MiB', ratio: (peak - before) / (60 * 2 ** 20), ok: peak - before <= 60 * 2 ** 20 });
  await graph.close();
}

export const pollCycles: Figure = {
  id: 'poll',
  title: 'Alert poll cycles (demo Graph on loopback, file store)',
  async run() {
    const table = ['| cycle | Graph requests | time | peak RSS (+ growth) | cards posted |', '|---|---|---|---|---|'];
    const summary: SummaryRow[] = [];
    for (const apps of SIZES) await cyclesAt(apps, table, summary);
    return { table, summary };
  },
};
