// Read-modify-write of one storage item that two bot instances may race on: the write carries the eTag that
// was read (or is an atomic create when nothing was there), and a conflict means "someone else won; re-read".
import type { Storage } from 'botbuilder';
import { createIfAbsent, isETagConflict } from './fileStorage';

export type StoredItem<T> = T & { eTag?: string };

export interface UpdateOptions {
  /** Attempts before giving up under contention. Default 50. */
  attempts?: number;
}

/**
 * Applies `change` to the item at `key` until the write lands. `change` receives the current item (undefined
 * when absent) and returns the next one, or undefined to leave the item as it is. It may run several times,
 * so it must be free of side effects. Resolves to the item as written (or left). Throws when the item stays
 * contended for `attempts` rounds, or on any storage error that is not a conflict.
 */
export async function updateItem<T extends object>(
  storage: Storage,
  key: string,
  change: (current: StoredItem<T> | undefined) => T | undefined,
  options: UpdateOptions = {},
): Promise<T | undefined> {
  const attempts = options.attempts ?? 50;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const current = (await storage.read([key]))[key] as StoredItem<T> | undefined;
    const next = change(current);
    if (next === undefined) return current;
    if (current === undefined) {
      if (await createIfAbsent(storage, key, next)) return next;
    } else {
      try {
        // A stored item without an eTag (a storage that has none) is overwritten, as botbuilder does.
        await storage.write({ [key]: { ...next, eTag: current.eTag ?? '*' } });
        return next;
      } catch (err) {
        if (!isETagConflict(err)) throw err;
      }
    }
    // Jitter spreads the losers out so the next round is not the same pile-up.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(5 * attempt, 50)));
  }
  throw new Error(`Storage: gave up updating "${key}" after ${attempts} conflicting attempts`);
}
