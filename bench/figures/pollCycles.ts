// One alert cycle over thousands of apps, as the poller runs it: requests, time and memory.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IncidentStore } from '../../src/alerts/incidentStore';
import { pollOnce } from '../../src/alerts/poller';
import { Subscriptions } from '../../src/alerts/subscriptions';
import { startDemoGraph } from '../../src/demo';
import { GraphGateway } from '../../src/graph/gateway';
import { FileStorage } from '../../src/storage/fileStorage';
import type { Figure } from '../figure';
import { tenantWithApps } from '../support';

const APPS = Number(process.env.BENCH_APPS ?? 5000);

export const pollCycles: Figure = {
  id: 'poll',
  title: 'Alert poll cycle (demo Graph on loopback, file store)',
  async run() {
    const graph = await startDemoGraph({ tenant: tenantWithApps(APPS) });
    const gateway = new GraphGateway({ baseUrl: graph.url, tenantKey: 'bench', timeoutMs: 60_000 });
    const storage = new FileStorage(mkdtempSync(join(tmpdir(), 'bench-alerts-')));
    const subscriptions = new Subscriptions(storage);
    await subscriptions.subscribe({ conversation: { id: 'bench-channel', conversationType: 'channel' } as never, serviceUrl: 'http://127.0.0.1:9/' }, 'all');
    let posts = 0;
    const deps = {
      gateway,
      subscriptions,
      incidents: new IncidentStore(storage),
      instanceId: 'bench',
      post: async () => ({ activityId: String(++posts) }),
      update: async () => undefined,
      reply: async () => undefined,
      render: () => ({}),
    };
    const table = [`| cycle over ${APPS} apps with provisioning | Graph requests | time | heap after | alerts posted |`, '|---|---|---|---|---|'];
    for (const name of ['first (discovers the apps, posts current problems)', 'steady (job reads only)']) {
      const report = await pollOnce(deps);
      table.push(`| ${name} | ${report.requests} | ${report.durationMs} ms | ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB | ${report.posted} |`);
    }
    await graph.close();
    return { table, summary: [] };
  },
};
