// Wires the parts together for a mode: Graph (local: the demo tenant or GRAPH_BASE_URL; production: Microsoft
// Graph on behalf of the signed-in admin), the adapter (production: Bot Framework authentication), the bot, the server.
// Used by `npm start` and by the tests, which start the real thing on port 0.
import { randomUUID } from 'node:crypto';
import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { DirectTeamsAdapter } from './server/directAdapter';
import { alertCard } from './alerts/alertCard';
import { DigestStore } from './alerts/digest';
import { IncidentStore } from './alerts/incidentStore';
import { startPoller } from './alerts/poller';
import { Subscriptions } from './alerts/subscriptions';
import { authorityOptions } from './auth/consent';
import { GRAPH_SCOPE } from './auth/onBehalfOf';
import { alertDelivery } from './bot/alertDelivery';
import type { TurnContext } from 'botbuilder';
import { OnBehalfOfTokens } from './auth/onBehalfOf';
import { actorOf } from './bot/actor';
import { connectionToken } from './bot/signIn';
import { createBot } from './bot/createBot';
import type { BotDeps } from './bot/listeners';
import type { Config, LocalConfig, ProductionConfig } from './config';
import { loadDemoTenant, shiftTimes, startDemoGraph, type DemoGraph, type DemoTenantFile } from './demo';
import { BotError } from './errors';
import { GraphGateway, type TokenProvider } from './graph/gateway';
import { shareLimitsWith } from './graph/requestBudget';
import type { Logger } from './log';
import { createProductionAdapter } from './server/botAuthentication';
import { reuseClients } from './server/clientReuse';
import { startHttpServer } from './server/httpServer';
import { tenantAllowList } from './server/tenantAllowList';
import { checkHealth } from './health';
import { AppInventory } from './storage/appInventory';
import { AuditLog } from './storage/auditLog';
import { ConversationContexts } from './storage/conversationContext';
import { howToAskExamples, type TenantSketch } from './understand/howToAsk';
import { createStorage } from './storage/createStorage';
import { Instances } from './storage/instances';
import { soon } from './storage/soon';
import { Operations } from './storage/operations';

/** Example questions that work on any tenant. */
const ANY_TENANT_EXAMPLES = ['Is anything in quarantine?', 'How are my apps doing?', 'Audit', 'Alerts'];

/** The demo tenant's apps with provisioning and people, for the help card's examples. */
function sketchOf(tenant: DemoTenantFile): TenantSketch {
  return {
    apps: tenant.servicePrincipals
      .filter((sp) => (tenant.synchronization[sp.id]?.jobs ?? []).length > 0)
      .map((sp) => ({ name: sp.displayName ?? sp.appId, status: tenant.synchronization[sp.id].jobs[0].status?.code ?? undefined })),
    people: tenant.users.map((u) => u.givenName ?? '').filter(Boolean),
  };
}

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
   * Production: the Graph gateway for a turn, instead of the default one (on behalf of the signed-in admin).
   * Tests of the inbound checks use it to reach a Graph stand-in without sign-in. Local mode ignores it.
   */
  graphFor?: BotDeps['graphFor'];
}

interface GraphSetup {
  graphFor: BotDeps['graphFor'];
  graphUrl: string;
  demo?: DemoGraph;
  /** For the alert poller, which runs with no admin present: the local gateway, or app-only Graph. */
  appOnly?: GraphGateway;
}

async function localGraph(config: LocalConfig, logger: Logger): Promise<GraphSetup> {
  let demo: DemoGraph | undefined;
  let graphUrl = config.graphBaseUrl;
  if (!graphUrl) {
    const tenant = shiftTimes(loadDemoTenant(config.demoTenantFile), new Date());
    demo = await startDemoGraph({ tenant, access: config.demoAccess });
    graphUrl = demo.url;
    logger.info({ tenant: tenant.tenant.displayName, graph: graphUrl, ...config.demoAccess }, 'demo tenant started');
  }
  const gateway = new GraphGateway({
    baseUrl: graphUrl,
    // One tenant per Graph server in local mode: budgets are per tenant.
    tenantKey: graphUrl,
    timeoutMs: config.graphTimeoutMs,
    provisioningLogLimit: config.graphLogRequestsPer10s,
    logCacheMs: config.graphLogCacheSeconds * 1000,
    logger,
  });
  return { graphFor: () => gateway, graphUrl, demo, appOnly: gateway };
}

/** Production: Microsoft Graph on behalf of the admin of each turn (the OAuth connection's token, exchanged). */
function productionGraph(config: ProductionConfig, logger: Logger, graphFor: StartOptions['graphFor']): GraphSetup {
  if (graphFor) return { graphFor, graphUrl: config.graphBaseUrl };
  const tokens = onBehalfOf(config, logger);
  const gatewayFor = (context: TurnContext, provider: TokenProvider) =>
    new GraphGateway({
      baseUrl: config.graphBaseUrl,
      tokens: provider,
      tenantKey: actorOf(context).tenantId,
      timeoutMs: config.graphTimeoutMs,
      provisioningLogLimit: config.graphLogRequestsPer10s,
      logCacheMs: config.graphLogCacheSeconds * 1000,
      logger,
    });
  return {
    graphUrl: config.graphBaseUrl,
    appOnly: appOnlyGateway(config, logger),
    graphFor: (context, state) => {
      const assertion = connectionToken(state);
      const user = context.activity.from?.aadObjectId ?? context.activity.from?.id ?? 'unknown';
      return gatewayFor(context, assertion && tokens ? tokens.tokenProviderFor(user, assertion) : refuse(tokens ? NOT_SIGNED_IN : NO_OBO_SECRET));
    },
  };
}

