import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkHealth } from './health';
import { FileStorage } from './storage/fileStorage';

describe('checkHealth', () => {
  let graph: Server;
  let graphUrl: string;
  beforeAll(async () => {
    // Like Microsoft Graph without a token: an answer, if not a welcome one.
    // Two calls, not writeHead(…).end(…): restify, loaded by other specs in the same worker, makes writeHead return nothing.
    graph = createServer((_req, res) => {
      res.writeHead(401);
      res.end('{"error":{"code":"InvalidAuthenticationToken"}}');
    });
    await new Promise<void>((resolve) => graph.listen(0, '127.0.0.1', resolve));
    graphUrl = `http://127.0.0.1:${(graph.address() as AddressInfo).port}/v1.0`;
  });
  afterAll(() => new Promise<void>((resolve) => graph.close(() => resolve())));

  const dir = () => mkdtempSync(join(tmpdir(), 'health-'));

  it('is ok when the storage reads and Graph answers, even with 401', async () => {
    expect(await checkHealth({ storage: new FileStorage(dir()), graphUrl })).toEqual({ status: 'ok', storage: 'ok', graph: 'ok' });
  });

  it('says which dependency is unreachable and why', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    // A store whose directory is a file cannot be read.
    const blocked = join(dir(), 'store');
    writeFileSync(blocked, 'not a directory');
    const report = await checkHealth({ storage: new FileStorage(blocked), graphUrl: `http://127.0.0.1:${port}/v1.0` });
    expect(report.status).toBe('degraded');
    expect(report.graph).toMatch(/^unreachable: /);
    expect(report.storage).toMatch(/^unreachable: /);
  });

  it('says a storage that never answers is unreachable when the check runs out of time', async () => {
    const hanging = { read: () => new Promise<never>(() => {}), write: async () => {}, delete: async () => {} };
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const report = checkHealth({ storage: hanging, graphUrl });
      await vi.advanceTimersByTimeAsync(3000);
      expect(await report).toEqual({ status: 'degraded', storage: 'unreachable: no answer within 3000 ms', graph: 'ok' });
    } finally {
      vi.useRealTimers();
    }
  });
});
