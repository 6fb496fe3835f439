// The poll cycle's reads against the app inventory (Fabrikam on the demo Graph, a file store): the cycle tells
// the inventory what changes its list (an app gone, an app set up since), and nothing when only job states
// changed, so a steady cycle neither rewrites nor serialises the whole stored list.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDemoTenant, shiftTimes, startDemoGraph, type DemoGraph } from '../demo';
import { GraphGateway } from '../graph/gateway';
import { AppInventory } from '../storage/appInventory';
import { FileStorage } from '../storage/fileStorage';
import { readWatchedApps } from './watchedApps';

const FABRIKAM = loadDemoTenant(join(__dirname, '..', '..', 'demo-tenants', 'fabrikam.json'));
const ALL = { all: true, apps: new Map<string, string>() };

/** The file store, noting the keys written (the inventory's list is one item). */
class WatchedStorage extends FileStorage {
  readonly written: string[] = [];
  override async write(changes: Parameters<FileStorage['write']>[0]): Promise<void> {
    this.written.push(...Object.keys(changes));
    return super.write(changes);
  }
}

let graph: DemoGraph;
let dir: string;
let clock: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'watched-'));
  clock = Date.now();
  graph = await startDemoGraph({ tenant: shiftTimes(FABRIKAM, new Date()) });
});
afterEach(() => graph.close());

/** An instance of the bot: its own inventory over the shared directory. */
const inventory = (storage = new FileStorage(dir)) => new AppInventory(storage, { now: () => clock });
const withProvisioning = () => graph.state.servicePrincipals.filter((sp) => graph.state.synchronization[sp.id]?.jobs.length);
/** What a second instance finds in the stored list (past the first one's memory). */
async function storedSpIds(gateway: GraphGateway): Promise<string[]> {
  clock += 10_000;
  return (await inventory().read(gateway)).apps.map((a) => a.app.spId);
}

describe('readWatchedApps with the app inventory', () => {
  it('sees a job state change without rewriting the stored list', async () => {
    const storage = new WatchedStorage(dir);
    const known = inventory(storage);
    const gateway = new GraphGateway({ baseUrl: graph.url, tenantKey: 'fabrikam', timeoutMs: 5000 });
    await readWatchedApps(gateway, ALL, new Date(), undefined, known); // scans
    const active = withProvisioning().find((sp) => graph.state.synchronization[sp.id].jobs[0].status?.code === 'Active')!;
    const job = graph.state.synchronization[active.id].jobs[0];
    job.status = { ...job.status, code: 'Quarantine', quarantine: { reason: 'EncounteredQuarantineException', currentBegan: new Date().toISOString() } };
    storage.written.length = 0;

    const read = await readWatchedApps(gateway, ALL, new Date(), undefined, known);

    expect(read.apps.find((a) => a.app.spId === active.id)?.job.status?.code).toBe('Quarantine');
    expect(read.observed.has(active.id)).toBe(true);
    expect(storage.written.filter((key) => key.startsWith('appInventory/'))).toEqual([]);
  });

  it('drops an app whose provisioning was removed from the stored list, for every instance', async () => {
    const gateway = new GraphGateway({ baseUrl: graph.url, tenantKey: 'fabrikam', timeoutMs: 5000 });
    const known = inventory();
    await readWatchedApps(gateway, ALL, new Date(), undefined, known);
    const gone = withProvisioning()[0];
    delete graph.state.synchronization[gone.id];

    const read = await readWatchedApps(gateway, ALL, new Date(), undefined, known);

    expect(read.observed.has(gone.id)).toBe(true);
    expect(read.apps.some((a) => a.app.spId === gone.id)).toBe(false);
    expect(await storedSpIds(gateway)).not.toContain(gone.id);
  });

  it('adds an app set up for provisioning since the last cycle to the stored list within a cycle', async () => {
    const gateway = new GraphGateway({ baseUrl: graph.url, tenantKey: 'fabrikam', timeoutMs: 5000 });
    const known = inventory();
    await readWatchedApps(gateway, ALL, new Date(), undefined, known);
    const template = withProvisioning()[0];
    const added = { ...template, id: randomUUID(), appId: randomUUID(), displayName: 'Quokka Expenses' };
    graph.state.servicePrincipals.push(added);
    graph.state.synchronization[added.id] = structuredClone(graph.state.synchronization[template.id]);

    const read = await readWatchedApps(gateway, ALL, new Date(), undefined, known);

    expect(read.apps.some((a) => a.app.spId === added.id)).toBe(true);
    expect(await storedSpIds(gateway)).toContain(added.id);
  });
});
