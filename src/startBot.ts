// Wires the parts together for a mode: Graph (local: the demo tenant or GRAPH_BASE_URL; production: Microsoft
// Graph on behalf of the signed-in admin), the adapter (production: Bot Framework authentication), the bot, the server.
// Used by `npm start` and by the tests, which start the real thing on port 0.
import { join } from 'node:path';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { createBot } from './bot/createBot';
import type { BotDeps } from './bot/listeners';
import type { Config, LocalConfig, ProductionConfig } from './config';
import { loadDemoTenant, shiftTimes, startDemoGraph, type DemoGraph } from './demo';
import { BotError } from './errors';
import { GraphGateway, type TokenProvider } from './graph/gateway';
import type { Logger } from './log';
import { createProductionAdapter } from './server/botAuthentication';
import { startHttpServer } from './server/httpServer';
import { tenantAllowList } from './server/tenantAllowList';
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

export interface StartOptions {
  /**
   * Production: the Graph gateway for a turn, on behalf of the signed-in admin. Until sign-in is wired in,
   * the default gateway refuses every call with a clear error. Local mode ignores it.
   */
  graphFor?: BotDeps['graphFor'];
}

interface GraphSetup {
  graphFor: BotDeps['graphFor'];
  graphUrl: string;
  demo?: DemoGraph;
}

async function localGraph(config: LocalConfig, logger: Logger): Promise<GraphSetup> {
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
  return { graphFor: () => gateway, graphUrl, demo };
}

function productionGraph(config: ProductionConfig, logger: Logger, graphFor: StartOptions['graphFor']): GraphSetup {
  if (graphFor) return { graphFor, graphUrl: config.graphBaseUrl };
  const signInMissing: TokenProvider = {
    getToken: async () => {
      throw new BotError('graph-unauthorized', 'sign-in is not set up');
    },
  };
  const gateway = new GraphGateway({
    baseUrl: config.graphBaseUrl,
    tokens: signInMissing,
    tenantKey: config.botTenantId,
    timeoutMs: config.graphTimeoutMs,
    provisioningLogLimit: config.graphLogRequestsPer10s,
    logger,
  });
  return { graphFor: () => gateway, graphUrl: config.graphBaseUrl };
}

export async function startBot(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningBot> {
  const graph = config.mode === 'local' ? await localGraph(config, logger) : productionGraph(config, logger, options.graphFor);
  // No app id in local mode: botbuilder turns inbound authentication off (loopback only, see config.ts).
  const adapter = config.mode === 'local' ? new TeamsAdapter({}) : createProductionAdapter(config);
  const storage = new FileStorage(join(config.dataDir, 'store'));
  const bot = createBot(adapter, {
    graphFor: graph.graphFor,
    logger,
    botAppId: config.mode === 'local' ? '' : config.botId,
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
      health: { mode: config.mode, graph: graph.demo ? 'demo tenant' : 'GRAPH_BASE_URL' },
      tenantAllowed: config.mode === 'production' ? tenantAllowList(config.allowedTenants) : undefined,
    });
  } catch (error) {
    await graph.demo?.close();
    throw error;
  }
  return {
    url: server.url,
    graphUrl: graph.graphUrl,
    demo: graph.demo,
    close: async () => {
      await server.close();
      await graph.demo?.close();
    },
  };
}
