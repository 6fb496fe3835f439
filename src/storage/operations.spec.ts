import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { BotError } from '../errors';
import { FileStorage } from './fileStorage';
import { Operations, type OperationInfo } from './operations';

const T = 'tenant-1';
const info: OperationInfo = {
  verb: 'clearQuarantine',
  actor: { name: 'Ada Admin', aadObjectId: 'aad-1' },
  target: { spId: 'sp-servicenow', jobId: 'job-1' },
};
const at = () => new Date('2025-01-01T10:00:00Z');

describe('Operations', () => {
  it('lets the first click run and shows the second one its state', async () => {
    const ops = new Operations(new MemoryStorage(), at);
    expect(await ops.begin(T, 'op-1', info)).toEqual({ first: true });
    const again = await ops.begin(T, 'op-1', { ...info, actor: { name: 'Bob', aadObjectId: 'aad-2' } });
    expect(again).toEqual({
      first: false,
      existing: { status: 'running', startedAt: '2025-01-01T10:00:00.000Z', ...info },
    });
    expect(await ops.begin('tenant-2', 'op-1', info)).toEqual({ first: true });
  });

  it('lets exactly one of many racing clicks on two instances run', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ops-'));
    try {
      const instances = [new Operations(new FileStorage(dir)), new Operations(new FileStorage(dir))];
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => instances[i % 2].begin(T, 'op-1', info)));
      expect(results.filter((r) => r.first)).toHaveLength(1);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps the outcome once finished, and the first outcome stands', async () => {
    const ops = new Operations(new MemoryStorage(), at);
    await ops.begin(T, 'op-1', info);
    const outcome = { result: 'succeeded' as const, detail: 'Quarantine cleared', finishedAt: '2025-01-01T10:00:05Z', card: { type: 'AdaptiveCard' } };
    await ops.finish(T, 'op-1', outcome);
    await ops.finish(T, 'op-1', { result: 'failed', finishedAt: '2025-01-01T10:00:09Z' });

    expect(await ops.get(T, 'op-1')).toEqual({ status: 'finished', startedAt: '2025-01-01T10:00:00.000Z', ...info, outcome });
    expect(await ops.begin(T, 'op-1', info)).toMatchObject({ first: false, existing: { status: 'finished', outcome } });
  });

  it('answers unknown or unusable ids clearly', async () => {
    const ops = new Operations(new MemoryStorage());
    expect(await ops.get(T, 'never')).toBeUndefined();
    expect(await ops.get(T, '../x/y')).toBeUndefined();
    await expect(ops.finish(T, 'never', { result: 'failed', finishedAt: '2025-01-01T00:00:00Z' })).rejects.toBeInstanceOf(BotError);
    await expect(ops.begin('', 'op-1', info)).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(ops.begin(T, 'a/b', info)).rejects.toMatchObject({ code: 'invalid-input' });
  });
});
