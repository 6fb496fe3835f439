// The poller over the Graph stand-in (Fabrikam) with a clock the test controls: an alert storm is one grouped
// card updated in place, a job that gets worse is told in its thread and never called resolved, and a
// channel's detector and per-app choices decide what it is sent.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardText } from '../../test/support/cards';
import { loadDemoTenant, shiftTimes, startDemoGraph, type DemoGraph } from '../demo';
import type { SynchronizationJob } from '../graph/types';
import { channelRef as ref, instanceStores } from './channel.spec-helper';
import { pollOnce, type PollerDeps, type PostedActivity } from './poller';
import { FAILURE_KINDS } from './subscriptions';

let graph: DemoGraph;
let dir: string;
let clock: Date;
let tenant = 0;

interface Sent {
  kind: 'post' | 'update' | 'reply';
  conversationId?: string;
  incidentKey: string;
  card?: unknown;
  text?: string;
  inThread?: PostedActivity;
  summary?: string;
}
let sent: Sent[];

beforeAll(async () => {
  graph = await startDemoGraph({ tenant: shiftTimes(loadDemoTenant('demo-tenants/fabrikam.json'), new Date()) });
});
afterAll(() => graph.close());
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'storm-'));
  sent = [];
  clock = new Date();
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

const spOf = (name: string) => graph.state.servicePrincipals.find((s) => s.displayName === name)!.id;
const job = (name: string): SynchronizationJob => graph.state.synchronization[spOf(name)].jobs[0];
const saved = new Map<string, SynchronizationJob>();
function change(name: string, edit: (j: SynchronizationJob) => void): void {
  if (!saved.has(name)) saved.set(name, structuredClone(job(name)));
  edit(job(name));
}
/** A job running normally, as Zendesk's does (LinkedIn Learning starts stopped by the deletion threshold in Fabrikam). */
function healthy(name: string): void {
  const normal = structuredClone(job('Zendesk'));
  change(name, (j) => {
    j.status = normal.status;
    j.schedule = normal.schedule;
  });
}
function restore(name: string): void {
  const original = saved.get(name);
  if (original) graph.state.synchronization[spOf(name)].jobs[0] = structuredClone(original);
}
afterEach(() => {
  for (const name of saved.keys()) restore(name);
  saved.clear();
});
const quarantine = (name: string) =>
  change(name, (j) => {
    j.status = { ...j.status, code: 'Quarantine', quarantine: { reason: 'EncounteredQuarantineException', currentBegan: clock.toISOString(), seriesBegan: clock.toISOString() } };
  });

function instance(): PollerDeps {
  const { storage: _storage, ...stores } = instanceStores(graph.url, `storm-${tenant++}`, dir, () => clock);
  let n = 0;
  return {
    ...stores,
    instanceId: 'a',
    render: (incident) => ({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: incident.summary }] }),
    post: async (sub, incident, card, options = {}) => {
      sent.push({ kind: 'post', conversationId: sub.conversationId, incidentKey: incident.key, card, ...options });
      n++;
      return { activityId: `m${n}`, threadId: options.inThread?.threadId ?? `19:ops;messageid=m${n}` };
    },
    update: async (_sub, record, card) => void sent.push({ kind: 'update', incidentKey: record.incidentKey, card }),
    reply: async (_sub, record, text) => void sent.push({ kind: 'reply', incidentKey: record.incidentKey, text }),
  };
}

const of = (kind: Sent['kind']) => sent.filter((s) => s.kind === kind);

