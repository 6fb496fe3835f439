// A self-signed certificate for https stand-ins on loopback (an Entra authority, Microsoft Graph, the Bot
// Framework token service). Clients trust it through NODE_EXTRA_CA_CERTS, never by switching TLS checks off;
// Node reads that variable only at start-up, so the client side runs in a child process (`runTrusting`).
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface TlsCertificate {
  key: string;
  cert: string;
  /** A PEM file holding `cert`, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  /** Removes `caFile`. */
  dispose(): Promise<void>;
}

/** A certificate valid for 127.0.0.1, ::1 and localhost, written to a temporary PEM file. */
export async function createTlsCertificate(): Promise<TlsCertificate> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tls-'));
  const caFile = path.join(dir, 'ca.pem');
  await fs.writeFile(caFile, pems.cert);
  return { key: pems.private, cert: pems.cert, caFile, dispose: () => fs.rm(dir, { recursive: true, force: true }) };
}

export interface HttpsStandIn {
  /** e.g. `https://127.0.0.1:51234` */
  url: string;
  close(): Promise<void>;
}

/** An https server on 127.0.0.1 and a free port. */
export async function startHttpsServer(
  tls: { key: string; cert: string },
  handle: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
): Promise<HttpsStandIn> {
  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    Promise.resolve(handle(req, res)).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Runs `script` (CommonJS JavaScript that may `require` the compiled bot under `./dist`, relative to the
 * repository root; vitest's globalSetup builds it) in a child Node process that trusts `caFile`, and returns
 * what it printed to stdout.
 */
export async function runTrusting(caFile: string, script: string, timeoutMs = 25_000): Promise<string> {
  const root = path.resolve(__dirname, '..', '..');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', script],
      { cwd: root, env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile }, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`child failed: ${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}
