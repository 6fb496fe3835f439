// A button click (Action.Execute) at 100 ms Graph latency: the first button of a quarantine answer, clicked
// again and again (its review step reads the current state and answers with the confirmation card).
import { loadDemoTenant, shiftTimes, startDemoGraph } from '../../src/demo';
import { createLogger } from '../../src/log';
import { startBot } from '../../src/startBot';
import type { Figure } from '../figure';
import { activity, benchConfig, LATENCY_MS, send, stats } from '../support';

const CLICKS = Number(process.env.BENCH_CLICKS ?? 40);
/** Teams shows an error when an invoke is not answered within about 5 s; the bot aims at 4. */
const LIMIT_MS = 4000;

export const buttons: Figure = {
  id: 'buttons',
  title: `Button clicks (Graph stand-in adding ${LATENCY_MS} ms to every call)`,
  async run() {
    const graph = await startDemoGraph({ tenant: shiftTimes(loadDemoTenant(), new Date()), onRequest: () => new Promise((r) => setTimeout(r, LATENCY_MS)) });
    const bot = await startBot(benchConfig(graph.url), createLogger({ level: 'silent' }));
    const endpoint = `${bot.url}/api/messages`;
    const answer = await send(endpoint, 'is ServiceNow provisioning in quarantine?');
    const action = findExecute(JSON.parse(answer));
    if (!action) throw new Error('the quarantine answer has no button');
    const samples: number[] = [];
    for (let i = 0; i < CLICKS; i++) {
      const started = performance.now();
      await send(endpoint, { ...activity(''), type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-1', value: { action } });
      samples.push(performance.now() - started);
    }
    await bot.close();
    await graph.close();
    const s = stats(samples);
    return {
      table: ['| button | clicks | p50 | p95 |', '|---|---|---|---|', `| ${action.verb} (review) | ${CLICKS} | ${Math.round(s.p50)} ms | ${Math.round(s.p95)} ms |`],
      summary: [{ measure: `button click p95 (${action.verb}, ${LATENCY_MS} ms Graph)`, value: `${Math.round(s.p95)} ms`, against: `limit ${LIMIT_MS} ms`, ratio: s.p95 / LIMIT_MS, ok: s.p95 <= LIMIT_MS }],
    };
  },
};

type Execute = { type: 'Action.Execute'; verb: string; data: unknown };

/** The first Action.Execute anywhere in the reply (a card's primary button comes first). */
function findExecute(node: unknown): Execute | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const o = node as Record<string, unknown>;
  if (o.type === 'Action.Execute' && typeof o.verb === 'string') return o as Execute;
  for (const value of Object.values(o)) {
    const found = findExecute(value);
    if (found) return found;
  }
  return undefined;
}
