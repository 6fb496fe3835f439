// The digest: its schedule, its card, and the poller sending it once per period over the Graph stand-in
// (Fabrikam) with a clock the test controls, updated in place when asked again.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardText } from '../../test/support/cards';
import { loadDemoTenant, shiftTimes, startDemoGraph, type DemoGraph } from '../demo';
import { digestCard, digestSlot, DigestStore } from './digest';
import { channelRef as ref, instanceStores } from './channel.spec-helper';
import { pollOnce, type PollerDeps } from './poller';

describe('digestSlot', () => {
  it('is the latest scheduled time at or before now, daily or on the weekday for weekly', () => {
    const tuesday = new Date('2026-12-01T10:15:00Z');
    expect(digestSlot({ every: 'daily', at: '09:00' }, tuesday)).toBe('2026-12-01T09:00:00.000Z');
    expect(digestSlot({ every: 'daily', at: '11:00' }, tuesday)).toBe('2026-11-30T11:00:00.000Z');
    expect(digestSlot({ every: 'weekly', at: '09:00', weekday: 1 }, tuesday)).toBe('2026-11-30T09:00:00.000Z');
    expect(digestSlot({ every: 'daily', at: '25:00' }, tuesday)).toBeUndefined();
  });

  it("keeps to the clock of the admin who set it, across a change of summer time", () => {
    const tuesday = new Date('2026-12-01T10:15:00Z');
    // 9:00 in Paris is 08:00 UTC in winter; in New York 09:00 is 14:00 UTC, not yet come on Tuesday morning.
    expect(digestSlot({ every: 'daily', at: '09:00', timeZone: 'Europe/Paris' }, tuesday)).toBe('2026-12-01T08:00:00.000Z');
    expect(digestSlot({ every: 'daily', at: '09:00', timeZone: 'America/New_York' }, tuesday)).toBe('2026-11-30T14:00:00.000Z');
    // Weekly on Monday 9:00 in Tokyo (UTC+9) is Monday 00:00 UTC.
    expect(digestSlot({ every: 'weekly', at: '09:00', weekday: 1, timeZone: 'Asia/Tokyo' }, tuesday)).toBe('2026-11-30T00:00:00.000Z');
    // The day after Paris moves its clocks forward (29 March 2026), 9:00 is 07:00 UTC; the day before, 08:00.
    expect(digestSlot({ every: 'daily', at: '09:00', timeZone: 'Europe/Paris' }, new Date('2026-03-30T12:00:00Z'))).toBe('2026-03-30T07:00:00.000Z');
    expect(digestSlot({ every: 'daily', at: '09:00', timeZone: 'Europe/Paris' }, new Date('2026-03-28T12:00:00Z'))).toBe('2026-03-28T08:00:00.000Z');
    // A zone Intl does not know is UTC, as before.
    expect(digestSlot({ every: 'daily', at: '09:00', timeZone: 'Mars/Olympus' }, tuesday)).toBe('2026-12-01T09:00:00.000Z');
  });
});

describe('digestCard', () => {
  it('says the apps by state, what changed, the causes with a text fallback, and the top actions', () => {
    const card = digestCard({
      every: 'daily',
      slot: '2026-12-01T09:00:00.000Z',
      states: { 'a|1': { name: 'Zendesk', state: 'in quarantine' }, 'b|1': { name: 'Box', state: 'healthy' }, 'c|1': { name: 'Asana', state: 'healthy' } },
      previous: { 'a|1': { name: 'Zendesk', state: 'healthy' }, 'b|1': { name: 'Box', state: 'healthy' } },
      entries: [],
      incidents: [],
    });
    const text = cardText(card);
    expect(text).toMatch(/Daily provisioning digest · Tue, 01 Dec/);
    expect(text).toMatch(/Apps 2 healthy · 1 in quarantine/);
    expect(text).toMatch(/Zendesk: healthy → in quarantine; Asana: new, healthy/);
    expect(text).toMatch(/Nothing needs doing/);
  });
});

let graph: DemoGraph;
let dir: string;
let clock: Date;
let tenant = 0;
let sent: Array<{ kind: 'post' | 'update'; key: string; card: unknown }>;

beforeAll(async () => {
  graph = await startDemoGraph({ tenant: shiftTimes(loadDemoTenant('demo-tenants/fabrikam.json'), new Date()) });
});
afterAll(() => graph.close());
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'digest-'));
  sent = [];
  clock = new Date('2026-12-01T08:55:00Z');
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

function instance(): PollerDeps {
  const { storage, ...stores } = instanceStores(graph.url, `digest-${tenant++}`, dir, () => clock);
  return {
    ...stores,
    digests: new DigestStore(storage),
    instanceId: 'a',
    render: () => ({ type: 'AdaptiveCard', body: [] }),
    post: async (_sub, incident, card) => {
      sent.push({ kind: 'post', key: incident.key, card });
      return { activityId: `m${sent.length}` };
    },
    update: async (_sub, record, card) => void sent.push({ kind: 'update', key: record.incidentKey, card }),
    reply: async () => undefined,
  };
}

const digests = () => sent.filter((s) => s.key.startsWith('digest|'));

describe('the digest in the poller', () => {
  it('goes out once per period at its time, with causes from the logs, and is updated in place on "digest now"', async () => {
    const a = instance();
    const sub = await a.subscriptions.subscribe(ref('19:ops@thread.tacv2'), 'all');
    await a.subscriptions.amend(sub.conversationId, (s) => ({ ...s, digest: { every: 'daily', at: '09:00', since: clock.toISOString() } }));

    await pollOnce(a);
    expect(digests()).toEqual([]);

    clock = new Date('2026-12-01T09:01:00Z');
    await Promise.all([pollOnce(a), pollOnce(instance())]);
    expect(digests()).toHaveLength(1);
    const text = cardText(digests()[0].card as never);
    expect(text).toMatch(/Daily provisioning digest/);
    expect(text).toMatch(/in quarantine/);
    // The top actions name the apps that need it most (quarantine before paused).
    expect(text).toMatch(/\[Fix (Dropbox Business|Tableau Cloud)\]/);

    await pollOnce(a);
    expect(digests()).toHaveLength(1);

    clock = new Date('2026-12-01T09:10:00Z');
    await a.subscriptions.amend(sub.conversationId, (s) => ({ ...s, digest: { ...s.digest!, rerunAskedAt: clock.toISOString() } }));
    await pollOnce(a);
    expect(digests().map((d) => d.kind)).toEqual(['post', 'update']);

    clock = new Date('2026-12-02T09:00:30Z');
    await pollOnce(a);
    expect(digests().map((d) => d.kind)).toEqual(['post', 'update', 'post']);
    const next = cardText(digests()[2].card as never);
    expect(next).toMatch(/Since the last digest none/);
    // Skips that changed nothing ("already up to date") are no problem and not counted.
    expect(next).toMatch(/Skips and failures by cause/);
    expect(next).not.toMatch(/Already up to date/);
  });
});
