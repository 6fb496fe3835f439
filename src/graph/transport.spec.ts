// The wire under the gateway, against a real local HTTP server: compressed bodies (Graph compresses when
// asked), a body that stops halfway (a time-out, not a hang), and a server that is not there.
import http from 'node:http';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { exchange, TransportError } from './transport';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function serve(handler: http.RequestListener): Promise<string> {
  server = http.createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/v1.0/users`;
}

const body = { value: [{ id: '1', displayName: 'Zoë Ødegård' }] };

describe('transport', () => {
  it.each([
    ['gzip', gzipSync],
    ['br', brotliCompressSync],
  ])('reads a %s-compressed answer as the JSON it holds, and says it accepts compression', async (encoding, compress) => {
    let accepted = '';
    const url = await serve((req, res) => {
      accepted = String(req.headers['accept-encoding']);
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding, 'request-id': 'r-1' });
      res.end(compress(Buffer.from(JSON.stringify(body))));
    });
    const response = await exchange(url, { method: 'GET', headers: { Authorization: 'Bearer t' } }, 2000);
    expect(accepted).toContain(encoding);
    expect(response.ok).toBe(true);
    expect(response.headers.get('Request-Id')).toBe('r-1');
    expect(await response.json()).toEqual(body);
  });

  it('sends the method, headers and body it was given, and hands back any status', async () => {
    let seen: { method?: string; auth?: string; body?: string } = {};
    const url = await serve((req, res) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        seen = { method: req.method, auth: req.headers.authorization, body: text };
        res.writeHead(429, { 'retry-after': '3' });
        res.end();
      });
    });
    const response = await exchange(url, { method: 'POST', headers: new Headers({ Authorization: 'Bearer t' }), body: '{"a":1}' }, 2000);
    expect(seen).toEqual({ method: 'POST', auth: 'Bearer t', body: '{"a":1}' });
    expect(response.status).toBe(429);
    expect(response.ok).toBe(false);
    expect(response.headers.get('retry-after')).toBe('3');
  });

  it('reads an empty answer that names an encoding (a 204 after a restart) as empty', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(204, { 'content-encoding': 'gzip', 'request-id': 'r-204' });
      res.end();
    });
    const response = await exchange(url, { method: 'POST' }, 2000);
    expect(response.status).toBe(204);
    expect(response.headers.get('request-id')).toBe('r-204');
    expect(await response.text()).toBe('');
  });

  it('sends a request again on a new socket when the kept-alive one it reused was closed by the server', async () => {
    const served = new WeakMap<object, number>();
    const url = await serve((req, res) => {
      const n = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, n);
      // The second request on a socket finds it closed, as after a server's keep-alive time-out.
      if (n > 1) return void req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    expect(await (await exchange(url, {}, 2000)).json()).toEqual(body);
    const again = await exchange(url, {}, 2000);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(body);
  });

  it('gives up on a body that stops halfway once the time is up', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"value": [');
    });
    const started = Date.now();
    await expect(exchange(url, {}, 200)).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('says a server that is not there is unreachable', async () => {
    const url = await serve((_req, res) => res.end());
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    const error = await exchange(url, {}, 2000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'unreachable' });
  });
});
