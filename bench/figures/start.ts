// Start time: from launching `node scripts/start.cjs` (what `npm start` runs) to the bot's HTTP port answering,
// on a first start (no dist/: start.cjs transpiles the sources first) and with dist/ up to date. Both in a temporary
// copy of the repository with node_modules linked, so this checkout's own dist/ is never removed or rebuilt.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Figure, SummaryRow } from '../figure';
import { BOT_NODE_ARGS } from '../support';

const ROOT = join(__dirname, '..', '..', '..');
const RUNS = 3;
/** Top-level folders that are not part of a checkout a user starts from (node_modules is linked instead). */
const NOT_COPIED = new Set(['node_modules', 'dist', '.git', '.data', 'coverage']);
/** A start slower than this is a failure, not a figure. */
const GIVE_UP_MS = 180_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Milliseconds from spawning `node scripts/start.cjs` in `dir` to the first HTTP answer on its port. */
async function timeToAnswer(dir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  // As a user starts it: no environment but PATH, and the port to find it on.
  const child = spawn(process.execPath, [...BOT_NODE_ARGS, join(dir, 'scripts', 'start.cjs')], { cwd: dir, env: { PATH: process.env.PATH ?? '', PORT: String(port) } });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) => child.on('exit', (code) => ((exitCode = code), resolve())));
  try {
    while (performance.now() - started < GIVE_UP_MS) {
      if (exitCode !== undefined) throw new Error(`the bot exited (${exitCode}) before answering:\n${output}`);
      try {
        // Any answer will do: the port is served.
        await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
        return performance.now() - started;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    throw new Error(`the bot did not answer within ${GIVE_UP_MS / 1000} s:\n${output}`);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** A temporary copy of the repository to start from, with this checkout's node_modules linked in. */
function copyOfRepo(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-start-'));
  cpSync(ROOT, dir, { recursive: true, filter: (source) => dirname(source) !== ROOT || !NOT_COPIED.has(basename(source)) });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return {
    dir,
    remove() {
      // The link first, so that nothing can reach into the real node_modules.
      unlinkSync(join(dir, 'node_modules'));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export const start: Figure = {
  id: 'start',
  title: `Start time: launching node scripts/start.cjs until the HTTP port answers (median of ${RUNS})`,
  async run() {
    const copy = copyOfRepo();
    const first: number[] = [];
    const built: number[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        rmSync(join(copy.dir, 'dist'), { recursive: true, force: true });
        first.push(await timeToAnswer(copy.dir));
      }
      // The last first start left dist/ up to date.
      for (let i = 0; i < RUNS; i++) built.push(await timeToAnswer(copy.dir));
    } finally {
      copy.remove();
    }
    const cases = [
      { name: 'dist/ up to date', samples: built, targetMs: 3000 },
      { name: 'first start (no dist/: the sources transpiled first)', samples: first, targetMs: 10_000 },
    ];
    const table = [
      '| start | median | fastest | slowest | target |',
      '|---|---|---|---|---|',
      ...cases.map((c) => `| ${c.name} | ${seconds(median(c.samples))} | ${seconds(Math.min(...c.samples))} | ${seconds(Math.max(...c.samples))} | ≤ ${seconds(c.targetMs)} |`),
    ];
    const summary: SummaryRow[] = cases.map((c) => ({
      measure: `start to port answering, ${c.name} (median of ${RUNS})`,
      value: seconds(median(c.samples)),
      against: `target ${c.targetMs / 1000} s`,
      ratio: median(c.samples) / c.targetMs,
      ok: median(c.samples) <= c.targetMs,
    }));
    return { table, summary };
  },
};
