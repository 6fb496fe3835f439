// "Is anything in quarantine?" in tenants of 50, 500 and 3,000 service principals of which a handful have
// provisioning (as in real tenants): Graph requests for the first overview (the inventory is built) and
// for the next one (steady state: the inventory answers which apps to read).
import { startDemoGraph } from '../../src/demo';
import { createLogger } from '../../src/log';
import { startBot } from '../../src/startBot';
import type { Figure, SummaryRow } from '../figure';
import { benchConfig, send, tenantWithApps } from '../support';

const WITH_PROVISIONING = 10;
const LIMIT = 5;

export const overview: Figure = {
  id: 'overview',
  title: `Overview requests ("is anything in quarantine?", ${WITH_PROVISIONING} apps with provisioning)`,
  async run() {
    const table = ['| service principals | requests, first overview (sub-requests) | requests, steady state (sub-requests) |', '|---|---|---|'];
    const summary: SummaryRow[] = [];
    for (const total of [50, 500, 3000]) {
      let requests = 0;
      let sub = 0;
      const graph = await startDemoGraph({
        tenant: tenantWithApps(WITH_PROVISIONING, total - WITH_PROVISIONING),
        onRequest: (req) => {
          if (req.inBatch) sub++;
          else requests++;
        },
      });
      const bot = await startBot(benchConfig(graph.url), createLogger({ level: 'silent' }));
      const count = async () => {
        requests = sub = 0;
        await send(`${bot.url}/api/messages`, 'is anything in quarantine?');
        return { requests, sub };
      };
      const first = await count();
      // A first scan cut short by the question's deadline is finished in the background: let it end.
      for (let before = -1; before !== requests; ) {
        before = requests;
        await new Promise((r) => setTimeout(r, 500));
      }
      const steady = await count();
      table.push(`| ${total.toLocaleString('en')} | ${first.requests} (${first.sub}) | ${steady.requests} (${steady.sub}) |`);
      summary.push({ measure: `overview at ${total.toLocaleString('en')} service principals (steady)`, value: `${steady.requests} requests`, against: `≤ ${LIMIT}`, ratio: steady.requests / LIMIT, ok: steady.requests <= LIMIT });
      await bot.close();
      await graph.close();
    }
    return { table, summary };
  },
};
