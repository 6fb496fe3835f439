// Picks the bot's storage from its configuration: Azure Blob Storage when a connection string is set (several
// instances can share it), otherwise files under the data directory (one machine).
import path from 'node:path';
import { BotError } from '../errors';
import { redactSecrets } from '../log';
import { BlobStorage } from './blobStorage';
import { FileStorage, type AtomicCreateStorage } from './fileStorage';

export interface StorageSettings {
  dataDir: string;
  /** Holds the account key: it never appears in an error this module throws. Blank means unset. */
  storageConnectionString?: string;
  /** Default `provisioning-assistant`. */
  storageContainer?: string;
}

export const DEFAULT_STORAGE_CONTAINER = 'provisioning-assistant';

/**
 * FileStorage under `<dataDir>/store`, or BlobStorage when `storageConnectionString` is set. Throws a
 * BotError('config') when the SDK cannot use the connection string.
 */
export function createStorage(settings: StorageSettings): AtomicCreateStorage {
  const connectionString = settings.storageConnectionString?.trim();
  if (!connectionString) return new FileStorage(path.join(settings.dataDir, 'store'));
  const container = settings.storageContainer?.trim() || DEFAULT_STORAGE_CONTAINER;
  try {
    return new BlobStorage(connectionString, container);
  } catch (err) {
    // A fresh error without `cause`: the SDK's may carry the whole string (Node's invalid-URL error keeps it in `input`).
    const reason = err instanceof Error ? redactSecrets(err.message) : 'unknown error';
    throw new BotError('config', `STORAGE_CONNECTION_STRING cannot be used for Azure Blob Storage: ${reason}`);
  }
}
