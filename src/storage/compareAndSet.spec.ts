import { MemoryStorage } from 'botbuilder';
import type { Storage } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { updateItem } from './compareAndSet';
import { FileStorage } from './fileStorage';
import { tempDirPerTest } from './tempDir.spec-helper';

const dir = tempDirPerTest('cas-');

describe('updateItem', () => {
  it('applies every one of many racing updates from two instances exactly once', async () => {
    const stores = [new FileStorage(dir()), new FileStorage(dir())];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        updateItem<{ seen: number[] }>(stores[i % 2], 'list', (current) => ({ seen: [...(current?.seen ?? []), i] })),
      ),
    );
    const { seen } = (await stores[0].read(['list'])).list as { seen: number[] };
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('leaves the item alone when the change returns undefined', async () => {
    const storage = new MemoryStorage();
    await storage.write({ k: { v: 1 } });
    const before = (await storage.read(['k'])).k;
    const result = await updateItem<{ v: number }>(storage, 'k', () => undefined);
    expect(result).toEqual(before);
    expect((await storage.read(['k'])).k.eTag).toBe(before.eTag);
  });

  it('gives up with a clear error when every write conflicts, and passes other errors through', async () => {
    const conflicted: Storage = {
      read: async () => ({ k: { v: 1, eTag: '1' } }),
      write: async () => {
        throw new Error('Storage: error writing "k" due to eTag conflict.');
      },
      delete: async () => undefined,
    };
    await expect(updateItem(conflicted, 'k', () => ({ v: 2 }), { attempts: 3 })).rejects.toThrow(/gave up .*"k".* 3/);

    const broken: Storage = { ...conflicted, write: async () => Promise.reject(new Error('disk full')) };
    await expect(updateItem(broken, 'k', () => ({ v: 2 }))).rejects.toThrow('disk full');
  });
});
