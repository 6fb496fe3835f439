// The alert poller in a process of its own, for the poll figure: the bot is started as `npm start` would
// (its modules and server are part of what the process holds), and each `{ cycle }` message runs one cycle
// wired as src/startBot.ts wires the poller (app inventory, incident and digest stores in file storage, the
// alert card). Teams is the only stand-in here: posts are counted, not sent. The Graph stand-in runs in the
// bench's process, so this process's memory is the bot's alone. Answers each cycle with its report and the
// process's peak RSS and heap while it ran (sampled), and "memory" with process.memoryUsage() and the
// lifetime peak RSS.
import '../src/quietDeprecations';
import { alertCard } from '../src/alerts/alertCard';
import { DigestStore } from '../src/alerts/digest';
import { IncidentStore } from '../src/alerts/incidentStore';
import { pollOnce, type PollerDeps, type PollReport } from '../src/alerts/poller';
import { Subscriptions } from '../src/alerts/subscriptions';
import { GraphGateway } from '../src/graph/gateway';
import { createLogger } from '../src/log';
import { startBot } from '../src/startBot';
import { AppInventory } from '../src/storage/appInventory';
import { createStorage } from '../src/storage/createStorage';
import { benchConfig } from './support';

export interface CycleResult {
  report: PollReport;
  peakRss: number;
  peakHeap: number;
}

export interface MemoryResult extends NodeJS.MemoryUsage {
  /** The process's peak RSS since it started, in bytes. */
  maxRss: number;
}

const memory = (): MemoryResult => ({ ...process.memoryUsage(), maxRss: process.resourceUsage().maxRSS * 1024 });

async function main(): Promise<void> {
  const [graphUrl, dataDir] = process.argv.slice(2);
  const config = benchConfig(graphUrl, { DATA_DIR: dataDir });
  const bot = await startBot(config, createLogger({ level: 'silent' }));
  const storage = createStorage({ dataDir });
  const subscriptions = new Subscriptions(storage);
  await subscriptions.subscribe({ conversation: { id: 'bench-channel', conversationType: 'channel' } as never, serviceUrl: 'http://127.0.0.1:9/' }, 'all');
  let posts = 0;
  const deps: PollerDeps = {
    gateway: new GraphGateway({ baseUrl: graphUrl, tenantKey: graphUrl, timeoutMs: 120_000 }),
    subscriptions,
    incidents: new IncidentStore(storage),
    digests: new DigestStore(storage),
    inventory: new AppInventory(storage),
    instanceId: 'bench',
    post: async () => ({ activityId: String(++posts) }),
    update: async () => undefined,
    reply: async () => undefined,
    render: (incident, app) => alertCard(incident, app, new Date()),
  };
  process.on('message', async (m: unknown) => {
    if (m === 'memory') return process.send!(memory());
    if (m === 'exit') {
      await bot.close();
      process.exit(0);
    }
    let peakRss = 0;
    let peakHeap = 0;
    const sample = () => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    };
    const sampler = setInterval(sample, 10);
    const report = await pollOnce(deps);
    clearInterval(sampler);
    sample();
    process.send!({ report, peakRss, peakHeap } satisfies CycleResult);
  });
  process.send!({ ready: true });
}

void main();
