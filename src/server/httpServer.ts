// The transport: restify with the Bot Framework endpoint, a health check and the pages the manifest links to. Activities sent with
// `deliveryMode: "expectReplies"` get their replies in the response body (botbuilder's CloudAdapter does it),
// which is how tests and tools talk to the bot without a connector.
// Before restify: it must be in place whoever loads this module (the entry point, a test, a tool).
import '../quietDeprecations';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Activity } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as restify from 'restify';
import type { Logger } from '../log';
import type { InboundCheck } from './botAuthentication';
import type { DirectTeamsAdapter } from './directAdapter';
import { isLocalRequest } from './localOrigin';
import { cutSlowRequests } from './slowRequests';
import { tenantsOf } from './tenantAllowList';

export interface HttpServer {
  url: string;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  adapter: DirectTeamsAdapter;
  bot: Application<TurnState>;
  logger: Logger;
  host: string;
  port: number;
  health: Record<string, unknown>;
  /** Live checks for /healthz (storage, Graph reachability); their report is merged over `health`. */
  checkHealth?: () => Promise<Record<string, unknown>>;
  /** Whether an activity's tenant may use the bot (ALLOWED_TENANTS); every tenant when absent. */
  tenantAllowed?: (body: unknown) => boolean;
  /** Production: the inbound token check, run before any turn. Absent = local mode (loopback, no tokens). */
  authenticate?: InboundCheck;
}

/** Activities are small; a 20 KB message fits many times. Anything larger is refused before parsing. */
const MAX_BODY_BYTES = 256 * 1024;
/** A client that sends its headers or body this slowly is cut off (slowloris). */
export const REQUEST_TIMEOUT_MS = 30_000;
export const HEADERS_TIMEOUT_MS = 10_000;

type Body = { type?: unknown; channelId?: unknown; serviceUrl?: unknown };

/** What is wrong with an activity's envelope, in words safe to send back; undefined when it is usable. */
function envelopeProblem(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'The body must be a JSON activity.';
  const b = body as Body;
  if (typeof b.type !== 'string' || !b.type) return 'The activity has no type.';
  if (typeof b.channelId !== 'string' || !b.channelId) return 'The activity has no channelId.';
  if (typeof b.serviceUrl !== 'string' || !b.serviceUrl) return 'The activity has no serviceUrl.';
  return undefined;
}

export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { logger } = options;
  const server = restify.createServer({ name: 'provisioning-assistant', handleUncaughtExceptions: false });
  server.server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.server.headersTimeout = HEADERS_TIMEOUT_MS;
  cutSlowRequests(server.server, REQUEST_TIMEOUT_MS);
  // Local mode has no inbound authentication: a web page in the developer's browser must not drive the bot.
  if (!options.authenticate) {
    server.pre((req, res, next) => {
      if (isLocalRequest(req.headers)) return next();
      logger.warn({ origin: req.headers.origin, host: req.headers.host }, 'cross-site request refused');
      res.send(403, { error: 'Local mode only answers requests from this machine.' });
      return next(false);
    });
  }
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));
  // restify's own errors (bad JSON, too large, unsupported type) as a short JSON error without internals.
  server.on('restifyError', (_req, res, error: { statusCode?: number }, callback: () => void) => {
    const status = Number(error?.statusCode) || 500;
    res.send(status, { error: status === 413 ? 'The request body is too large.' : status < 500 ? 'The request is not a valid JSON activity.' : 'The bot could not process this request.' });
    return callback();
  });

  server.post('/api/messages', async (req, res) => {
    // Local mode takes JSON only: a browser can post a form or plain text without asking first.
    if (!options.authenticate && !/^application\/json\b/i.test(String(req.headers['content-type'] ?? ''))) {
      res.send(415, { error: 'Send the activity as application/json.' });
      return;
    }
    const problem = envelopeProblem(req.body);
    if (problem) {
      res.send(400, { error: problem });
      return;
    }
    if (options.authenticate) {
      const refused = await options.authenticate(req.body as Activity, String(req.headers.authorization ?? '')).catch((error: unknown) => {
        logger.error({ err: error }, 'inbound authentication could not run');
        return 'authentication is unavailable';
      });
      if (refused) {
        // Once, by our logger: the reason, never the token.
        logger.warn({ reason: refused, activity: (req.body as { id?: unknown })?.id }, 'activity with a rejected token refused');
        res.send(401, { error: 'Unauthorized.' });
        return;
      }
    }
    // After authentication: an unauthenticated caller must not learn which tenants are served.
    if (options.tenantAllowed && !options.tenantAllowed(req.body)) {
      logger.warn({ tenants: tenantsOf(req.body), activity: (req.body as { id?: unknown })?.id }, 'activity from a tenant outside ALLOWED_TENANTS refused');
      res.send(403, { error: 'This bot does not serve your tenant.' });
      return;
    }
    // The activity goes to the adapter directly (directAdapter.ts): its envelope was checked above.
    try {
      const invoke = await options.adapter.runActivity(String(req.headers.authorization ?? ''), req.body as Activity, (context) => options.bot.run(context).then(() => undefined));
      if (invoke?.body === undefined) {
        res.writeHead(invoke?.status ?? 200);
        res.end();
      } else {
        res.send(invoke.status, invoke.body);
      }
    } catch (error) {
      if (error instanceof AuthenticationError) {
        res.send(401, { error: 'Unauthorized.' });
        return;
      }
      logger.error({ err: error }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: 'The bot could not process this activity.' });
    }
  });
  for (const [page, html] of pages()) {
    server.get(`/${page}`, async (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'", 'Cache-Control': 'public, max-age=3600' });
      res.end(html);
    });
  }
  server.get('/healthz', async (_req, res) => {
    // A store that does not answer makes the bot degraded (503); an unreachable Graph is reported, not fatal.
    const live = options.checkHealth ? await options.checkHealth() : {};
    const storageDown = typeof live.storage === 'string' && live.storage !== 'ok';
    res.send(storageDown ? 503 : 200, { status: 'ok', ...options.health, ...live });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${address.port}`;
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The pages the Teams manifest links to (about, privacy, terms of use), served by the bot itself: docs/pages. */
const PAGE_DIRS = [resolve(__dirname, '../../docs/pages'), resolve(__dirname, '../../../docs/pages')];

function pages(): Array<[string, string]> {
  const dir = PAGE_DIRS.find((d) => existsSync(d));
  if (!dir) return [];
  return ['about', 'privacy', 'terms'].filter((p) => existsSync(join(dir, `${p}.html`))).map((p) => [p, readFileSync(join(dir, `${p}.html`), 'utf8')]);
}
