// A botbuilder `Storage` over a directory: one JSON file per key, written atomically (temp file + rename),
// with eTag compare-and-set that holds across instances and processes sharing the directory.
//
// On disk, key K lives in `fileNameForKey(K)` (`*.json`); a writer holds `<that>.lock` (created with `wx`)
// while it compares and replaces the file. Temp files end in `.tmp`. Readers take no lock: a rename is atomic,
// so a reader sees either the old or the new file, never half of one.
import { createHash, randomUUID } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';

export interface FileStorageOptions {
  /** A lock file older than this is taken to belong to a crashed writer and is broken. Default 5000 ms. */
  staleLockMs?: number;
}

/** A storage that can create an item only when its key is absent, atomically. */
export interface AtomicCreateStorage extends Storage {
  createIfAbsent(key: string, value: object): Promise<boolean>;
}

export class ETagConflictError extends Error {
  readonly code = 'ETAG_CONFLICT';
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

const MAX_PLAIN_NAME = 120;
/** What each UTF-8 byte of a key becomes in a file name (a table: the alert poller names thousands a cycle). */
const BYTE_NAMES = Array.from({ length: 256 }, (_, byte) => {
  const ch = String.fromCharCode(byte);
  return /[a-z0-9_-]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
});

/**
 * The file name that holds `key`. Only `[a-z0-9_-]` pass through; every other UTF-8 byte, upper-case letters
 * included (so keys differing in case stay distinct on case-insensitive file systems), becomes `%XX`. No dot
 * survives, so no name can be `.`/`..` or carry a separator. Long names are cut and suffixed with a hash of
 * the whole key after a `~`, a character plain names never contain.
 */
export function fileNameForKey(key: string): string {
  let plain = '';
  for (const byte of Buffer.from(key, 'utf8')) plain += BYTE_NAMES[byte];
  if (plain.length > MAX_PLAIN_NAME) {
    plain = `${plain.slice(0, 60)}~${createHash('sha256').update(key, 'utf8').digest('hex')}`;
  }
  return `${plain}.json`;
}

export class FileStorage implements AtomicCreateStorage {
  private readonly staleLockMs: number;

  /** @param dir the directory that holds the items; created on the first write. */
  constructor(
    readonly dir: string,
    options: FileStorageOptions = {},
  ) {
    this.staleLockMs = options.staleLockMs ?? 5000;
  }

