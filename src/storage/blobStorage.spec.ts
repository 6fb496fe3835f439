import { createServer, type AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { azuriteConnectionString, startAzurite, type Azurite } from '../../test/support/azurite';
import { AuditLog, type AuditInput } from './auditLog';
import { BlobStorage, blobNameForKey } from './blobStorage';
import { Operations } from './operations';
import { ODD_KEYS, storageContract } from './storageContract.spec-helper';

let azurite: Azurite;
let containers = 0;

beforeAll(async () => {
  azurite = await startAzurite();
});

afterAll(async () => {
  await azurite?.close();
});

/** Instances over a new, empty container. */
function freshContainer(): { name: string; open: () => BlobStorage } {
  const name = `test-${++containers}`;
  return { name, open: () => new BlobStorage(azurite.connectionString, name) };
}

// Keys BlobsStorage cannot hold, or would put in another key's blob ('a//b' and 'a/' become 'a/b' and 'a').
const UNSTORABLE_KEYS = ['', '.', '..', 'a//b', 'a/', 'dot.', 'x'.repeat(1100), '\uD800'];

describe('BlobStorage as a botbuilder Storage (on Azurite)', () => {
  storageContract({ freshStore: freshContainer, oddKeys: ODD_KEYS });

  it("shares items with botbuilder's BlobsStorage on the same container, in both directions", async () => {
    const { name, open } = freshContainer();
    const ours = open();
    const theirs = new BlobsStorage(azurite.connectionString, name);
    await theirs.write({ 'tenant/José': { by: 'BlobsStorage' } });
    expect(await ours.createIfAbsent('tenant/José', { by: 'us' })).toBe(false);
    expect(await ours.createIfAbsent('tenant/Zoë', { by: 'us' })).toBe(true);

    const seen = await theirs.read(['tenant/José', 'tenant/Zoë']);
    expect(seen['tenant/José'].by).toBe('BlobsStorage');
    expect(seen['tenant/Zoë'].by).toBe('us');
    await theirs.write({ 'tenant/Zoë': { by: 'BlobsStorage again', eTag: seen['tenant/Zoë'].eTag } });
    expect((await ours.read(['tenant/Zoë']))['tenant/Zoë'].by).toBe('BlobsStorage again');
  });

  it("refuses keys that would land on another key's blob, and leaves that blob alone", async () => {
    const storage = freshContainer().open();
    await storage.write({ 'a/b': { v: 1 }, a: { v: 2 } });
    for (const key of UNSTORABLE_KEYS) {
      expect(blobNameForKey(key), key).toBeUndefined();
      await expect(storage.read([key]), key).rejects.toThrow(TypeError);
      await expect(storage.write({ [key]: { v: 9 } }), key).rejects.toThrow('cannot be stored as a distinct blob');
      await expect(storage.createIfAbsent(key, { v: 9 }), key).rejects.toThrow(TypeError);
      await expect(storage.delete([key]), key).rejects.toThrow(TypeError);
    }
    const items = await storage.read(['a/b', 'a']);
    expect([items['a/b'].v, items.a.v]).toEqual([1, 2]);
  });

  it('rejects items that are not objects, writing nothing', async () => {
    const storage = freshContainer().open();
    await expect(storage.write({ k: 'text' as unknown as object })).rejects.toThrow('"k" must be an object');
    await expect(storage.createIfAbsent('k', null as unknown as object)).rejects.toThrow(TypeError);
    expect(await storage.read(['k'])).toEqual({});
  });

  it('works once the blob service is back after being unreachable when first used', async () => {
    // A port nobody listens on: the blob service is down (cheaper than starting Azurite to stop it).
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const storage = new BlobStorage(azuriteConnectionString(port), 'comes-back', {
      storagePipelineOptions: { retryOptions: { maxTries: 1 } },
    });
    await expect(storage.read(['k'])).rejects.toThrow();
    await expect(storage.createIfAbsent('k', { v: 0 })).rejects.toThrow();

    const up = await startAzurite({ port });
    try {
      await storage.write({ k: { v: 1 } });
      expect(await storage.createIfAbsent('other', { v: 2 })).toBe(true);
      expect(await storage.read(['k', 'other'])).toMatchObject({ k: { v: 1 }, other: { v: 2 } });
    } finally {
      await up.close();
    }
  });

  it('keeps the account key out of logs and JSON', () => {
    const storage = freshContainer().open();
    const key = /AccountKey=([^;]+)/.exec(azurite.connectionString)![1];
    expect(JSON.stringify({ storage })).not.toContain(key.slice(0, 20));
    expect(inspect(storage, { depth: 10, showHidden: true })).not.toContain(key.slice(0, 20));
  });
});

describe('AuditLog and Operations over BlobStorage (on Azurite)', () => {
  const T = 'tenant-1';
  const actor = { name: 'Ada Admin', aadObjectId: 'aad-1' };

  it('lands every record in the index when two instances record at once, and reads them back', async () => {
    const { open } = freshContainer();
    const logs = [new AuditLog(open()), new AuditLog(open())];
    const input = (i: number): AuditInput => ({
      tenantId: T,
      actor,
      verb: 'restartJob',
      target: { spId: `sp-${i % 3}` },
      result: 'succeeded',
      operationId: `op-${i}`,
    });
    await Promise.all(Array.from({ length: 12 }, (_, i) => logs[i % 2].record(input(i))));

    const all = await logs[1].latest(T, { limit: 100 });
    expect(all.map((r) => r.operationId).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `op-${i}`).sort());
    expect((await logs[0].latest(T, { targetSpId: 'sp-1' })).map((r) => r.target.spId)).toEqual(['sp-1', 'sp-1', 'sp-1', 'sp-1']);
  });

  it('lets exactly one of many racing clicks on two instances run, and keeps the first outcome', async () => {
    const { open } = freshContainer();
    const instances = [new Operations(open()), new Operations(open())];
    const info = { verb: 'clearQuarantine', actor, target: { spId: 'sp-servicenow', jobId: 'job-1' } };
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => instances[i % 2].begin(T, 'op-1', info)));
    expect(results.filter((r) => r.first)).toHaveLength(1);

    const outcome = { result: 'succeeded' as const, finishedAt: '2025-01-01T10:00:05Z' };
    await instances[0].finish(T, 'op-1', outcome);
    await instances[1].finish(T, 'op-1', { result: 'failed', finishedAt: '2025-01-01T10:00:06Z' });
    expect(await instances[1].get(T, 'op-1')).toMatchObject({ status: 'finished', ...info, outcome });
  });
});