const NOT_SIGNED_IN = new BotError('sign-in-expired', 'You are not signed in.');
const NO_OBO_SECRET = new BotError(
  'config',
  'On-behalf-of Graph needs the bot’s client secret (BOT_PASSWORD): with a certificate or a managed identity only, it cannot exchange your sign-in for a Graph token.',
);

function refuse(error: BotError): TokenProvider {
  return {
    getToken: async () => {
      throw error;
    },
  };
}

/**
 * The alert poller's Graph: the bot's own app registration with application permissions
 * (Synchronization.Read.All, AuditLog.Read.All, Application.Read.All) — its client secret, or its managed
 * identity. A certificate-only bot gets no poller (said in the log).
 */
function appOnlyGateway(config: ProductionConfig, logger: Logger): GraphGateway | undefined {
  const options = authorityOptions(config.aadAuthorityHost);
  const credential: TokenCredential | undefined = config.botPassword
    ? new ClientSecretCredential(config.botTenantId, config.botId, config.botPassword, options)
    : config.botType === 'UserAssignedMSI'
      ? new ManagedIdentityCredential({ clientId: config.botId })
      : undefined;
  if (!credential) {
    logger.warn('Alerts are off: the poller needs BOT_PASSWORD or a managed identity for app-only Graph.');
    return undefined;
  }
  return new GraphGateway({
    baseUrl: config.graphBaseUrl,
    tokens: { getToken: async () => (await credential.getToken(GRAPH_SCOPE))?.token },
    tenantKey: config.botTenantId,
    timeoutMs: config.graphTimeoutMs,
    provisioningLogLimit: config.graphLogRequestsPer10s,
    logCacheMs: config.graphLogCacheSeconds * 1000,
    logger,
  });
}

function onBehalfOf(config: ProductionConfig, logger: Logger): OnBehalfOfTokens | undefined {
  if (!config.botPassword) return undefined;
  return new OnBehalfOfTokens({
    tenantId: config.botTenantId,
    clientId: config.botId,
    clientSecret: config.botPassword,
    ...authorityOptions(config.aadAuthorityHost),
    logger,
  });
}

export async function startBot(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningBot> {
  const graph = config.mode === 'local' ? await localGraph(config, logger) : productionGraph(config, logger, options.graphFor);
  // No app id in local mode: botbuilder turns inbound authentication off (loopback only, see config.ts).
  const production = config.mode === 'production' ? createProductionAdapter(config) : undefined;
  const adapter = production?.adapter ?? new DirectTeamsAdapter({});
  reuseClients(adapter);
  const storage = createStorage(config);
  const botAppId = config.mode === 'local' ? '' : config.botId;
  const subscriptions = new Subscriptions(storage);
  const inventory = new AppInventory(storage, { logger });
  const bot = createBot(
    adapter,
    {
      graphFor: graph.graphFor,
      logger,
      botAppId,
      remediation: { operations: new Operations(storage), audit: new AuditLog(storage), workDeadlineMs: config.workDeadlineMs },
      deadlines: { replyMs: config.replyDeadlineMs, workMs: config.workDeadlineMs },
      contexts: new ConversationContexts(storage),
      inventory,
      alerts: { subscriptions, pollSeconds: config.alertPollSeconds, homeTenantId: config.mode === 'production' ? config.botTenantId : undefined },
      // The help card's built-in examples name the demo tenant's apps and people; elsewhere they would fail.
      helpExamples: graph.demo ? howToAskExamples(sketchOf(graph.demo.state)) : ANY_TENANT_EXAMPLES,
    },
    config.mode === 'production' ? { signIn: { connectionName: config.oauthConnectionName, botId: config.botId, storage } } : {},
  );
  let server;
  try {
    server = await startHttpServer({
      adapter,
      bot,
      logger,
      host: config.host,
      port: config.port,
      health: { mode: config.mode, graphSource: graph.demo ? 'demo tenant' : config.mode === 'production' ? 'Microsoft Graph' : 'GRAPH_BASE_URL' },
      checkHealth: () => checkHealth({ storage, graphUrl: graph.graphUrl }),
      tenantAllowed: config.mode === 'production' ? tenantAllowList(config.allowedTenants) : undefined,
      authenticate: production?.authenticate,
    });
  } catch (error) {
    await graph.demo?.close();
    throw error;
  }
  // Graph's limits are per app: every instance sharing this storage takes its share (known once the first heartbeat lands).
  const instances = new Instances(storage, config.mode === 'production' ? config.botId : graph.graphUrl, { logger });
  const alone = shareLimitsWith(() => instances.count);
  await soon(instances.start());
  const poller =
    config.alertPollSeconds > 0 && graph.appOnly
      ? startPoller(
          {
            gateway: graph.appOnly,
            subscriptions,
            incidents: new IncidentStore(storage),
            digests: new DigestStore(storage),
            instanceId: randomUUID(),
            ...alertDelivery(adapter, botAppId),
            render: (incident, app) => alertCard(incident, app, new Date()),
            inventory,
            logger,
          },
          config.alertPollSeconds,
          (report) => logger.debug({ report }, 'alert poll'),
        )
      : undefined;
  return {
    url: server.url,
    graphUrl: graph.graphUrl,
    demo: graph.demo,
    close: async () => {
      await poller?.stop();
      await server.close();
      alone();
      await instances.stop();
      await graph.demo?.close();
    },
  };
}
