// Azure Blob Storage as the bot's storage: botbuilder-azure-blobs' BlobsStorage does read/write/delete (its
// blob names, its eTag → If-Match mapping, its "eTag conflict" error on HTTP 412), and this class adds what
// several bot instances need on top: an atomic create (`If-None-Match: *`) on the very blob BlobsStorage
// would use for the same key.
import { ContainerClient, RestError, type StoragePipelineOptions } from '@azure/storage-blob';
import type { StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey';
import { isETagConflict, type AtomicCreateStorage } from './fileStorage';

export interface BlobStorageOptions {
  /** Passed to the Azure SDK (retries, proxy, keep-alive). */
  storagePipelineOptions?: StoragePipelineOptions;
}

/**
 * Retries sized for a chat turn: the SDK's defaults (4 tries, 4 s apart and growing, no time limit per try)
 * hold every turn half a minute during a storage outage; three quick tries say it in about a second.
 */
export const TURN_RETRIES: NonNullable<StoragePipelineOptions['retryOptions']> = { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1_000, tryTimeoutInMs: 10_000 };

/**
 * The blob BlobsStorage keeps `key` in, or undefined when it cannot keep `key` apart from other keys: it
 * rejects `''`, `'.'` and `'..'`, drops empty path segments (`a//b` and `a/` would land on `a/b` and `a`),
 * and cuts names at 1024 characters; and Azure drops a trailing dot from blob names (`a.` would be `a`).
 */
export function blobNameForKey(key: string): string | undefined {
  let name: string;
  try {
    name = sanitizeBlobKey(key);
    if (name !== encodeURIComponent(key)) return undefined;
  } catch {
    return undefined; // an empty key, or one that is not well-formed UTF-16
  }
  return name.endsWith('.') ? undefined : name;
}

export class BlobStorage implements AtomicCreateStorage {
  // Private fields (#) keep the account key, held by the SDK clients, out of util.inspect and JSON.
  readonly #connectionString: string;
  readonly #options: BlobStorageOptions;
  readonly #container: ContainerClient;
  #blobs: BlobsStorage;
  #containerReady?: Promise<unknown>;

  /** Creates the container on first use. Throws the SDK's error for a connection string it cannot parse. */
  constructor(
    connectionString: string,
    readonly containerName: string,
    options: BlobStorageOptions = {},
  ) {
    this.#connectionString = connectionString;
    this.#options = { ...options, storagePipelineOptions: { retryOptions: TURN_RETRIES, ...options.storagePipelineOptions } };
    this.#container = new ContainerClient(connectionString, containerName, this.#options.storagePipelineOptions);
    this.#blobs = this.newBlobsStorage();
  }

  /** Missing keys are absent from the result. Throws a TypeError for a key this storage cannot hold. */
  async read(keys: string[]): Promise<StoreItems> {
    assertKeys(keys);
    return this.delegate((blobs) => blobs.read(keys));
  }

  /**
   * Writes each item; Azure gives it a new eTag. An item whose `eTag` is set (not empty, not `*`) is written
   * only when the stored blob has that eTag; otherwise the write throws `Storage: error writing "<key>" due to
   * eTag conflict.` (see `isETagConflict`). Throws a TypeError for a key this storage cannot hold or an item
   * that is not an object.
   */
  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new TypeError('BlobStorage.write: changes must be an object');
    assertKeys(Object.keys(changes));
    for (const [key, item] of Object.entries(changes)) {
      if (!item || typeof item !== 'object') throw new TypeError(`BlobStorage.write: the item "${key}" must be an object`);
    }
    return this.delegate((blobs) => blobs.write(changes));
  }

  /** Deleting a missing key is not an error. */
  async delete(keys: string[]): Promise<void> {
    assertKeys(keys);
    return this.delegate((blobs) => blobs.delete(keys));
  }

  /** Writes `value` under `key` unless the key already holds an item. True when this call created it. */
  async createIfAbsent(key: string, value: object): Promise<boolean> {
    assertKeys([key]);
    if (!value || typeof value !== 'object') throw new TypeError(`BlobStorage.createIfAbsent: the item "${key}" must be an object`);
    await this.ensureContainer();
    // Stored as BlobsStorage stores items: the JSON of the item without its eTag.
    const { eTag: _eTag, ...item } = value as { eTag?: unknown };
    const body = JSON.stringify(item);
    try {
      await this.#container
        .getBlockBlobClient(blobNameForKey(key) as string)
        .upload(body, Buffer.byteLength(body), {
          conditions: { ifNoneMatch: '*' },
          blobHTTPHeaders: { blobContentType: 'application/json' },
        });
      return true;
    } catch (err) {
      // 409 BlobAlreadyExists is Azure's answer to If-None-Match: * on an existing blob; 412 is the HTTP one.
      if (err instanceof RestError && (err.statusCode === 409 || err.statusCode === 412)) return false;
      throw err;
    }
  }

  private ensureContainer(): Promise<unknown> {
    this.#containerReady ??= this.#container.createIfNotExists().catch((err: unknown) => {
      this.#containerReady = undefined; // let the next call try again
      throw err;
    });
    return this.#containerReady;
  }

  /**
   * A BlobsStorage checks its container once and keeps a failed check forever, so one outage at start-up
   * would break it for good: after any error other than a conflict, the next call gets a fresh one.
   */
  private async delegate<T>(call: (blobs: BlobsStorage) => Promise<T>): Promise<T> {
    const blobs = this.#blobs;
    try {
      return await call(blobs);
    } catch (err) {
      if (!isETagConflict(err) && this.#blobs === blobs) this.#blobs = this.newBlobsStorage();
      throw err;
    }
  }

  private newBlobsStorage(): BlobsStorage {
    return new BlobsStorage(this.#connectionString, this.containerName, this.#options);
  }
}

function assertKeys(keys: unknown): asserts keys is string[] {
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string')) {
    throw new TypeError('BlobStorage: keys must be an array of strings');
  }
  const bad = keys.find((k) => blobNameForKey(k) === undefined);
  if (bad !== undefined) {
    throw new TypeError(
      `BlobStorage: the key ${JSON.stringify(bad)} cannot be stored as a distinct blob (it is empty, ends with ".", has an empty "/" segment or is too long)`,
    );
  }
}