describe('alert storms', () => {
  it('posts more than four new incidents in one cycle as one grouped card, and updates it in place as apps recover', async () => {
    const a = instance();
    await a.subscriptions.subscribe(ref('19:ops@thread.tacv2'), 'all');
    // Dropbox and Tableau are quarantined, Box paused and LinkedIn Learning stopped by the deletion threshold
    // in Fabrikam; two more go into quarantine at once.
    quarantine('Zendesk');
    quarantine('Fabrikam Field Service');

    const first = await pollOnce(a);
    expect(first).toMatchObject({ incidents: 6, posted: 1 });
    expect(of('post')).toHaveLength(1);
    expect(of('post')[0].summary).toBe('⚠ 6 apps need attention');
    const card = cardText(of('post')[0].card as never);
    for (const name of ['Zendesk', 'Fabrikam Field Service', 'Dropbox Business', 'Tableau Cloud', 'Box', 'LinkedIn Learning']) expect(card).toContain(name);
    const records = await a.incidents.open();
    expect(records).toHaveLength(6);
    expect(new Set(records.map((r) => r.activityId))).toEqual(new Set(['m1']));

    expect(await pollOnce(a)).toMatchObject({ posted: 0 });

    restore('Zendesk');
    const third = await pollOnce(a);
    expect(third).toMatchObject({ posted: 0, resolved: 1 });
    expect(of('post')).toHaveLength(1);
    const updated = cardText(of('update')[0].card as never);
    expect(updated).toMatch(/⚠ 5 apps need attention/);
    expect(updated).toMatch(/✅ Zendesk recovered/);
    expect(of('reply')[0].text).toMatch(/Resolved: Zendesk provisioning is out of quarantine/);
  });

  it('redraws the grouped card once when several of its apps recover in the same cycle, with a reply for each', async () => {
    const a = instance();
    await a.subscriptions.subscribe(ref('19:ops@thread.tacv2'), 'all');
    quarantine('Zendesk');
    quarantine('Fabrikam Field Service');
    await pollOnce(a);
    restore('Zendesk');
    restore('Fabrikam Field Service');
    healthy('Dropbox Business');
    expect(await pollOnce(a)).toMatchObject({ posted: 0, resolved: 3 });
    expect(of('update')).toHaveLength(1);
    const card = cardText(of('update')[0].card as never);
    for (const name of ['Zendesk', 'Fabrikam Field Service', 'Dropbox Business']) expect(card).toMatch(new RegExp(`✅ ${name} recovered`));
    expect(card).toMatch(/⚠ 3 apps need attention/);
    expect(of('reply').map((r) => r.text)).toHaveLength(3);
    expect(await a.incidents.open()).toHaveLength(3);
  });

  it('closes a storm of 60 apps in one cycle with one redraw per 50 members, a reply each, and no record left open', async () => {
    const a = instance();
    await a.subscriptions.subscribe(ref('19:ops@thread.tacv2'), 'all');
    // Sixty more apps set up like Zendesk go into quarantine together (a shared credential expired).
    const template = spOf('Zendesk');
    const ids = Array.from({ length: 60 }, (_, i) => `5a1e0c00-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const [i, id] of ids.entries()) {
      graph.state.servicePrincipals.push({ ...structuredClone(graph.state.servicePrincipals.find((s) => s.id === template)!), id, displayName: `Storm App ${i + 1}` });
      graph.state.synchronization[id] = structuredClone(graph.state.synchronization[template]);
      const stormJob = graph.state.synchronization[id].jobs[0];
      stormJob.status = { ...stormJob.status, code: 'Quarantine', quarantine: { reason: 'EncounteredQuarantineException', currentBegan: clock.toISOString() } };
    }
    try {
      const first = await pollOnce(a);
      expect(first).toMatchObject({ incidents: 64, posted: 1 });
      expect(of('post')[0].summary).toBe('⚠ 64 apps need attention');

      for (const id of ids) graph.state.synchronization[id].jobs[0].status = structuredClone(graph.state.synchronization[template].jobs[0].status);
      const second = await pollOnce(a);
      expect(second).toMatchObject({ posted: 0, resolved: 60 });
      expect(of('update')).toHaveLength(2);
      const last = cardText(of('update')[1].card as never);
      expect(last).toMatch(/⚠ 4 apps need attention/);
      // The recovered apps are summed up under the four still broken, not listed sixty long.
      expect(last).toMatch(/✅ Storm App 1 recovered/);
      expect(last).toMatch(/and 58 more/);
      expect(last).toMatch(/60 recovered/);
      expect(of('reply')).toHaveLength(60);
      expect((await a.incidents.open()).map((r) => r.incident.app.displayName).sort()).toEqual(['Box', 'Dropbox Business', 'LinkedIn Learning', 'Tableau Cloud']);
      expect(await pollOnce(a)).toMatchObject({ posted: 0, resolved: 0 });
    } finally {
      graph.state.servicePrincipals = graph.state.servicePrincipals.filter((s) => !ids.includes(s.id));
      for (const id of ids) delete graph.state.synchronization[id];
    }
  });

  it('posts four new incidents as four cards', async () => {
    // Dropbox, Tableau, Box and LinkedIn Learning: the limit itself is not a storm.
    const a = instance();
    await a.subscriptions.subscribe(ref('19:ops@thread.tacv2'), 'all');
    expect(await pollOnce(a)).toMatchObject({ incidents: 4, posted: 4 });
  });
});

describe('a job whose problem changes', () => {
  it('says a quarantined job that gets disabled is worse, in the alert thread, and never calls it resolved', async () => {
    const a = instance();
    await a.subscriptions.subscribe(ref('19:ops@thread.tacv2'), { spId: spOf('Zendesk'), name: 'Zendesk' });
    quarantine('Zendesk');
    await pollOnce(a);
    expect(of('post')).toHaveLength(1);

    // Four weeks later the service disables the job: the schedule says Disabled, the code still Quarantine.
    clock = new Date(clock.getTime() + 28 * 24 * 3_600_000);
    change('Zendesk', (j) => void (j.schedule = { ...j.schedule, state: 'Disabled' }));
    await pollOnce(a);

    const [, disabled] = of('post');
    expect(disabled.incidentKey).toMatch(/\|disabled$/);
    expect(disabled.inThread).toEqual({ activityId: 'm1', threadId: '19:ops;messageid=m1' });
    const old = cardText(of('update')[0].card as never);
    expect(old).toMatch(/Worse: Zendesk provisioning is disabled/);
    expect(old).not.toMatch(/Resolved/);
    // The new card in the thread says it: no extra reply.
    expect(of('reply')).toEqual([]);
  });
});

describe("a channel's choices", () => {
  it('leaves out a detector switched off, and keeps only failures for an app asked that way', async () => {
    const a = instance();
    const sub = await a.subscriptions.subscribe(ref('19:ops@thread.tacv2'), 'all');
    await a.subscriptions.amend(sub.conversationId, (s) => ({ ...s, detectors: { paused: false }, only: { [spOf('Tableau Cloud')]: ['failing'] } }));
    await pollOnce(a);
    // Box (paused) is off by detector; Tableau's quarantine is not a "failing" incident.
    expect(of('post').map((p) => p.incidentKey.split('|')[0])).toEqual([spOf('Dropbox Business'), spOf('LinkedIn Learning')]);
    expect(FAILURE_KINDS).toContain('quarantine');
  });
});

describe('a stalled job', () => {
  it('reaches each conversation after its own number of quiet hours', async () => {
    const a = instance();
    const early = await a.subscriptions.subscribe(ref('19:early@thread.tacv2'), { spId: spOf('Zendesk'), name: 'Zendesk' });
    await a.subscriptions.amend(early.conversationId, (s) => ({ ...s, stalledHours: 3 }));
    await a.subscriptions.subscribe(ref('19:late@thread.tacv2'), { spId: spOf('Zendesk'), name: 'Zendesk' });
    const ended = (hours: number) =>
      change('Zendesk', (j) => {
        const at = new Date(clock.getTime() - hours * 3_600_000);
        j.status = { ...j.status, lastExecution: { ...j.status!.lastExecution, state: 'Succeeded', timeBegan: new Date(at.getTime() - 60_000).toISOString(), timeEnded: at.toISOString() } };
      });
    ended(4);
    const sent = (conversation: string) => of('post').filter((p) => p.incidentKey.endsWith('|stalled') && p.conversationId === conversation);
    await pollOnce(a);
    expect(sent('19:early@thread.tacv2')).toHaveLength(1);
    expect(sent('19:late@thread.tacv2')).toHaveLength(0);
    ended(7);
    await pollOnce(a);
    expect(sent('19:late@thread.tacv2')).toHaveLength(1);
    expect(sent('19:early@thread.tacv2')).toHaveLength(1);
  });
});

describe("a channel watching 'all'", () => {
  it('includes an app newly set up for provisioning at the next cycle, noticed through servicePrincipals/delta', async () => {
    healthy('LinkedIn Learning');
    const a = instance();
    await a.subscriptions.subscribe(ref('19:ops@thread.tacv2'), 'all');
    const first = await pollOnce(a);
    expect(first.posted).toBe(3);

    // A new gallery app is added and its provisioning set up; it goes straight into quarantine.
    const template = spOf('Zendesk');
    const id = '0b7e2c53-6f1a-4d2e-9a8b-3c4d5e6f7a8b';
    graph.state.servicePrincipals.push({ ...structuredClone(graph.state.servicePrincipals.find((s) => s.id === template)!), id, displayName: 'Freshdesk' });
    graph.state.synchronization[id] = structuredClone(graph.state.synchronization[template]);
    const newJob = graph.state.synchronization[id].jobs[0];
    newJob.status = { ...newJob.status, code: 'Quarantine', quarantine: { reason: 'EncounteredQuarantineException', currentBegan: clock.toISOString() } };
    try {
      const second = await pollOnce(a);
      // The jobs' $batch and one delta round: no full scan of the tenant's service principals.
      expect(second.requests).toBe(2);
      expect(of('post').map((p) => p.incidentKey.split('|')[0])).toContain(id);
      // From then on it is one of the watched apps.
      const third = await pollOnce(a);
      expect(third).toMatchObject({ requests: 2, incidents: 4, posted: 0 });
    } finally {
      graph.state.servicePrincipals = graph.state.servicePrincipals.filter((s) => s.id !== id);
      delete graph.state.synchronization[id];
    }
  });
});

describe('a spike of removals', () => {
  it('reads the logs only when the status signals many exports, and alerts when most of the cycle disabled accounts', async () => {
    const a = instance();
    await a.subscriptions.subscribe(ref('19:ops@thread.tacv2'), { spId: spOf('Zendesk'), name: 'Zendesk' });
    expect(await pollOnce(a)).toMatchObject({ requests: 1, incidents: 0 });

    const began = new Date(clock.getTime() - 10 * 60_000).toISOString();
    change('Zendesk', (j) => {
      j.status = { ...j.status, lastExecution: { ...j.status!.lastExecution, state: 'Succeeded', timeBegan: began, timeEnded: new Date(clock.getTime() - 5 * 60_000).toISOString(), countExported: 30 } };
    });
    const template = graph.state.provisioningLogs.find((e) => e.servicePrincipal?.id === spOf('Zendesk')) ?? graph.state.provisioningLogs[0];
    const logsBefore = graph.state.provisioningLogs.length;
    for (let i = 0; i < 25; i++) {
      graph.state.provisioningLogs.push({
        ...structuredClone(template),
        id: `spike-${i}`,
        activityDateTime: new Date(clock.getTime() - 8 * 60_000).toISOString(),
        provisioningAction: 'disable',
        servicePrincipal: { id: spOf('Zendesk'), displayName: 'Zendesk' },
        provisioningStatusInfo: { status: 'success', errorInformation: null },
      });
    }
    try {
      // The jobs' $batch, then one log read for the one signalled job.
      expect(await pollOnce(a)).toMatchObject({ requests: 2, incidents: 1, posted: 1 });
      expect(of('post')[0].incidentKey).toMatch(/\|deletions$/);
      expect(String((of('post')[0].card as { body: Array<{ text: string }> }).body[0].text)).toMatch(/Zendesk provisioning disabled or deleted 25 accounts in its last cycle/);
    } finally {
      graph.state.provisioningLogs.length = logsBefore;
    }
  });
});
