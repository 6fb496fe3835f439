// Cost per question: 100 ms of latency on every Graph call; count the requests and the sequential round
// trips (what the admin waits for). Steady state: the app inventory is warmed by one overview first, and
// provisioning-log reads are not cached, so every question reads its logs; then one question asked again with
// reads reused as deployed.
import { loadDemoTenant, shiftTimes, startDemoGraph, type DemoRequest } from '../../src/demo';
import { createLogger } from '../../src/log';
import { startBot } from '../../src/startBot';
import type { Figure, SummaryRow } from '../figure';
import { benchConfig, LATENCY_MS, QUESTIONS, send, sequentialDepth, type Call } from '../support';

/** The questions with a round-trip target, and the target. */
const TARGETS: Record<string, number> = {
  'why was jane skipped in Salesforce?': 2,
  'why was jane skipped?': 2,
  'how is Salesforce doing?': 2,
  'test the connection to ServiceNow': 2,
  'is anything in quarantine?': 2,
};

const AGAIN = 'why was jane skipped?';

export const roundTrips: Figure = {
  id: 'round-trips',
  title: `Cost per question (Graph stand-in adding ${LATENCY_MS} ms to every call)`,
  async run() {
    const calls: Call[] = [];
    const graph = await startDemoGraph({
      tenant: shiftTimes(loadDemoTenant(), new Date()),
      onRequest: async (req: DemoRequest) => {
        if (req.inBatch) {
          calls[calls.length - 1].subRequests++;
          return;
        }
        const call: Call = { start: performance.now(), end: 0, subRequests: 0 };
        calls.push(call);
        await new Promise((r) => setTimeout(r, LATENCY_MS));
        call.end = performance.now();
      },
    });
    const bot = await startBot(benchConfig(graph.url, { GRAPH_LOG_CACHE_SECONDS: '0' }), createLogger({ level: 'silent' }));
    const endpoint = `${bot.url}/api/messages`;
    await send(endpoint, 'is anything in quarantine?');
    const table = ['| question | Graph requests (sub-requests in `$batch`) | sequential round trips | time with 100 ms/call |', '|---|---|---|---|'];
    const summary: SummaryRow[] = [];
    for (const q of QUESTIONS) {
      calls.length = 0;
      const started = performance.now();
      await send(endpoint, q);
      const elapsed = performance.now() - started;
      // A $batch's end is recorded when its own latency is over; its sub-requests ride along.
      calls.forEach((c) => (c.end ||= performance.now()));
      const sub = calls.reduce((n, c) => n + c.subRequests, 0);
      const depth = sequentialDepth(calls);
      table.push(`| ${q} | ${calls.length} (${sub}) | ${depth} | ${Math.round(elapsed)} ms |`);
      const target = TARGETS[q];
      if (target !== undefined) {
        const wall = elapsed / LATENCY_MS;
        summary.push({ measure: `"${q}": round trips (wall ÷ ${LATENCY_MS} ms)`, value: `${depth} (${wall.toFixed(1)})`, against: `≤ ${target}`, ratio: depth / target, ok: depth <= target });
      }
    }
    await bot.close();
    // As deployed (reads reused for a minute): the same question asked again reads the person by id, their
    // assignments and the apps their last answer was about in one $batch; their logs come from the shared read.
    const reusing = await startBot(benchConfig(graph.url), createLogger({ level: 'silent' }));
    const again = `${reusing.url}/api/messages`;
    await send(again, 'is anything in quarantine?');
    await send(again, AGAIN);
    calls.length = 0;
    const started = performance.now();
    await send(again, AGAIN);
    const elapsed = performance.now() - started;
    calls.forEach((c) => (c.end ||= performance.now()));
    table.push(`| ${AGAIN}, asked again within a minute (reads reused, as deployed) | ${calls.length} (${calls.reduce((n, c) => n + c.subRequests, 0)}) | ${sequentialDepth(calls)} | ${Math.round(elapsed)} ms |`);
    await reusing.close();
    await graph.close();
    return { table, summary };
  },
};
