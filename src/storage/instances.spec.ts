import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { MemoryStorage, type Storage } from 'botbuilder';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { startAzurite, type Azurite } from '../../test/support/azurite';
import { TENANTS } from '../../test/support/testBot';
import { loadConfig } from '../config';
import { loadDemoTenant, shiftTimes, startDemoGraph } from '../demo';
import { GraphGateway } from '../graph/gateway';
import { PROVISIONING_LOGS_PATH } from '../graph/endpoints';
import { DEFAULT_QUEUE_CAP, RequestBudget } from '../graph/requestBudget';
import { takeAllNow } from '../graph/requestBudget.spec-helper';
import { createLogger } from '../log';
import { startBot } from '../startBot';
import { BlobStorage } from './blobStorage';
import { FileStorage } from './fileStorage';
import { HEARTBEAT_MS, Instances, STALE_MS } from './instances';
import { tempDirPerTest } from './tempDir.spec-helper';

const dir = tempDirPerTest('instances-');

/** Instances `a` and `b` on `storage`, each with the log budget it would give its gateways (Graph's 5 per 10 s), on one clock. */
function twoInstances(storage: Storage) {
  const clock = { now: 1_000_000 };
  const now = () => clock.now;
  const instance = (id: string) => {
    const instances = new Instances(storage, 'fabrikam-bot', { id, now });
    return { instances, budget: new RequestBudget(5, 10_000, now, DEFAULT_QUEUE_CAP, () => instances.count) };
  };
  return { clock, a: instance('a'), b: instance('b') };
}

let azurite: Azurite | undefined;
let containers = 0;
afterAll(() => azurite?.close());

describe.each([
  ['a file store', async () => new FileStorage(path.join(dir(), 'store'))],
  [
    'Azure Blob Storage (Azurite)',
    async () => {
      azurite ??= await startAzurite();
      return new BlobStorage(azurite.connectionString, `instances-${++containers}`);
    },
  ],
])('two instances sharing %s', (_name, open) => {
  it('take 2 of the 5 log requests per 10 s each; when one stops heartbeating, the other takes all 5 again', async () => {
    const { clock, a, b } = twoInstances(await open());
    await a.instances.beat();
    await b.instances.beat();
    // `a` learns of `b` at its next heartbeat; until then it takes the whole limit.
    expect(a.instances.count).toBe(1);
    clock.now += HEARTBEAT_MS;
    await a.instances.beat();
    expect([a.instances.count, b.instances.count]).toEqual([2, 2]);
    expect(await takeAllNow(a.budget)).toBe(2);
    expect(await takeAllNow(b.budget)).toBe(2);

    // `b` crashed after its one heartbeat: `a` still counts it until the heartbeat is STALE_MS old.
    clock.now += HEARTBEAT_MS;
    await a.instances.beat();
    expect(a.instances.count).toBe(2);
    clock.now += STALE_MS - 2 * HEARTBEAT_MS;
    await a.instances.beat();
    expect(a.instances.count).toBe(1);
    expect(await takeAllNow(a.budget)).toBe(5);
  });

  it('an instance that stops leaves at once: the other takes all 5 at its next heartbeat', async () => {
    const { a, b } = twoInstances(await open());
    await b.instances.beat();
    await a.instances.beat();
    expect(a.instances.count).toBe(2);
    await b.instances.stop();
    await a.instances.beat();
    expect(a.instances.count).toBe(1);
    expect(await takeAllNow(a.budget)).toBe(5);
  });
});

describe('Instances', () => {
  it('storage failing: takes the whole limit, and says so once', async () => {
    const notADirectory = path.join(dir(), 'file');
    await fs.writeFile(notADirectory, '');
    let logs = '';
    const logger = createLogger({ level: 'warn', destination: new Writable({ write: (chunk, _e, done) => ((logs += chunk), done()) }) });
    const instances = new Instances(new FileStorage(path.join(notADirectory, 'store')), 'fabrikam-bot', { id: 'a', logger });
    expect(await instances.beat()).toBe(1);
    expect(await instances.beat()).toBe(1);
    expect(logs.trim().split('\n')).toHaveLength(1);
    expect(logs).toContain('heartbeat');
  });

  it('beats every 30 s once started, so a crashed instance’s share comes back 90 s after its last heartbeat', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const storage = new MemoryStorage();
      const crashed = new Instances(storage, 'fabrikam-bot', { id: 'crashed' });
      const running = new Instances(storage, 'fabrikam-bot', { id: 'running' });
      await crashed.beat();
      expect(await running.start()).toBe(2);
      await vi.advanceTimersByTimeAsync(STALE_MS - 1);
      expect(running.count).toBe(2);
      await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
      expect(running.count).toBe(1);
      await running.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a started bot', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('takes its share of the log budget with another live instance of it on its storage, and leaves when closed', async () => {
    const graph = await startDemoGraph({ tenant: shiftTimes(loadDemoTenant(TENANTS.fabrikam), new Date()) });
    const store = new FileStorage(path.join(dir(), 'store'));
    // In local mode the bot is known by the Graph it reads; a bot of another Graph is no other instance of it.
    const other = new Instances(store, graph.url, { id: 'other' });
    const stranger = new Instances(store, 'another-bot', { id: 'stranger' });
    await other.beat();
    await stranger.beat();
    const config = loadConfig({ PORT: '0', GRAPH_BASE_URL: graph.url, GRAPH_LOG_REQUESTS_PER_10S: '5', DATA_DIR: dir(), ALERT_POLL_SECONDS: '0', LOG_LEVEL: 'silent' });
    const bot = await startBot(config, createLogger({ level: 'silent' }));
    close = async () => {
      await bot.close();
      await graph.close();
    };
    // A gateway of the same tenant and limit draws on the bot's own budget (one per tenant and process).
    const gateway = new GraphGateway({ baseUrl: graph.url, tenantKey: graph.url, provisioningLogLimit: 5, maxLogWaitMs: 0, logCacheMs: 0 });
    const read = () => gateway.get(PROVISIONING_LOGS_PATH);
    await read();
    await read();
    await expect(read()).rejects.toMatchObject({ code: 'graph-throttled' });
    expect(await other.beat()).toBe(2);
    expect(await stranger.beat()).toBe(1);

    await bot.close();
    close = () => graph.close();
    expect(await other.beat()).toBe(1);
  });
});
