// Configuration, validated in one place. Local mode (no BOT_ID) listens on loopback only and uses the demo
// tenant unless GRAPH_BASE_URL points at a Graph-compatible server.
import { z } from 'zod';
import { BotError } from './errors';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

const schema = z.object({
  BOT_ID: z.string().trim().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().trim().optional(),
  GRAPH_BASE_URL: z.string().trim().url().optional(),
  GRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  GRAPH_LOG_REQUESTS_PER_10S: z.coerce.number().int().min(1).max(10_000).default(5),
  DEMO_TENANT_FILE: z.string().trim().optional(),
  DATA_DIR: z.string().trim().default('.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  mode: 'local' | 'production';
  port: number;
  host: string;
  /** Unset in local mode = start the built-in demo tenant. */
  graphBaseUrl?: string;
  graphTimeoutMs: number;
  /** Provisioning-log requests per 10 s per tenant (Graph allows 5). */
  graphLogRequestsPer10s: number;
  demoTenantFile?: string;
  /** Where the file store keeps audit records and click idempotency keys. */
  dataDir: string;
  logLevel: string;
}

/** Reads the environment; throws a BotError('config') whose message lists every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankToUndefined = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
  const parsed = schema.safeParse(blankToUndefined);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new BotError('config', `The configuration is not valid:\n- ${problems.join('\n- ')}`);
  }
  const c = parsed.data;
  if (!c.BOT_ID) {
    const host = c.HOST ?? '127.0.0.1';
    if (!LOOPBACK.has(host)) {
      throw new BotError(
        'config',
        `HOST=${host} is not allowed in local mode: without BOT_ID the bot has no inbound authentication, so it only listens on 127.0.0.1. ` +
          'Set BOT_ID (and the other production settings) to listen on other addresses.',
      );
    }
    return {
      mode: 'local',
      port: c.PORT,
      host: host === 'localhost' ? '127.0.0.1' : host,
      graphBaseUrl: c.GRAPH_BASE_URL,
      graphTimeoutMs: c.GRAPH_TIMEOUT_MS,
      graphLogRequestsPer10s: c.GRAPH_LOG_REQUESTS_PER_10S,
      demoTenantFile: c.DEMO_TENANT_FILE,
      dataDir: c.DATA_DIR,
      logLevel: c.LOG_LEVEL,
    };
  }
  throw new BotError(
    'config',
    'Production mode (BOT_ID set) is not available yet in this version: sign-in and on-behalf-of Graph are still to come. Unset BOT_ID to run locally.',
  );
}
