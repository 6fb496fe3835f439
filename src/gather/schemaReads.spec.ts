// Schemas read for one question serve the next questions about the same apps for a minute (the largest
// bodies a question reads), against the Graph stand-in: an edit made in the portal shows once that minute is
// over, and a gateway with read reuse turned off reads them every time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadDemoTenant, shiftTimes, startDemoGraph, type DemoGraph, type DemoRequest } from '../demo';
import { GraphGateway } from '../graph/gateway';
import type { SynchronizationSchema } from '../graph/types';
import { listProvisioningApps } from '../resolve/provisioningApps';
import { TENANTS } from '../../test/support/testBot';
import { readAppsAhead } from './gatherPrincipal';
import { SCHEMA_REUSE_MS } from './schemaReads';

let graph: DemoGraph;
let requests: DemoRequest[];
let tenantNo = 0;

beforeEach(async () => {
  requests = [];
  graph = await startDemoGraph({ tenant: shiftTimes(loadDemoTenant(TENANTS.fabrikam), new Date()), onRequest: (r) => void requests.push(r) });
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(async () => {
  vi.useRealTimers();
  await graph.close();
});

const schemaReads = () => requests.filter((r) => r.path.endsWith('/schema')).length;
const gateway = (logCacheMs?: number) => new GraphGateway({ baseUrl: graph.url, tenantKey: `schema-spec-${tenantNo++}`, logCacheMs });

describe('schemas shared between questions', () => {
  it('reads each app’s schema once a minute, and shows an edit made meanwhile after that minute', async () => {
    const g = gateway();
    const apps = await listProvisioningApps(g);
    expect(apps.length).toBeGreaterThan(1);
    requests = [];
    const first = await readAppsAhead(g, apps);
    expect(schemaReads()).toBe(apps.length);
    expect(first.every((a) => a.schema)).toBe(true);

    vi.setSystemTime(Date.now() + SCHEMA_REUSE_MS - 1000);
    const second = await readAppsAhead(g, apps);
    expect(schemaReads()).toBe(apps.length);
    // The jobs are read again every time: only the schema is shared.
    expect(requests.filter((r) => r.path.endsWith('/synchronization/jobs')).length).toBe(2 * apps.length);
    expect(second.map((a) => a.schema)).toEqual(first.map((a) => a.schema));

    const edited = apps[0];
    const stored = (graph.state.synchronization as Record<string, { schemas: Record<string, SynchronizationSchema> }>)[edited.app.spId];
    const schema = structuredClone(stored.schemas[edited.app.jobId] ?? Object.values(stored.schemas)[0]);
    schema.synchronizationRules = [];
    stored.schemas[edited.app.jobId] = schema;
    vi.setSystemTime(Date.now() + 2000);
    const third = await readAppsAhead(g, apps);
    expect(schemaReads()).toBe(2 * apps.length);
    expect(third.find((a) => a.app.spId === edited.app.spId)?.schema?.synchronizationRules).toEqual([]);
  });

  it('reads them every time where read reuse is off', async () => {
    const g = gateway(0);
    const apps = await listProvisioningApps(g);
    requests = [];
    await readAppsAhead(g, apps);
    await readAppsAhead(g, apps);
    expect(schemaReads()).toBe(2 * apps.length);
  });
});
