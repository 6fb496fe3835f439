// Alert cycles over thousands of watched apps, as the bot runs them: the poller in a process of its own
// (bench/pollServer.ts, the whole bot started), the Graph stand-in holding the tenant in the bench's process.
// Per cycle: Graph requests, time, and the poller process's peak RSS and heap; then a storm of jobs going into
// quarantine at once (one grouped card). The target (issue 14): peak RSS at 5,000 watched apps within 60 MiB of
// the echo bot's RSS at rest. The cycles run back to back, where the bot waits ALERT_POLL_SECONDS: V8 shrinks an
// idle heap only once a full collection has run, which a few cycles' garbage first triggers near V8's growth
// limit either way (20 s pauses gave 232-256 MiB instead of ~300 at 5,000 apps, but are no promise). The peak
// moves by tens of MiB with V8's GC timing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoGraph } from '../../src/demo';
import type { Figure, SummaryRow } from '../figure';
import type { CycleResult, MemoryResult } from '../pollServer';
import { ask, BOT_NODE_ARGS, forkChild, send, tenantWithApps } from '../support';
import { startServer } from './turns';

/** Jobs that break at once in the storm row: Teams posts 7 per second per thread, so 51 cards took 7 s. */
const STORM_APPS = 51;
const SIZES = process.env.BENCH_APPS ? [Number(process.env.BENCH_APPS)] : [1_000, 5_000];
const ALLOWANCE = 60 * 2 ** 20;
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

/** The echo bot's RSS after a warm-up: what a minimal botbuilder + teams-ai process holds at rest. */
async function echoIdleRss(): Promise<number> {
  const echo = await startServer(['echo']);
  for (let i = 0; i < 50; i++) await send(echo.url, 'hello');
  const { rss } = await ask<NodeJS.MemoryUsage>(echo.child, 'memory');
  echo.child.send('exit');
  return rss;
}

async function cyclesAt(apps: number, echoIdle: number, table: string[], summary: SummaryRow[]): Promise<void> {
  const graph = await startDemoGraph({ tenant: tenantWithApps(apps) });
  const { child } = await forkChild<{ ready: true }>('pollServer.js', [graph.url, mkdtempSync(join(tmpdir(), 'bench-alerts-'))], BOT_NODE_ARGS);
  const atRest = await ask<MemoryResult>(child, 'memory');
  table.push(`| ${apps} apps: the bot started, no cycle yet | | | ${mib(atRest.rss)} (heap ${mib(atRest.heapUsed)}) | ${mib(atRest.rss - echoIdle)} | |`);
  const cycle = async (name: string) => {
    const { report, peakRss, peakHeap } = await ask<CycleResult>(child, { cycle: name });
    table.push(`| ${apps} apps: ${name} | ${report.requests} | ${report.durationMs} ms | ${mib(peakRss)} (heap ${mib(peakHeap)}) | ${mib(peakRss - echoIdle)} | ${report.posted} |`);
    return report;
  };
  await cycle('first (discovers the apps, posts current problems)');
  const steady = await cycle('steady (job reads and one delta round)');
  const healthy = Object.values(graph.state.synchronization).flatMap((s) => s.jobs).filter((j) => j.status?.code === 'Active').slice(0, STORM_APPS);
  for (const job of healthy) job.status = { ...job.status, code: 'Quarantine', quarantine: { reason: 'EncounteredQuarantineException', currentBegan: new Date().toISOString() } };
  await cycle(`storm: ${healthy.length} jobs go into quarantine at once (one grouped card)`);
  const { maxRss } = await ask<MemoryResult>(child, 'memory');
  child.send('exit');
  await graph.close();
  summary.push({ measure: `poll cycle at ${apps} apps (steady)`, value: `${steady.requests} requests, ${steady.durationMs} ms`, against: 'one $batch per 20 apps', ratio: steady.requests / Math.ceil(apps / 20) });
  summary.push({
    measure: `poll peak RSS at ${apps} apps`,
    value: mib(maxRss),
    against: `echo idle ${mib(echoIdle)} + 60 MiB`,
    ratio: maxRss / (echoIdle + ALLOWANCE),
    ok: maxRss <= echoIdle + ALLOWANCE,
  });
}

export const pollCycles: Figure = {
  id: 'poll',
  title: 'Alert poll cycles (the poller in its own process with the bot started; demo Graph on loopback in the bench process; file store)',
  async run() {
    const echoIdle = await echoIdleRss();
    const table = [
      `| cycle | Graph requests | time | peak RSS (heap) | over echo idle (${mib(echoIdle)}) | cards posted |`,
      '|---|---|---|---|---|---|',
    ];
    const summary: SummaryRow[] = [];
    for (const apps of SIZES) await cyclesAt(apps, echoIdle, table, summary);
    return { table, summary };
  },
};
