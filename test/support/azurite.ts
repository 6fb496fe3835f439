// Azurite's blob service (npm `azurite`) on loopback, for tests that need real Azure Blob Storage semantics:
// started in a temp directory, stopped by `close()` or, failing that, when the test process exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Azurite {
  /** Azurite's well-known development account, spelled out (the SDK may not map `UseDevelopmentStorage`). */
  connectionString: string;
  port: number;
  close(): Promise<void>;
}

export interface AzuriteOptions {
  /** Default: a free port. Pass a closed instance's port to bring the "same" service back. */
  port?: number;
}

const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const BLOB_MAIN = createRequire(__filename).resolve('azurite/dist/src/blob/main.js');
const STARTUP_MS = 20_000;

export function azuriteConnectionString(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`;
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<Azurite> {
  const location = mkdtempSync(join(tmpdir(), 'azurite-'));
  const child = spawn(
    process.execPath,
    [
      BLOB_MAIN,
      '--blobHost', '127.0.0.1',
      '--blobPort', String(options.port ?? 0),
      '--location', location,
      '--silent',
      '--disableTelemetry',
      // The SDK is often newer than the emulator; the API version check would reject its requests.
      '--skipApiVersionCheck',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const cleanUp = (): void => {
    process.removeListener('exit', killOnExit);
    rmSync(location, { recursive: true, force: true });
  };

  let port: number;
  try {
    port = await listeningPort(child);
  } catch (err) {
    child.kill('SIGKILL');
    cleanUp();
    throw err;
  }
  return {
    connectionString: azuriteConnectionString(port),
    port,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      cleanUp();
    },
  };
}

/** Resolves with the port Azurite reports it listens on ("successfully listens on http://127.0.0.1:NNNN"). */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`Azurite did not start within ${STARTUP_MS} ms:\n${output}`)), STARTUP_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listens on https?:\/\/[^:\s]+:(\d+)/.exec(output);
      if (match) done(() => resolve(Number(match[1])));
    };
    const onExit = (code: number | null): void => fail(new Error(`Azurite exited (code ${code}) before listening:\n${output}`));
    const fail = (err: Error): void => done(() => reject(err));
    const done = (settle: () => void): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      // Keep draining so a chatty child never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
      settle();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}
