// A Storage reads a set of keys into an object keyed by them; most callers want the items that exist, in order.
import type { Storage } from 'botbuilder';
import type { StoredItem } from './compareAndSet';

/** The items at `keys` that exist, in the order of `keys`: one read, and none at all for no keys. */
export async function readItems<T extends object>(storage: Storage, keys: readonly string[]): Promise<Array<StoredItem<T>>> {
  if (keys.length === 0) return [];
  const items = await storage.read([...keys]);
  return keys.flatMap((key) => (items[key] === undefined ? [] : [items[key] as StoredItem<T>]));
}
