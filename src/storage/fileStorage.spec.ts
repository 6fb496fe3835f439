import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { MemoryStorage } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIfAbsent, FileStorage, fileNameForKey, isETagConflict } from './fileStorage';
import { ODD_KEYS, storageContract } from './storageContract.spec-helper';

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'filestorage-'));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

// Every storage's odd keys, and those BlobsStorage cannot hold but a file name made from the key can.
const FILE_KEYS = [...ODD_KEYS, '..', '.', ''];

describe('FileStorage as a botbuilder Storage', () => {
  // A directory that does not exist yet: the storage creates it on its first write.
  storageContract({ freshStore: () => ({ open: () => new FileStorage(path.join(dir, 'nested', '.data')) }), oddKeys: FILE_KEYS });

  it('keeps awkward keys safe inside its directory, one short file name each', async () => {
    const storage = new FileStorage(path.join(dir, 'store'));
    await storage.write(Object.fromEntries(FILE_KEYS.map((key, i) => [key, { i }])));

    expect(await fs.readdir(dir)).toEqual(['store']);
    const files = await fs.readdir(path.join(dir, 'store'));
    expect(files).toHaveLength(FILE_KEYS.length);
    for (const file of files) expect(file.length).toBeLessThanOrEqual(255);
  });

  it('throws a clear error for an item file that is not JSON', async () => {
    const storage = new FileStorage(dir);
    await fs.writeFile(path.join(dir, fileNameForKey('k')), '{broken');
    await expect(storage.read(['k'])).rejects.toThrow('"k"');
  });
});

describe('FileStorage under concurrency', () => {
  it('loses no increment when two processes race on one directory', async () => {
    // fileStorage.ts needs only Node built-ins at run time, so its plain transpilation runs in a child process.
    const source = await fs.readFile(path.join(__dirname, 'fileStorage.ts'), 'utf8');
    const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
    const moduleFile = path.join(dir, 'fileStorage.cjs');
    await fs.writeFile(moduleFile, compiled.outputText);
    const worker = `
      const { FileStorage, createIfAbsent, isETagConflict } = require(${JSON.stringify(moduleFile)});
      const storage = new FileStorage(${JSON.stringify(path.join(dir, 'store'))});
      (async () => {
        for (let done = 0; done < 10; ) {
          const current = (await storage.read(['counter'])).counter;
          try {
            if (current) await storage.write({ counter: { n: current.n + 1, eTag: current.eTag } });
            else if (!(await createIfAbsent(storage, 'counter', { n: 1 }))) continue;
            done++;
          } catch (err) {
            if (!isETagConflict(err)) throw err;
          }
        }
      })().catch((err) => { console.error(err); process.exit(1); });`;
    const run = promisify(execFile);
    await Promise.all([run(process.execPath, ['-e', worker]), run(process.execPath, ['-e', worker])]);
    expect((await new FileStorage(path.join(dir, 'store')).read(['counter'])).counter.n).toBe(20);
  });

  it('recovers the lock a crashed writer left behind', async () => {
    const storage = new FileStorage(dir, { staleLockMs: 1000 });
    const lock = path.join(dir, `${fileNameForKey('k')}.lock`);
    await fs.writeFile(lock, 'crashed-writer');
    const longAgo = new Date(Date.now() - 60_000);
    await fs.utimes(lock, longAgo, longAgo);

    await storage.write({ k: { v: 1 } });
    expect((await storage.read(['k'])).k.v).toBe(1);
    await expect(fs.access(lock)).rejects.toThrow();
  });

  it('makes a writer wait while another holds the lock', async () => {
    const storage = new FileStorage(dir, { staleLockMs: 60_000 });
    const lock = path.join(dir, `${fileNameForKey('k')}.lock`);
    await fs.writeFile(lock, 'live-writer');

    let done = false;
    const writing = storage.write({ k: { v: 1 } }).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(done).toBe(false);
    expect(await storage.read(['k'])).toEqual({});

    await fs.rm(lock);
    await writing;
    expect((await storage.read(['k'])).k.v).toBe(1);
  });
});

describe('createIfAbsent', () => {
  it('creates once and then reports the item is there, on any botbuilder Storage', async () => {
    for (const storage of [new FileStorage(dir), new MemoryStorage()]) {
      expect(await createIfAbsent(storage, 'k', { v: 1 })).toBe(true);
      expect(await createIfAbsent(storage, 'k', { v: 2 })).toBe(false);
      expect((await storage.read(['k'])).k.v).toBe(1);
    }
  });
});

describe('isETagConflict', () => {
  it("recognises FileStorage's, MemoryStorage's and BlobsStorage's conflicts and nothing else", async () => {
    const memory = new MemoryStorage();
    await memory.write({ k: { v: 1 } });
    await memory.write({ k: { v: 2 } });
    const memoryErr = await memory.write({ k: { v: 3, eTag: '1' } }).catch((e: unknown) => e);
    expect(isETagConflict(memoryErr)).toBe(true);

    const file = new FileStorage(dir);
    const fileErr = await file.write({ k: { v: 1, eTag: 'stale' } }).catch((e: unknown) => e);
    expect(isETagConflict(fileErr)).toBe(true);
    expect((fileErr as { code?: string }).code).toBe('ETAG_CONFLICT');

    expect(isETagConflict(new Error('Storage: error writing "k" due to eTag conflict.'))).toBe(true);
    expect(isETagConflict(Object.assign(new Error('The condition specified was not met'), { statusCode: 412 }))).toBe(true);

    expect(isETagConflict(new Error('ENOENT: no such file'))).toBe(false);
    expect(isETagConflict(Object.assign(new Error('Not found'), { statusCode: 404 }))).toBe(false);
    expect(isETagConflict(undefined)).toBe(false);
    expect(isETagConflict('eTag conflict')).toBe(false);
  });
});
