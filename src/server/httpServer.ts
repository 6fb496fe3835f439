// The transport: restify with the Bot Framework endpoint and a health check. Activities sent with
// `deliveryMode: "expectReplies"` get their replies in the response body (botbuilder's CloudAdapter does it),
// which is how tests and tools talk to the bot without a connector.
import type { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import * as restify from 'restify';
import type { Logger } from '../log';
import { tenantsOf } from './tenantAllowList';

export interface HttpServer {
  url: string;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  adapter: TeamsAdapter;
  bot: Application<TurnState>;
  logger: Logger;
  host: string;
  port: number;
  health: Record<string, unknown>;
  /** Live checks for /healthz (storage, Graph reachability); their report is merged over `health`. */
  checkHealth?: () => Promise<Record<string, unknown>>;
  /** Whether an activity's tenant may use the bot (ALLOWED_TENANTS); every tenant when absent. */
  tenantAllowed?: (body: unknown) => boolean;
}

/** Activities are small; a 20 KB message fits many times. Anything larger is refused before parsing. */
const MAX_BODY_BYTES = 256 * 1024;

export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const server = restify.createServer({ name: 'provisioning-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    // Before the adapter: a refused tenant never starts a turn, so it cannot cause a Graph call.
    if (options.tenantAllowed && !options.tenantAllowed(req.body)) {
      options.logger.warn({ tenants: tenantsOf(req.body), activity: (req.body as { id?: unknown })?.id }, 'activity from a tenant outside ALLOWED_TENANTS refused');
      res.send(403, { error: 'This bot does not serve your tenant.' });
      return;
    }
    try {
      await options.adapter.process(req, res as never, (context) => options.bot.run(context).then(() => undefined));
    } catch (error) {
      options.logger.error({ err: error }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: 'The bot could not process this activity.' });
    }
  });
  server.get('/healthz', async (_req, res) => {
    const live = options.checkHealth ? await options.checkHealth() : {};
    res.send(200, { status: 'ok', ...options.health, ...live });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const url = `http://${options.host}:${address.port}`;
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
