// The app inventory against the demo Graph (Fabrikam) and a file store shared by two instances: which apps
// have provisioning is learnt once and kept current by the reads questions and the poller make anyway.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDemoTenant, shiftTimes, startDemoGraph, type DemoGraph } from '../demo';
import type { DemoRequest } from '../demo/graphHttp';
import { jobActionPath } from '../graph/endpoints';
import { GraphGateway } from '../graph/gateway';
import { resolveApp } from '../resolve/findApp';
import { readProvisioningInventory } from '../resolve/provisioningApps';
import { AppInventory } from './appInventory';
import { FileStorage } from './fileStorage';

const FABRIKAM = loadDemoTenant(join(__dirname, '..', '..', 'demo-tenants', 'fabrikam.json'));

let graph: DemoGraph;
let requests: DemoRequest[];
let dir: string;
let clock: number;

beforeEach(async () => {
  requests = [];
  clock = Date.now();
  dir = mkdtempSync(join(tmpdir(), 'inventory-'));
  graph = await startDemoGraph({ tenant: shiftTimes(FABRIKAM, new Date()), onRequest: (req) => void requests.push(req) });
});
afterEach(() => graph.close());

const gateway = () => new GraphGateway({ baseUrl: graph.url, tenantKey: 'fabrikam', timeoutMs: 5000 });
/** An instance of the bot: its own inventory object over the shared storage directory. */
const instance = () => new AppInventory(new FileStorage(dir), { now: () => clock, rescanMs: 60 * 60_000 });
const scans = () => requests.filter((r) => !r.inBatch && r.path.toLowerCase() === '/serviceprincipals').length;
const withProvisioning = () => graph.state.servicePrincipals.filter((sp) => graph.state.synchronization[sp.id]?.jobs.length);

describe('AppInventory', () => {
  it('answers the first question of a new tenant with the jobs as Graph gave them, and keeps only a slim list', async () => {
    const first = await readProvisioningInventory(gateway(), instance());
    for (const app of first.apps) {
      const served = graph.state.synchronization[app.app.spId].jobs.find((j) => j.id === app.app.jobId)!;
      // What diagnoses read: the schedule, the last execution, the quarantine's reason.
      expect(app.job.schedule).toEqual(served.schedule);
      expect(app.job.status?.lastExecution ?? null).toEqual(served.status?.lastExecution ?? null);
    }
    const kept = JSON.stringify(await new FileStorage(dir).read([`appInventory/${createHash('sha256').update('fabrikam').digest('hex').slice(0, 32)}`]));
    expect(kept).toContain(first.apps[0].app.jobId);
    expect(kept).not.toContain('lastExecution');
    expect(kept).not.toContain('synchronizationJobSettings');
  });

  it('scans once; a second instance sharing the storage reads the list without scanning', async () => {
    const first = await readProvisioningInventory(gateway(), instance());
    expect(first.apps.map((a) => a.app.spId).sort()).toEqual(withProvisioning().map((sp) => sp.id).sort());
    expect(scans()).toBe(1);
    requests.length = 0;
    const second = await readProvisioningInventory(gateway(), instance());
    expect(second.apps.map((a) => a.app.displayName).sort()).toEqual(first.apps.map((a) => a.app.displayName).sort());
    expect(scans()).toBe(0);
    // Only the known apps' jobs are read again: one `$batch`, however many service principals the tenant has.
    expect(requests.filter((r) => !r.inBatch)).toHaveLength(1);
  });

  it('shows a job state changed since the list was stored (after a remedy) in the next overview', async () => {
    const inventory = instance();
    await readProvisioningInventory(gateway(), inventory);
    const active = (await readProvisioningInventory(gateway(), inventory)).apps.find((a) => a.job.status?.code === 'Active')!;
    await gateway().post(jobActionPath(active.app.spId, active.app.jobId, 'pause'));
    const after = await readProvisioningInventory(gateway(), inventory);
    expect(after.apps.find((a) => a.app.jobId === active.app.jobId)?.job.status?.code).toBe('Paused');
  });

  it('drops an app whose provisioning was removed, for every instance', async () => {
    await readProvisioningInventory(gateway(), instance());
    const gone = withProvisioning()[0];
    delete graph.state.synchronization[gone.id];
    const overview = await readProvisioningInventory(gateway(), instance());
    expect(overview.apps.some((a) => a.app.spId === gone.id)).toBe(false);
    clock += 10_000; // past the other instance's memory
    const names = (await instance().read(gateway())).apps.map((a) => a.app.spId);
    expect(names).not.toContain(gone.id);
  });

  it('learns an app added since the scan: by name at once, and in the background rescan', async () => {
    const inventory = instance();
    await inventory.read(gateway());
    const template = withProvisioning()[0];
    const added = { ...template, id: randomUUID(), appId: randomUUID(), displayName: 'Quokka Expenses' };
    graph.state.servicePrincipals.push(added);
    graph.state.synchronization[added.id] = structuredClone(graph.state.synchronization[template.id]);

    const found = await resolveApp(gateway(), 'quokka expenses', inventory);
    expect(found).toMatchObject({ kind: 'one', value: { app: { spId: added.id } } });
    expect((await inventory.read(gateway())).apps.some((a) => a.app.spId === added.id)).toBe(true);

    // Without anyone asking for it: the rescan an hour later finds the next one.
    const later = { ...added, id: randomUUID(), appId: randomUUID(), displayName: 'Wombat Travel' };
    graph.state.servicePrincipals.push(later);
    graph.state.synchronization[later.id] = structuredClone(graph.state.synchronization[template.id]);
    clock += 2 * 60 * 60_000;
    requests.length = 0;
    await inventory.read(gateway()); // served from the list, starts the rescan
    await inventory.scan(gateway()); // the same scan, already running
    expect(scans()).toBe(1);
    expect((await inventory.read(gateway())).apps.some((a) => a.app.spId === later.id)).toBe(true);
  });
});
