// A fresh temporary directory for each test of a spec file, removed after the test.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** Registers the hooks; call the returned function inside a test for that test's directory. */
export function tempDirPerTest(prefix: string): () => string {
  let dir = '';
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));
  return () => dir;
}
