import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { BotError } from '../errors';
import { AuditLog, type AuditInput } from './auditLog';
import { FileStorage } from './fileStorage';

const DAY = 24 * 60 * 60 * 1000;
const T = '11111111-2222-3333-4444-555555555555';

function input(overrides: Partial<AuditInput> = {}): AuditInput {
  return {
    tenantId: T,
    actor: { name: 'Ada Admin', aadObjectId: 'aad-1' },
    verb: 'restartProvisioning',
    target: { spId: 'sp-servicenow', jobId: 'job-1', appName: 'ServiceNow' },
    result: 'succeeded',
    operationId: 'op-1',
    ...overrides,
  };
}

/** A clock the test moves by hand. */
function clock(start = Date.parse('2025-01-01T00:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

describe('AuditLog', () => {
  it('returns records newest first, as recorded', async () => {
    const time = clock();
    const log = new AuditLog(new MemoryStorage(), { now: time.now });
    await log.record(input({ operationId: 'op-1' }));
    time.advance(1000);
    await log.record(input({ operationId: 'op-2', result: 'failed', detail: 'Graph said 403', graphRequestId: 'req-9' }));
    time.advance(1000);
    await log.record(input({ operationId: 'op-3', result: 'no-change' }));

    const latest = await log.latest(T);
    expect(latest.map((r) => r.operationId)).toEqual(['op-3', 'op-2', 'op-1']);
    expect(latest[1]).toEqual({
      id: expect.any(String),
      tenantId: T,
      at: '2025-01-01T00:00:01.000Z',
      actor: { name: 'Ada Admin', aadObjectId: 'aad-1' },
      verb: 'restartProvisioning',
      target: { spId: 'sp-servicenow', jobId: 'job-1', appName: 'ServiceNow' },
      result: 'failed',
      detail: 'Graph said 403',
      graphRequestId: 'req-9',
      operationId: 'op-2',
    });
  });

  it('filters by verb and service principal and honours the limit', async () => {
    const time = clock();
    const log = new AuditLog(new MemoryStorage(), { now: time.now });
    const plan: Array<[string, string]> = [
      ['restartProvisioning', 'sp-a'],
      ['clearQuarantine', 'sp-a'],
      ['restartProvisioning', 'sp-b'],
      ['restartProvisioning', 'sp-a'],
    ];
    for (const [i, [verb, spId]] of plan.entries()) {
      await log.record(input({ verb, target: { spId }, operationId: `op-${i}` }));
      time.advance(1000);
    }

    expect((await log.latest(T, { verb: 'restartProvisioning' })).map((r) => r.operationId)).toEqual(['op-3', 'op-2', 'op-0']);
    expect((await log.latest(T, { targetSpId: 'sp-a' })).map((r) => r.operationId)).toEqual(['op-3', 'op-1', 'op-0']);
    expect((await log.latest(T, { verb: 'restartProvisioning', targetSpId: 'sp-a', limit: 1 })).map((r) => r.operationId)).toEqual(['op-3']);
    expect(await log.latest(T, { verb: 'startProvisioning' })).toEqual([]);
    expect(await log.latest('another-tenant')).toEqual([]);
  });

  it('prunes and deletes records past retention', async () => {
    const time = clock();
    const storage = new MemoryStorage();
    const log = new AuditLog(storage, { now: time.now });
    const old = await log.record(input({ operationId: 'old' }));
    time.advance(91 * DAY);
    await log.record(input({ operationId: 'new' }));

    expect((await log.latest(T)).map((r) => r.operationId)).toEqual(['new']);
    expect(await storage.read([`audit/${T}/${old.id}`])).toEqual({});
  });

  it('keeps at least 90 days even when asked for less, and longer when asked', async () => {
    const time = clock();
    const short = new AuditLog(new MemoryStorage(), { now: time.now, retentionDays: 7 });
    const long = new AuditLog(new MemoryStorage(), { now: time.now, retentionDays: 365 });
    for (const log of [short, long]) await log.record(input({ operationId: 'first' }));

    time.advance(60 * DAY);
    for (const log of [short, long]) await log.record(input({ operationId: 'second' }));
    expect((await short.latest(T)).map((r) => r.operationId)).toEqual(['second', 'first']);

    time.advance(60 * DAY);
    expect((await short.latest(T)).map((r) => r.operationId)).toEqual(['second']);
    expect((await long.latest(T)).map((r) => r.operationId)).toEqual(['second', 'first']);
  });

  it('lands every record in the index when two instances record at once', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'audit-'));
    try {
      const logs = [new AuditLog(new FileStorage(dir)), new AuditLog(new FileStorage(dir))];
      await Promise.all(Array.from({ length: 20 }, (_, i) => logs[i % 2].record(input({ operationId: `op-${i}` }))));
      const ids = (await logs[0].latest(T, { limit: 100 })).map((r) => r.operationId);
      expect(ids.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `op-${i}`).sort());
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('stores only audit fields, with secrets scrubbed from the detail', async () => {
    const storage = new MemoryStorage();
    const log = new AuditLog(storage);
    const sneaky = {
      ...input({ detail: 'call failed: Authorization: Bearer abc.def.ghi' }),
      accessToken: 'eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl',
      target: { spId: 'sp-a', clientSecret: 'hunter2' },
    } as AuditInput;
    const stored = await log.record(sneaky);

    const raw = JSON.stringify(await storage.read([`audit/${T}/${stored.id}`]));
    expect(raw).not.toContain('eyJhbGciOi');
    expect(raw).not.toContain('hunter2');
    expect(raw).not.toContain('abc.def.ghi');
    expect(stored.target).toEqual({ spId: 'sp-a' });
  });

  it('refuses a record it could not file, with an invalid-input error', async () => {
    const log = new AuditLog(new MemoryStorage());
    for (const bad of [input({ tenantId: '' }), input({ tenantId: 'a/b' }), input({ operationId: '' }), input({ result: 'maybe' as 'failed' })]) {
      const err = await log.record(bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BotError);
      expect((err as BotError).code).toBe('invalid-input');
    }
    expect(await log.latest('a/b')).toEqual([]);
  });
});
