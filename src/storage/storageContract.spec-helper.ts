// The botbuilder Storage contract the bot relies on, plus its atomic create, as vitest cases that any of our
// storages must pass: each storage's spec calls `storageContract` inside its own describe.
import { expect, it } from 'vitest';
import { updateItem } from './compareAndSet';
import { isETagConflict, type AtomicCreateStorage } from './fileStorage';

const long = 'x'.repeat(499);

/** Keys every storage must store safely and keep apart; a storage's spec adds the ones only it can hold. */
export const ODD_KEYS = [
  'audit/t1/index',
  'audit%2Ft1%2Findex',
  '../../escape',
  '..\\..\\escape',
  '/leading',
  'José/日本語/🙂',
  'Jane',
  'jane',
  'a?b#c&d=e f+g',
  'conversations/19:abc@thread.tacv2;messageid=1',
  `${long}a`,
  `${long}b`,
];

export interface ContractStore {
  /** An instance over the store; calling it again gives another instance, as a second bot instance would. */
  open(): AtomicCreateStorage;
}

export interface ContractOptions {
  /** A new, empty store for one test. */
  freshStore: () => ContractStore | Promise<ContractStore>;
  /** Keys that must be stored safely and kept apart from each other. */
  oddKeys: string[];
}

export function storageContract({ freshStore, oddKeys }: ContractOptions): void {
  it('reads missing keys as absent', async () => {
    const storage = (await freshStore()).open();
    expect(await storage.read(['nope', 'also/nope'])).toEqual({});
    await storage.write({ k: { v: 1 } });
    expect(await storage.read(['k', 'nope'])).toEqual({ k: { v: 1, eTag: expect.any(String) } });
  });

  it('round-trips items and gives each write a new eTag', async () => {
    const storage = (await freshStore()).open();
    await storage.write({ a: { name: 'José', tags: ['x'], nested: { n: 1 } }, b: { n: 2 } });
    const first = await storage.read(['a', 'b']);
    expect(first.a).toMatchObject({ name: 'José', tags: ['x'], nested: { n: 1 } });
    expect(first.b).toMatchObject({ n: 2 });
    expect(first.a.eTag).not.toBe(first.b.eTag);

    await storage.write({ a: { ...first.a, name: 'john' } });
    const second = await storage.read(['a']);
    expect(second.a.name).toBe('john');
    expect(second.a.eTag).not.toBe(first.a.eTag);
  });

  it('rejects a write carrying a stale eTag and keeps the stored item', async () => {
    const storage = (await freshStore()).open();
    await storage.write({ k: { v: 1 } });
    const stale = (await storage.read(['k'])).k.eTag;
    await storage.write({ k: { v: 2, eTag: stale } });

    const err = await storage.write({ k: { v: 3, eTag: stale } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('eTag conflict');
    expect(isETagConflict(err)).toBe(true);
    expect((await storage.read(['k'])).k.v).toBe(2);
  });

  it('rejects an eTag other than * for a key that holds nothing', async () => {
    const storage = (await freshStore()).open();
    const err = await storage.write({ k: { v: 1, eTag: 'made-up' } }).catch((e: unknown) => e);
    expect(isETagConflict(err)).toBe(true);
    expect(await storage.read(['k'])).toEqual({});
  });

  it('overwrites regardless of the stored eTag when the eTag is * or missing', async () => {
    const storage = (await freshStore()).open();
    await storage.write({ k: { v: 1 } });
    await storage.write({ k: { v: 2, eTag: '*' } });
    expect((await storage.read(['k'])).k.v).toBe(2);
    await storage.write({ k: { v: 3 } });
    expect((await storage.read(['k'])).k.v).toBe(3);
  });

  it('deletes items, and deleting a missing key is not an error', async () => {
    const storage = (await freshStore()).open();
    await storage.write({ a: { v: 1 }, b: { v: 2 } });
    await storage.delete(['a', 'never-there']);
    expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['b']);
  });

  it('keeps awkward keys distinct, and every operation finds the item the others made', async () => {
    const storage = (await freshStore()).open();
    const [created, written] = [oddKeys.filter((_, i) => i % 2 === 0), oddKeys.filter((_, i) => i % 2 === 1)];
    for (const key of created) expect(await storage.createIfAbsent(key, { key }), key).toBe(true);
    await storage.write(Object.fromEntries(written.map((key) => [key, { key }])));

    const read = await storage.read(oddKeys);
    for (const key of oddKeys) expect(read[key]?.key, key).toBe(key);
    for (const key of oddKeys) expect(await storage.createIfAbsent(key, { key: 'again' }), key).toBe(false);
    await storage.write(Object.fromEntries(oddKeys.map((key) => [key, { key: `${key}!`, eTag: read[key].eTag }])));
    const updated = await storage.read(oddKeys);
    expect(oddKeys.map((key) => updated[key]?.key)).toEqual(oddKeys.map((key) => `${key}!`));

    await storage.delete(created);
    expect(Object.keys(await storage.read(oddKeys)).sort()).toEqual([...written].sort());
  });

  it('creates an item once with createIfAbsent, then reports it is there', async () => {
    const storage = (await freshStore()).open();
    expect(await storage.createIfAbsent('k', { v: 1, eTag: 'ignored' })).toBe(true);
    expect(await storage.createIfAbsent('k', { v: 2 })).toBe(false);
    const item = (await storage.read(['k'])).k;
    expect(item).toEqual({ v: 1, eTag: expect.any(String) });
    expect(item.eTag).not.toBe('ignored');
  });

  it('lets exactly one of 10 racing createIfAbsent calls from two instances create the item', async () => {
    const store = await freshStore();
    const instances = [store.open(), store.open()];
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => instances[i % 2].createIfAbsent('op', { winner: i })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await instances[0].read(['op'])).op.winner).toBe(results.indexOf(true));
  });

  it('loses no increment when two instances race 20 compare-and-set updates', async () => {
    const store = await freshStore();
    const instances = [store.open(), store.open()];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        updateItem<{ n: number }>(instances[i % 2], 'counter', (current) => ({ n: (current?.n ?? 0) + 1 })),
      ),
    );
    expect((await instances[1].read(['counter'])).counter.n).toBe(20);
  });
}
