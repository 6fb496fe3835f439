// Wires the parts together for a mode: Graph (the demo tenant, or GRAPH_BASE_URL), the bot, the server.
// Used by `npm start` and by the tests, which start the real thing on port 0.
import { join } from 'node:path';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { createBot } from './bot/createBot';
import type { Config } from './config';
import { loadDemoTenant, shiftTimes, startDemoGraph, type DemoGraph } from './demo';
import { GraphGateway } from './graph/gateway';
import type { Logger } from './log';
import { startHttpServer } from './server/httpServer';
import { AuditLog } from './storage/auditLog';
import { FileStorage } from './storage/fileStorage';
import { Operations } from './storage/operations';

export interface RunningBot {
  /** e.g. http://127.0.0.1:3978 — the messaging endpoint is `${url}/api/messages`. */
  url: string;
  graphUrl: string;
  /** Set when the built-in demo tenant serves Graph. */
  demo?: DemoGraph;
  close(): Promise<void>;
}

export async function startBot(config: Config, logger: Logger): Promise<RunningBot> {
  let demo: DemoGraph | undefined;
  let graphUrl = config.graphBaseUrl;
  if (!graphUrl) {
    const tenant = shiftTimes(loadDemoTenant(config.demoTenantFile), new Date());
    demo = await startDemoGraph({ tenant });
    graphUrl = demo.url;
    logger.info({ tenant: tenant.tenant.displayName, graph: graphUrl }, 'demo tenant started');
  }
  const gateway = new GraphGateway({
    baseUrl: graphUrl,
    // One tenant per Graph server in local mode: budgets are per tenant.
    tenantKey: graphUrl,
    timeoutMs: config.graphTimeoutMs,
    provisioningLogLimit: config.graphLogRequestsPer10s,
    logger,
  });
  // No app id in local mode: botbuilder turns inbound authentication off (loopback only, see config.ts).
  const adapter = new TeamsAdapter({});
  const storage = new FileStorage(join(config.dataDir, 'store'));
  const bot = createBot(adapter, {
    graphFor: () => gateway,
    logger,
    botAppId: '',
    remediation: { operations: new Operations(storage), audit: new AuditLog(storage) },
  });
  let server;
  try {
    server = await startHttpServer({
      adapter,
      bot,
      logger,
      host: config.host,
      port: config.port,
      health: { mode: config.mode, graph: demo ? 'demo tenant' : 'GRAPH_BASE_URL' },
    });
  } catch (error) {
    await demo?.close();
    throw error;
  }
  return {
    url: server.url,
    graphUrl,
    demo,
    close: async () => {
      await server.close();
      await demo?.close();
    },
  };
}
