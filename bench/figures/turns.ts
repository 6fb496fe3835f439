// The bot's own work per turn, side by side with the echo bot: each server in its own process (so its CPU is
// its own), the demo Graph on loopback in the bench's process, the clients in a third. Sequential turns give
// CPU per turn; eight concurrent clients give turns/s and the latency spread under load. The three cases are
// measured in alternating blocks.
import type { ChildProcess } from 'node:child_process';
import { loadDemoTenant, shiftTimes, startDemoGraph } from '../../src/demo';
import type { Figure, SummaryRow } from '../figure';
import { ask, BOT_NODE_ARGS, forkChild, stats, TURNS } from '../support';
import type { Block, BlockResult } from '../turnClient';

interface Server {
  url: string;
  child: ChildProcess;
}

export async function startServer(args: string[]): Promise<Server> {
  const { child, ready } = await forkChild<{ url: string }>('turnServer.js', args, args[0] === 'bot' ? BOT_NODE_ARGS : []);
  return { url: `${ready.url}/api/messages`, child };
}

async function cpuOf(server: Server): Promise<number> {
  const used = await ask<NodeJS.CpuUsage>(server.child, 'cpu');
  return (used.user + used.system) / 1000;
}

interface Measured {
  cpuPerTurn: number;
  sequential: ReturnType<typeof stats>;
  perSecond: number;
  underLoad: ReturnType<typeof stats>;
}

const BLOCKS = 20;
/** Turns per case and phase: TURNS rounded to whole blocks. */
const PER_BLOCK = Math.max(1, Math.round(TURNS / BLOCKS));
/**
 * Under load, fewer and longer blocks: a tail measured over sustained load, not over the first turns of twenty
 * blocks (a server that just served another case, clients just started).
 */
const LOADED_BLOCKS = 4;

/** One server and message, measured in blocks: sequential turns (CPU, latency), then turns from 8 clients. */
interface Case {
  server: Server;
  text: string;
  cpuMs: number;
  sequential: number[];
  loaded: number[];
  loadedMs: number;
}

type Client = ChildProcess;

async function block(client: Client, c: Case, turns: number, clients: number): Promise<BlockResult> {
  return ask<BlockResult>(client, { url: c.server.url, text: c.text, turns, clients } satisfies Block);
}

async function sequentialBlock(client: Client, c: Case, turns: number): Promise<void> {
  const cpuBefore = await cpuOf(c.server);
  c.sequential.push(...(await block(client, c, turns, 1)).latencies);
  c.cpuMs += (await cpuOf(c.server)) - cpuBefore;
}

/**
 * Turns sent before each loaded block and not counted. The first round of a block waits on the switch from the
 * other server the block before loaded (its last collections, the scheduler handing the cores back): the first
 * 8 turns took 18–88 ms where the block's median was 4–5 ms, and at 8 of every 250 turns they alone set the p99.
 * Sustained load is what is measured.
 */
const RAMP_TURNS = 16;

async function loadedBlock(client: Client, c: Case, turns: number): Promise<void> {
  await block(client, c, RAMP_TURNS, 8);
  const { latencies, ms } = await block(client, c, turns, 8);
  c.loaded.push(...latencies);
  c.loadedMs += ms;
}

/**
 * The cases take turns, block by block, so a machine that slows down or speeds up during the run (a shared
 * host, frequency scaling) weighs on each case alike and the ratios between them hold. The clients run in a
 * process of their own (turnClient).
 */