  /** Missing keys are absent from the result. Throws on a file that is not valid JSON (a damaged store). */
  async read(keys: string[]): Promise<StoreItems> {
    assertKeys(keys);
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const item = await this.readFile(key);
        if (item) items[key] = item;
      }),
    );
    return items;
  }

  /**
   * Writes each item with a fresh eTag. An item whose `eTag` is set (not empty, not `*`) is written only when the stored
   * item has that eTag; otherwise the write throws an `ETagConflictError`. Other items are still attempted.
   */
  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new TypeError('FileStorage.write: changes must be an object');
    await this.settleAll(
      Object.entries(changes).map(([key, item]) =>
        this.withLock(key, async () => {
          const expected = (item as { eTag?: unknown } | null)?.eTag;
          // As in botbuilder, an empty or `*` eTag means "no condition".
          if (typeof expected === 'string' && expected !== '' && expected !== '*') {
            const current = await this.readFile(key);
            if (current?.eTag !== expected) throw new ETagConflictError(key);
          }
          await this.replaceFile(key, item);
        }),
      ),
    );
  }

  async delete(keys: string[]): Promise<void> {
    assertKeys(keys);
    await this.settleAll(keys.map((key) => this.withLock(key, () => removeIfPresent(this.filePath(key)))));
  }

  /** Writes `value` under `key` unless the key already holds an item. True when this call created it. */
  async createIfAbsent(key: string, value: object): Promise<boolean> {
    assertKeys([key]);
    return this.withLock(key, async () => {
      if (await this.readFile(key)) return false;
      await this.replaceFile(key, value);
      return true;
    });
  }

  private filePath(key: string): string {
    return path.join(this.dir, fileNameForKey(key));
  }

  private async readFile(key: string): Promise<Record<string, unknown> | undefined> {
    let text: string;
    try {
      // Items are small JSON files on a local disk: a synchronous read takes microseconds, where the promise
      // API's open/stat/read/close hops cost about fifteen times the CPU on every turn.
      text = readFileSync(this.filePath(key), 'utf8');
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return undefined;
      throw err;
    }
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new Error(`FileStorage: the item "${key}" in ${this.dir} is not valid JSON`);
    }
  }

  private async replaceFile(key: string, item: unknown): Promise<void> {
    if (!item || typeof item !== 'object') throw new TypeError(`FileStorage.write: the item "${key}" must be an object`);
    await fs.mkdir(this.dir, { recursive: true });
    const target = this.filePath(key);
    const temp = `${target}.${randomUUID()}.tmp`;
    await fs.writeFile(temp, JSON.stringify({ ...item, eTag: randomUUID() }), 'utf8');
    try {
      await fs.rename(temp, target);
    } catch (err) {
      await removeIfPresent(temp);
      throw err;
    }
  }

  /** Runs every task to its end, then throws the first failure, so no write is still running when we throw. */
  private async settleAll(tasks: Array<Promise<unknown>>): Promise<void> {
    const failed = (await Promise.allSettled(tasks)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async withLock<T>(key: string, critical: () => Promise<T>): Promise<T> {
    await fs.mkdir(this.dir, { recursive: true });
    const lock = `${this.filePath(key)}.lock`;
    const token = randomUUID();
    await this.acquire(lock, token);
    try {
      return await critical();
    } finally {
      await releaseIfOurs(lock, token);
    }
  }

  private async acquire(lock: string, token: string): Promise<void> {
    const giveUpAt = Date.now() + Math.max(30_000, this.staleLockMs * 3);
    for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
      try {
        await fs.writeFile(lock, token, { flag: 'wx' });
        return;
      } catch (err) {
        if (errorCode(err) !== 'EEXIST') throw err;
      }
      await this.breakIfStale(lock);
      if (Date.now() > giveUpAt) throw new Error(`FileStorage: timed out waiting for the lock ${lock}`);
      await sleep(wait / 2 + Math.random() * wait);
    }
  }

  /**
   * Removes a crashed writer's lock. Breakers take their own `wx` lock and look again before removing, so one
   * that saw the old stale lock cannot remove the fresh lock a faster breaker's successor has since taken.
   */
  private async breakIfStale(lock: string): Promise<void> {
    if (!(await this.isStale(lock))) return;
    const breaker = `${lock}.break`;
    try {
      await fs.writeFile(breaker, '', { flag: 'wx' });
    } catch (err) {
      if (errorCode(err) !== 'EEXIST') throw err;
      // A breaker is held for a moment only; an old one means a process died mid-break.
      if (await this.isStale(breaker)) await removeIfPresent(breaker);
      return;
    }
    try {
      if (await this.isStale(lock)) await removeIfPresent(lock);
    } finally {
      await removeIfPresent(breaker);
    }
  }

  private async isStale(file: string): Promise<boolean> {
    try {
      return Date.now() - (await fs.stat(file)).mtimeMs > this.staleLockMs;
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return false;
      throw err;
    }
  }
}

/**
 * Creates `key` only when absent. True when this call created it. Uses the storage's own atomic create when it
 * has one (FileStorage does; a Blob adapter would use `ifNoneMatch: '*'`).
 */
export async function createIfAbsent(storage: Storage, key: string, value: object): Promise<boolean> {
  if (hasAtomicCreate(storage)) return storage.createIfAbsent(key, value);
  // Read-then-write is NOT safe against a concurrent writer; this path exists for botbuilder's MemoryStorage in
  // tests only. A botbuilder eTag cannot express "absent" portably (MemoryStorage writes any eTag to a new key).
  const existing = await storage.read([key]);
  if (existing[key] !== undefined) return false;
  const { eTag: _ignored, ...item } = value as { eTag?: unknown };
  await storage.write({ [key]: item });
  return true;
}

/** Recognises an eTag conflict from FileStorage, botbuilder's MemoryStorage or BlobsStorage (HTTP 412). */
export function isETagConflict(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, statusCode, message } = err as { code?: unknown; statusCode?: unknown; message?: unknown };
  return code === 'ETAG_CONFLICT' || statusCode === 412 || (typeof message === 'string' && /etag conflict/i.test(message));
}

export function hasAtomicCreate(storage: Storage): storage is AtomicCreateStorage {
  return typeof (storage as Partial<AtomicCreateStorage>).createIfAbsent === 'function';
}

function assertKeys(keys: unknown): asserts keys is string[] {
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string')) {
    throw new TypeError('FileStorage: keys must be an array of strings');
  }
}

async function releaseIfOurs(lock: string, token: string): Promise<void> {
  // If our lock was broken as stale and someone else holds it now, it is theirs to remove.
  const holder = await fs.readFile(lock, 'utf8').catch(() => undefined);
  if (holder === token) await removeIfPresent(lock);
}

async function removeIfPresent(file: string): Promise<void> {
  await fs.rm(file, { force: true });
}

function errorCode(err: unknown): unknown {
  return (err as { code?: unknown } | null)?.code;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
