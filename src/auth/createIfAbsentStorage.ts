// Sign-in's token-exchange de-duplication needs storage where the first write of a new key succeeds.
//
// Teams sends `signin/tokenExchange` from every client the user has open; botbuilder's
// TeamsSSOTokenExchangeMiddleware (which teams-ai's OAuthBotAuthentication installs) lets only one through by
// writing `{ eTag: value.id }` under `${channelId}/${conversation.id}/${value.id}`: the first write should
// succeed and every later one fail with an eTag conflict. MemoryStorage behaves so, but BlobsStorage (If-Match
// on a missing blob → 412) and FileStorage reject even the first write, so every exchange is dropped and
// sign-in never completes (microsoft/teams-sdk #1457, #1897). This wrapper turns a conditional write that
// fails because the key does not exist yet into an atomic create-if-absent.
import type { Storage, StoreItems } from 'botbuilder';
import { createIfAbsent, hasAtomicCreate, isETagConflict, type AtomicCreateStorage } from '../storage/fileStorage';

export class CreateIfAbsentStorage implements AtomicCreateStorage {
  constructor(private readonly inner: Storage) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.inner.read(keys);
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }

  /** The inner storage's atomic create (for Operations and the audit log sharing this storage). */
  createIfAbsent(key: string, value: object): Promise<boolean> {
    return createIfAbsent(this.inner, key, value);
  }

  /**
   * Writes as the inner storage does, except that an item with an `eTag` (not empty, not `*`) whose key does not
   * exist yet is created. Every item is attempted; the first failure is thrown afterwards.
   */
  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') return this.inner.write(changes);
    const plain: StoreItems = {};
    const conditional: Array<[string, object]> = [];
    for (const [key, item] of Object.entries(changes)) {
      if (hasCondition(item)) conditional.push([key, item]);
      else plain[key] = item;
    }
    const tasks = conditional.map(([key, item]) => this.writeConditional(key, item));
    if (Object.keys(plain).length) tasks.push(this.inner.write(plain));
    const failed = (await Promise.allSettled(tasks)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async writeConditional(key: string, item: object): Promise<void> {
    try {
      await this.inner.write({ [key]: item });
    } catch (err) {
      // Only a storage with an atomic create can tell "absent" from "changed" without a race; MemoryStorage,
      // the only botbuilder storage without one here, already accepts the first write.
      if (!isETagConflict(err) || !hasAtomicCreate(this.inner)) throw err;
      if (!(await this.inner.createIfAbsent(key, item))) throw err;
    }
  }
}

function hasCondition(item: unknown): item is object {
  const eTag = (item as { eTag?: unknown } | null)?.eTag;
  return typeof eTag === 'string' && eTag !== '' && eTag !== '*';
}

