// Every question against a Graph that throttles every request (Graph's published 429 body, once without
// Retry-After and once asking for 10 s), asked all at once: how long until the admin sees a reply (the
// answer, or "working…"), with the default deadlines. It must stay under the reply deadline.
import { loadConfig } from '../../src/config';
import { loadDemoTenant, shiftTimes, startDemoGraph } from '../../src/demo';
import { createLogger } from '../../src/log';
import { startBot } from '../../src/startBot';
import type { Figure, SummaryRow } from '../figure';
import { benchConfig, QUESTIONS, send } from '../support';

export const throttled: Figure = {
  id: 'throttled',
  title: 'Reply time under a Graph that throttles everything (default deadlines)',
  async run() {
    const deadline = loadConfig({}).replyDeadlineMs;
    const table = [`| Graph answers every request with 429 | questions | worst reply | mean reply | reply deadline |`, '|---|---|---|---|---|'];
    const summary: SummaryRow[] = [];
    for (const retryAfter of [undefined, '10']) {
      const graph = await startDemoGraph({
        tenant: shiftTimes(loadDemoTenant(), new Date()),
        // reference/graph-provisioning.md: "429 may come without Retry-After", with this body.
        onRequest: () => ({
          status: 429,
          headers: retryAfter ? { 'Retry-After': retryAfter } : ({} as Record<string, string>),
          body: { error: { code: 'TooManyRequests', message: 'Too many requests from Identifier: bench. Please try again later.' } },
        }),
      });
      const bot = await startBot(benchConfig(graph.url), createLogger({ level: 'silent' }));
      const times = await Promise.all(
        QUESTIONS.map(async (q) => {
          const started = performance.now();
          await send(`${bot.url}/api/messages`, q);
          return performance.now() - started;
        }),
      );
      const worst = Math.max(...times);
      const label = retryAfter ? `with Retry-After: ${retryAfter}` : 'without Retry-After';
      table.push(`| ${label} | ${times.length} at once | ${Math.round(worst)} ms | ${Math.round(times.reduce((a, b) => a + b, 0) / times.length)} ms | ${deadline} ms |`);
      summary.push({ measure: `worst reply, Graph throttling everything (${label})`, value: `${Math.round(worst)} ms`, against: `reply deadline ${deadline} ms`, ratio: worst / deadline, ok: worst <= deadline });
      await bot.close();
      await graph.close();
    }
    return { table, summary };
  },
};