async function measureInTurns(servers: Array<{ server: Server; text: string }>): Promise<Measured[]> {
  // The clients' own collections would be timed as the server's: a young generation large enough that the
  // clients (whose garbage is the answers they receive) scavenge a few times a run, not every hundred turns.
  const { child: client } = await forkChild<{ ready: true }>('turnClient.js', [], ['--max-semi-space-size=64']);
  const cases: Case[] = servers.map((s) => ({ ...s, cpuMs: 0, sequential: [], loaded: [], loadedMs: 0 }));
  for (const c of cases) await block(client, c, 50, 1); // warm-up
  for (let b = 0; b < BLOCKS; b++) for (const c of cases) await sequentialBlock(client, c, PER_BLOCK);
  for (let b = 0; b < LOADED_BLOCKS; b++) for (const c of cases) await loadedBlock(client, c, (PER_BLOCK * BLOCKS) / LOADED_BLOCKS);
  client.send('exit');
  return cases.map((c) => ({
    cpuPerTurn: c.cpuMs / c.sequential.length,
    sequential: stats(c.sequential),
    perSecond: (c.loaded.length / c.loadedMs) * 1000,
    underLoad: stats(c.loaded),
  }));
}

const GRAPH_QUESTION = 'why was jane skipped?';

export const turns: Figure = {
  id: 'turns',
  title: 'Time per turn, side by side on this machine (each server in its own process)',
  async run() {
    const graph = await startDemoGraph({ tenant: shiftTimes(loadDemoTenant(), new Date()) });
    const echo = await startServer(['echo']);
    const bot = await startServer(['bot', graph.url]);
    const [base, help, question] = await measureInTurns([
      { server: echo, text: 'hello' },
      { server: bot, text: 'help' },
      { server: bot, text: GRAPH_QUESTION },
    ]);
    for (const s of [echo, bot]) s.child.send('exit');
    await graph.close();
    const table = [
      `| turn (${BLOCKS * PER_BLOCK} sequential, then ${BLOCKS * PER_BLOCK} from 8 clients, in ${BLOCKS} and ${LOADED_BLOCKS} alternating blocks) | CPU/turn | p50 | p95 | turns/s (8 clients) | p50 / p99 under load |`,
      '|---|---|---|---|---|---|',
    ];
    const row = (name: string, m: Measured) =>
      `| ${name} | ${m.cpuPerTurn.toFixed(2)} ms | ${m.sequential.p50.toFixed(2)} ms | ${m.sequential.p95.toFixed(2)} ms | ${Math.round(m.perSecond)} | ${m.underLoad.p50.toFixed(1)} / ${m.underLoad.p99.toFixed(1)} ms |`;
    table.push(row('echo bot (botbuilder + teams-ai)', base), row('this bot: "help"', help), row(`this bot: "${GRAPH_QUESTION}" (demo Graph on loopback)`, question));
    const cpu = (name: string, m: Measured, limit: number): SummaryRow => {
      const r = m.cpuPerTurn / base.cpuPerTurn;
      return { measure: `CPU per turn, ${name}`, value: `${m.cpuPerTurn.toFixed(2)} ms`, against: `echo ${base.cpuPerTurn.toFixed(2)} ms, target ≤ ${limit}×`, ratio: r, ok: r <= limit };
    };
    const spread = (name: string, m: Measured): SummaryRow => {
      const r = m.underLoad.p99 / m.underLoad.p50;
      // The echo bot's own spread on this machine says how much of it is the machine's (its scheduler, its GC).
      const echoSpread = base.underLoad.p99 / base.underLoad.p50;
      return {
        measure: `p99 ÷ p50 under load, ${name}`,
        value: `${m.underLoad.p99.toFixed(1)} ms`,
        against: `p50 ${m.underLoad.p50.toFixed(1)} ms (echo's own ${echoSpread.toFixed(1)}×), target ≤ 4×`,
        ratio: r,
        ok: r <= 4,
      };
    };
    const summary: SummaryRow[] = [
      cpu('"help"', help, 2),
      cpu('a Graph question', question, 3),
      { measure: 'turns/s, "help" (8 clients)', value: `${Math.round(help.perSecond)}`, against: `echo ${Math.round(base.perSecond)}/s`, ratio: help.perSecond / base.perSecond },
      { measure: 'turns/s, a Graph question (8 clients)', value: `${Math.round(question.perSecond)}`, against: `echo ${Math.round(base.perSecond)}/s`, ratio: question.perSecond / base.perSecond },
      spread('"help"', help),
      spread('a Graph question', question),
    ];
    return { table, summary };
  },
};
