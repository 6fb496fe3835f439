import { promises as fs } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BlobStorage } from './blobStorage';
import { createStorage } from './createStorage';
import { fileNameForKey } from './fileStorage';
import { tempDirPerTest } from './tempDir.spec-helper';

const dataDir = tempDirPerTest('create-storage-');

describe('createStorage', () => {
  it('stores items as files under <dataDir>/store when no connection string is set (blank counts as unset)', async () => {
    for (const storageConnectionString of [undefined, '  ']) {
      const storage = createStorage({ dataDir: dataDir(), storageConnectionString });
      await storage.write({ 'audit/t1/index': { entries: [] } });
      expect(await fs.readdir(path.join(dataDir(), 'store'))).toContain(fileNameForKey('audit/t1/index'));
      expect(await createStorage({ dataDir: dataDir() }).createIfAbsent('audit/t1/index', {})).toBe(false);
    }
  });

  it('uses Azure Blob Storage when a connection string is set, in the provisioning-assistant container by default', () => {
    const storageConnectionString = 'UseDevelopmentStorage=true';
    const byDefault = createStorage({ dataDir: dataDir(), storageConnectionString });
    expect(byDefault).toBeInstanceOf(BlobStorage);
    expect((byDefault as BlobStorage).containerName).toBe('provisioning-assistant');
    const named = createStorage({ dataDir: dataDir(), storageConnectionString, storageContainer: 'ops-bot' });
    expect((named as BlobStorage).containerName).toBe('ops-bot');
  });

  it('explains a connection string the Azure SDK cannot use without repeating its secrets', () => {
    const secrets = ['SECRETKEY123', 'SECRETSIG'];
    for (const storageConnectionString of [
      'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=SECRETKEY123',
      'AccountName=acct;AccountKey=SECRETKEY123',
      'BlobEndpoint=not a url SECRETKEY123;SharedAccessSignature=sv=2020&sig=SECRETSIG',
    ]) {
      let err: unknown;
      try {
        createStorage({ dataDir: dataDir(), storageConnectionString });
      } catch (e) {
        err = e;
      }
      expect(err, storageConnectionString).toMatchObject({ code: 'config', message: expect.stringContaining('STORAGE_CONNECTION_STRING') });
      const shown = `${JSON.stringify(err)} ${inspect(err, { depth: 10, showHidden: true })}`;
      for (const secret of secrets) expect(shown, storageConnectionString).not.toContain(secret);
    }
  });
});
