import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStorage } from '../storage/fileStorage';
import type { Incident } from './incidents';
import { IncidentStore } from './incidentStore';

const incident: Incident = {
  key: 'sp1|job1|quarantine',
  kind: 'quarantine',
  app: { spId: 'sp1', appId: 'app1', displayName: 'Salesforce', jobId: 'job1' },
  summary: 'Salesforce provisioning is in quarantine',
};

let dir: string;
let clock: Date;
const store = (leaseMs = 60_000) => new IncidentStore(new FileStorage(dir), { leaseMs, now: () => clock });

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'incidents-'));
  clock = new Date('2024-05-01T10:00:00Z');
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

describe('IncidentStore', () => {
  it('opens a storm of incidents with one write of the index, and lists every one as open', async () => {
    const storage = new FileStorage(dir);
    const indexWrites: number[] = [];
    const write = storage.write.bind(storage);
    storage.write = (changes) => (Object.keys(changes).some((k) => k.endsWith('/index')) && indexWrites.push(1), write(changes));
    const s = new IncidentStore(storage, { now: () => clock });
    const storm = Array.from({ length: 60 }, (_, i): Incident => ({ ...incident, key: `sp${i}|job${i}|quarantine`, app: { ...incident.app, spId: `sp${i}`, displayName: `App ${i}` } }));
    await s.ensure(storm[0], 'c1', clock);
    indexWrites.length = 0;
    const opened = await s.ensureAll(storm, 'c1', clock);
    expect(opened.size).toBe(60);
    expect(indexWrites).toHaveLength(1);
    expect((await s.open()).map((r) => r.incident.app.displayName).sort()).toEqual(storm.map((i) => i.app.displayName).sort());
  });

  it('lets exactly one of many racing instances claim a record', async () => {
    const stores = Array.from({ length: 6 }, () => store());
    const record = await stores[0].ensure(incident, 'c1', clock);
    const claims = await Promise.all(stores.map((s, i) => s.claim(record!.id, 'post', `i${i}`)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('hands an expired claim to another instance and refuses the stale holder its write', async () => {
    const a = store();
    const b = store();
    const record = await a.ensure(incident, 'c1', clock);
    const stale = await a.claim(record!.id, 'post', 'a');
    expect(await b.claim(record!.id, 'post', 'b')).toBeUndefined();

    clock = new Date(clock.getTime() + 60_001);
    const fresh = await b.claim(record!.id, 'post', 'b');
    expect(fresh).toBeDefined();
    expect(await a.markPosted(stale!, { activityId: 'from-a' })).toBe(false);
    expect(await b.markPosted(fresh!, { activityId: 'from-b', threadId: 't' })).toBe(true);
    expect(await a.get(incident.key, 'c1')).toMatchObject({ state: 'posted', activityId: 'from-b', threadId: 't' });
  });

  it('resolves a posted record once, and lists only open records', async () => {
    const s = store();
    const record = await s.ensure(incident, 'c1', clock);
    await s.markPosted((await s.claim(record!.id, 'post', 'a'))!, { activityId: 'x' });
    expect(await s.claim(record!.id, 'post', 'a')).toBeUndefined();
    const resolving = await s.claim(record!.id, 'resolve', 'a');
    expect(await s.markResolved(resolving!)).toBe(true);
    expect(await s.open()).toEqual([]);
    expect(await s.claim(record!.id, 'resolve', 'a')).toBeUndefined();
  });

  it('puts a released claim back for the next cycle, counting the failure', async () => {
    const s = store();
    const record = await s.ensure(incident, 'c1', clock);
    await s.release((await s.claim(record!.id, 'post', 'a'))!, new Error('502'));
    expect((await s.open())[0]).toMatchObject({ state: 'open-unposted', attempts: 1, lastError: 'Error: 502' });
  });

  it('reopens a resolved incident seen again later, but not from a reading older than the resolution', async () => {
    const s = store();
    const seenAt = clock;
    const record = await s.ensure(incident, 'c1', seenAt);
    await s.markResolved((await s.claim(record!.id, 'post', 'a'))!, { dropped: true });
    clock = new Date(clock.getTime() + 1000);
    expect(await s.ensure(incident, 'c1', seenAt)).toBeUndefined();
    expect(await s.ensure(incident, 'c1', new Date(clock.getTime() + 1000))).toMatchObject({ state: 'open-unposted' });
    expect(await s.open()).toHaveLength(1);
  });
});
