// Configuration, validated in one place. Local mode (no BOT_ID) listens on loopback only and uses the demo
// tenant unless GRAPH_BASE_URL points at a Graph-compatible server. Production mode (BOT_ID set) needs the
// Azure Bot's identity and sign-in connection; every problem is reported at once, and secrets (passwords,
// private keys, connection strings) never appear in a message.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_AUTHORITY_HOST } from './auth/consent';
import { BotError } from './errors';
import { isGuid } from './graph/odataText';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const THUMBPRINT = /^[0-9a-f]{40}$/i;
/** Azure container names: 3–63 lower-case letters, digits and single hyphens, starting with a letter or digit. */
const CONTAINER = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

const DEFAULTS = {
  graphBaseUrl: 'https://graph.microsoft.com/v1.0',
  aadAuthorityHost: DEFAULT_AUTHORITY_HOST,
  productionHost: '0.0.0.0',
  storageContainer: 'provisioning-assistant',
};

/** The settings both modes read, each checked on its own; each mode adds its own settings and checks below. */
const SHARED = {
  BOT_ID: z.string().trim().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().trim().optional(),
  GRAPH_BASE_URL: z.string().trim().url().optional(),
  BOT_OPENID_METADATA_URL: z.string().trim().url().optional(),
  BOT_TOKEN_ISSUER: z.string().trim().url().optional(),
  BOT_OAUTH_URL: z.string().trim().url().optional(),
  AAD_AUTHORITY_HOST: z.string().trim().url().optional(),
  GRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  GRAPH_LOG_REQUESTS_PER_10S: z.coerce.number().int().min(1).max(10_000).default(5),
  GRAPH_LOG_CACHE_SECONDS: z.coerce.number().int().min(0).max(600).default(30),
  REPLY_DEADLINE_MS: z.coerce.number().int().min(500).max(12_000).default(10_000),
  WORK_DEADLINE_MS: z.coerce.number().int().min(500).max(600_000).default(60_000),
  DEMO_TENANT_FILE: z.string().trim().optional(),
  DEMO_SIGNED_IN_AS: z.enum(['admin', 'global-reader']).default('admin'),
  DEMO_LICENCE: z.enum(['p1', 'free']).default('p1'),
  DATA_DIR: z.string().trim().default('.data'),
  // Fractions are for tests that watch several cycles; a real tenant polls every few minutes.
  ALERT_POLL_SECONDS: z.coerce.number().min(0).max(86_400).default(300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Blob storage in either mode: two instances share alert state and idempotency keys through it.
  STORAGE_CONNECTION_STRING: z
    .string()
    .refine(isStorageConnectionString, 'STORAGE_CONNECTION_STRING is not an Azure Storage connection string (expected AccountName and AccountKey, BlobEndpoint and SharedAccessSignature, or UseDevelopmentStorage=true).')
    .optional(),
  STORAGE_CONTAINER: z
    .string()
    .refine((name) => CONTAINER.test(name), 'STORAGE_CONTAINER must be 3–63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.')
    .optional(),
};

interface SharedConfig {
  port: number;
  host: string;
  graphTimeoutMs: number;
  /** Provisioning-log requests per 10 s per tenant (Graph allows 5). */
  graphLogRequestsPer10s: number;
  /** How long the same admin's same provisioning-log read is reused; 0 = never. */
  graphLogCacheSeconds: number;
  /** Every question and button gets a reply (the answer, or "working…") within this (Teams waits ~15 s). */
  replyDeadlineMs: number;
  /** Graph work of one question or button stops here: no request starts and no retry waits past it. */
  workDeadlineMs: number;
  /** Where the file store keeps audit records, click idempotency keys and alert state. */
  dataDir: string;
  /** Azure Blob storage shared by several instances; unset = the file store under dataDir. */
  storageConnectionString?: string;
  storageContainer: string;
  /** How often the alert poller reads the watched jobs; 0 turns the poller off. */
  alertPollSeconds: number;
  logLevel: string;
}

export interface LocalConfig extends SharedConfig {
  mode: 'local';
  /** Unset = start the built-in demo tenant. */
  graphBaseUrl?: string;
  demoTenantFile?: string;
  /** Who the demo tenant's caller is (`global-reader`: synchronization calls answer 401) and its licence (`free`: audit logs answer 403). */
  demoAccess: { signedInAs: 'admin' | 'global-reader'; licence: 'p1' | 'free' };
}

/** `SingleTenant`: the bot's own Entra app (secret or certificate). `UserAssignedMSI`: an Azure managed identity. */
export type BotType = 'SingleTenant' | 'UserAssignedMSI';

export interface BotCertificate {
  /** SHA-1 thumbprint, 40 hex digits. */
  thumbprint: string;
  /** PEM private key (from BOT_CERTIFICATE_PRIVATE_KEY or the file BOT_CERTIFICATE_PRIVATE_KEY_FILE). */
  privateKey: string;
}

export interface ProductionConfig extends SharedConfig {
  mode: 'production';
  graphBaseUrl: string;
  botId: string;
  botType: BotType;
  botTenantId: string;
  /** SingleTenant: exactly one of botPassword and botCertificate. UserAssignedMSI: neither. */
  botPassword?: string;
  botCertificate?: BotCertificate;
  /** Lower-case tenant ids whose activities are served; unset = every tenant that reaches the bot. */
  allowedTenants?: readonly string[];
  oauthConnectionName: string;
  /** Overrides of Bot Framework endpoints (sovereign clouds, tests); unset = the public cloud's. */
  botOpenIdMetadataUrl?: string;
  botTokenIssuer?: string;
  botOAuthUrl?: string;
  /** Entra authority host for the on-behalf-of exchange. */
  aadAuthorityHost: string;
}

export type Config = LocalConfig | ProductionConfig;

type Env = Record<string, string | undefined>;

/** Reads the environment; throws a BotError('config') whose message lists every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const clean: Env = Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v === undefined || v.trim() === '' ? undefined : v.trim()]),
  );
  const parsed = (clean.BOT_ID ? PRODUCTION : LOCAL).safeParse(clean);
  if (parsed.success) return parsed.data;
  throw new BotError('config', `The configuration is not valid:\n- ${parsed.error.issues.map(problem).join('\n- ')}`);
}

/** Our own checks name the setting in their sentence; zod's own messages are prefixed with it. */
function problem(issue: z.ZodIssue): string {
  return issue.code === z.ZodIssueCode.custom ? issue.message : `${issue.path.join('.')}: ${issue.message}`;
}

function fail(ctx: z.RefinementCtx, setting: string, message: string): void {
  ctx.addIssue({ code: z.ZodIssueCode.custom, path: [setting], message });
}

/**
 * The settings, each keeping its value when it has a problem, so that the checks across settings still run and
 * every problem is listed at once: zod keeps a value that fails a check (a bound, a refine) but gives up on the
 * whole object, checks across settings included, when a value has the wrong type (PORT=eighty) or is not one of
 * the choices.
 */
function eachReported<S extends z.ZodRawShape>(shape: S): S {
  const reported = Object.entries(shape).map(([name, setting]) => [
    name,
    z.unknown().transform((value, ctx) => {
      const result = setting.safeParse(value);
      if (result.success) return result.data;
      for (const issue of result.error.issues) ctx.addIssue(issue);
      return value;
    }),
  ]);
  return Object.fromEntries(reported) as unknown as S;
}

type SharedSettings = z.output<z.ZodObject<typeof SHARED>> & { HOST: string };

function sharedConfig(c: SharedSettings): SharedConfig {
  return {
    port: c.PORT,
    host: c.HOST,
    graphTimeoutMs: c.GRAPH_TIMEOUT_MS,
    graphLogRequestsPer10s: c.GRAPH_LOG_REQUESTS_PER_10S,
    graphLogCacheSeconds: c.GRAPH_LOG_CACHE_SECONDS,
    replyDeadlineMs: c.REPLY_DEADLINE_MS,
    workDeadlineMs: Math.max(c.WORK_DEADLINE_MS, c.REPLY_DEADLINE_MS),
    dataDir: c.DATA_DIR,
    storageConnectionString: c.STORAGE_CONNECTION_STRING,
    storageContainer: c.STORAGE_CONTAINER ?? DEFAULTS.storageContainer,
    alertPollSeconds: c.ALERT_POLL_SECONDS,
    logLevel: c.LOG_LEVEL,
  };
}

function checkStorage(c: SharedSettings, ctx: z.RefinementCtx): void {
  if (c.STORAGE_CONTAINER && !c.STORAGE_CONNECTION_STRING) fail(ctx, 'STORAGE_CONTAINER', 'STORAGE_CONTAINER is set but STORAGE_CONNECTION_STRING is not.');
}

const LOCAL = z
  .object(
    eachReported({
      ...SHARED,
      HOST: SHARED.HOST.default('127.0.0.1')
        .refine(
          (host) => LOOPBACK.has(host),
          (host) => ({
            message:
              `HOST=${host} is not allowed in local mode: without BOT_ID the bot has no inbound authentication, so it only listens on 127.0.0.1. ` +
              'Set BOT_ID (and the other production settings) to listen on other addresses.',
          }),
        )
        .transform((host) => (host === 'localhost' ? '127.0.0.1' : host === '[::1]' ? '::1' : host)),
    }),
  )
  .superRefine(checkStorage)
  .transform(
    (c): LocalConfig => ({
      mode: 'local',
      ...sharedConfig(c),
      graphBaseUrl: c.GRAPH_BASE_URL,
      demoTenantFile: c.DEMO_TENANT_FILE,
      demoAccess: { signedInAs: c.DEMO_SIGNED_IN_AS, licence: c.DEMO_LICENCE },
    }),
  );

const BOT_TYPES: Record<string, BotType> = { singletenant: 'SingleTenant', userassignedmsi: 'UserAssignedMSI' };

const PRODUCTION_SETTINGS = z.object(
  eachReported({
    ...SHARED,
    BOT_ID: z.string().refine(isGuid, "BOT_ID must be the Azure Bot's Microsoft app id (a GUID)."),
    HOST: SHARED.HOST.default(DEFAULTS.productionHost),
    GRAPH_BASE_URL: SHARED.GRAPH_BASE_URL.default(DEFAULTS.graphBaseUrl),
    AAD_AUTHORITY_HOST: SHARED.AAD_AUTHORITY_HOST.default(DEFAULTS.aadAuthorityHost),
    DEMO_TENANT_FILE: SHARED.DEMO_TENANT_FILE.refine((file) => file === undefined, 'DEMO_TENANT_FILE only applies in local mode: unset it, or unset BOT_ID to run locally.'),
    BOT_TYPE: z.string().default('SingleTenant').transform(toBotType),
    BOT_TENANT_ID: z
      .string()
      .refine(isGuid, 'BOT_TENANT_ID must be a tenant id (a GUID).')
      .transform((id) => id.toLowerCase())
      .optional(),
    BOT_PASSWORD: z.string().optional(),
    BOT_CERTIFICATE_THUMBPRINT: z
      .string()
      .refine((thumbprint) => THUMBPRINT.test(thumbprint), "BOT_CERTIFICATE_THUMBPRINT must be the certificate's SHA-1 thumbprint (40 hex digits).")
      .optional(),
    BOT_CERTIFICATE_PRIVATE_KEY: z.string().refine(isPemPrivateKey, 'BOT_CERTIFICATE_PRIVATE_KEY is not an unencrypted PEM private key.').optional(),
    BOT_CERTIFICATE_PRIVATE_KEY_FILE: z.string().transform(readKeyFile).optional(),
    OAUTH_CONNECTION_NAME: z.string().optional(),
    ALLOWED_TENANTS: z.string().transform(tenantIds).optional(),
  }),
);

type ProductionSettings = z.output<typeof PRODUCTION_SETTINGS>;

const PRODUCTION = PRODUCTION_SETTINGS.superRefine(checkProduction).transform(
  (c): ProductionConfig => ({
    mode: 'production',
    ...sharedConfig(c),
    graphBaseUrl: c.GRAPH_BASE_URL,
    botId: c.BOT_ID,
    botType: c.BOT_TYPE,
    // checkProduction has made sure of the tenant id and the connection name.
    botTenantId: c.BOT_TENANT_ID!,
    botPassword: c.BOT_TYPE === 'SingleTenant' ? c.BOT_PASSWORD : undefined,
    botCertificate: certificateOf(c),
    allowedTenants: c.ALLOWED_TENANTS,
    oauthConnectionName: c.OAUTH_CONNECTION_NAME!,
    botOpenIdMetadataUrl: c.BOT_OPENID_METADATA_URL,
    botTokenIssuer: c.BOT_TOKEN_ISSUER,
    botOAuthUrl: c.BOT_OAUTH_URL,
    aadAuthorityHost: c.AAD_AUTHORITY_HOST,
  }),
);

/** The checks across production settings; a setting with a problem of its own has been reported already. */
function checkProduction(c: ProductionSettings, ctx: z.RefinementCtx): void {
  const botType = Object.values(BOT_TYPES).find((type) => type === c.BOT_TYPE);
  if (!c.BOT_TENANT_ID && botType) fail(ctx, 'BOT_TENANT_ID', `BOT_TENANT_ID is missing: BOT_TYPE ${botType} needs the tenant id of the bot's Entra app.`);
  const certificate = hasCertificateSetting(c);
  if (certificate) {
    if (!c.BOT_CERTIFICATE_THUMBPRINT) fail(ctx, 'BOT_CERTIFICATE_THUMBPRINT', 'BOT_CERTIFICATE_THUMBPRINT is missing: a certificate needs its thumbprint.');
    if (c.BOT_CERTIFICATE_PRIVATE_KEY && c.BOT_CERTIFICATE_PRIVATE_KEY_FILE) {
      fail(ctx, 'BOT_CERTIFICATE_PRIVATE_KEY', 'Set BOT_CERTIFICATE_PRIVATE_KEY or BOT_CERTIFICATE_PRIVATE_KEY_FILE, not both.');
    }
    if (!c.BOT_CERTIFICATE_PRIVATE_KEY && !c.BOT_CERTIFICATE_PRIVATE_KEY_FILE) {
      fail(ctx, 'BOT_CERTIFICATE_PRIVATE_KEY', 'BOT_CERTIFICATE_PRIVATE_KEY or BOT_CERTIFICATE_PRIVATE_KEY_FILE is missing: a certificate needs its private key.');
    }
  }
  if (botType === 'SingleTenant') {
    if (c.BOT_PASSWORD && certificate) fail(ctx, 'BOT_PASSWORD', 'Set BOT_PASSWORD or a certificate (BOT_CERTIFICATE_*), not both.');
    if (!c.BOT_PASSWORD && !certificate) {
      fail(ctx, 'BOT_PASSWORD', "BOT_PASSWORD or a certificate (BOT_CERTIFICATE_THUMBPRINT with BOT_CERTIFICATE_PRIVATE_KEY or BOT_CERTIFICATE_PRIVATE_KEY_FILE) is missing: BOT_TYPE SingleTenant needs a credential for the bot's Entra app.");
    }
  }
  if (botType === 'UserAssignedMSI' && (c.BOT_PASSWORD || certificate)) {
    fail(ctx, 'BOT_PASSWORD', 'BOT_PASSWORD and BOT_CERTIFICATE_* must not be set with BOT_TYPE UserAssignedMSI: the managed identity is the credential.');
  }
  if (!c.OAUTH_CONNECTION_NAME) fail(ctx, 'OAUTH_CONNECTION_NAME', 'OAUTH_CONNECTION_NAME is missing: the name of the Azure Bot OAuth connection admins sign in with.');
  checkStorage(c, ctx);
  // Endpoints that receive or vouch for tokens: https, except a loopback stand-in (tests). Whether they are
  // URLs at all is the setting's own check. The issuer is only compared as a string, never fetched.
  for (const setting of ['GRAPH_BASE_URL', 'BOT_OPENID_METADATA_URL', 'BOT_OAUTH_URL'] as const) {
    const url = c[setting];
    if (url && protocolOf(url) === 'http:' && !LOOPBACK.has(new URL(url).hostname)) {
      fail(ctx, setting, `${setting} must use https (plain http is only accepted on loopback, for local stand-ins).`);
    }
  }
  // MSAL accepts only https authorities, loopback included.
  if (protocolOf(c.AAD_AUTHORITY_HOST) === 'http:') fail(ctx, 'AAD_AUTHORITY_HOST', 'AAD_AUTHORITY_HOST must use https.');
}

function toBotType(value: string, ctx: z.RefinementCtx): BotType {
  const type = BOT_TYPES[value.toLowerCase()];
  if (type) return type;
  ctx.addIssue({
    code: z.ZodIssueCode.custom,
    message:
      value.toLowerCase() === 'multitenant'
        ? 'BOT_TYPE MultiTenant is not supported: new Azure Bot registrations must be single-tenant (multi-tenant bot creation is deprecated). Use SingleTenant or UserAssignedMSI.'
        : 'BOT_TYPE must be SingleTenant (the default) or UserAssignedMSI.',
  });
  return z.NEVER;
}

function hasCertificateSetting(c: ProductionSettings): boolean {
  return !!(c.BOT_CERTIFICATE_THUMBPRINT || c.BOT_CERTIFICATE_PRIVATE_KEY || c.BOT_CERTIFICATE_PRIVATE_KEY_FILE);
}

/** The key file's text, when it can be read and holds a PEM private key. */
function readKeyFile(file: string, ctx: z.RefinementCtx): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `BOT_CERTIFICATE_PRIVATE_KEY_FILE: cannot read ${file}.` });
    return z.NEVER;
  }
  if (!isPemPrivateKey(text)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'BOT_CERTIFICATE_PRIVATE_KEY_FILE is not an unencrypted PEM private key.' });
  return text;
}

/** The certificate, once its settings are complete (production checks say when they are not). */
function certificateOf(c: ProductionSettings): BotCertificate | undefined {
  const privateKey = c.BOT_CERTIFICATE_PRIVATE_KEY ?? c.BOT_CERTIFICATE_PRIVATE_KEY_FILE;
  return c.BOT_CERTIFICATE_THUMBPRINT && privateKey ? { thumbprint: c.BOT_CERTIFICATE_THUMBPRINT, privateKey } : undefined;
}

function tenantIds(value: string, ctx: z.RefinementCtx): string[] {
  const ids = value.split(',').map((id) => id.trim()).filter(Boolean);
  const invalid = ids.filter((id) => !isGuid(id));
  if (invalid.length) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `ALLOWED_TENANTS must be comma-separated tenant ids (GUIDs); not a GUID: ${invalid.join(', ')}.` });
  if (!ids.length) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'ALLOWED_TENANTS has no tenant id.' });
  return ids.map((id) => id.toLowerCase());
}

function isPemPrivateKey(text: string): boolean {
  if (!text.includes('-----BEGIN')) return false;
  try {
    createPrivateKey(text);
    return true;
  } catch {
    return false;
  }
}

/** Checks the shape only; the value itself is a secret and is never echoed. */
function isStorageConnectionString(value: string): boolean {
  const pairs = value.split(';').filter((part) => part.trim() !== '');
  const entries = pairs.map((part) => {
    const at = part.indexOf('=');
    return at > 0 ? [part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim()] : undefined;
  });
  if (!entries.length || entries.some((e) => !e || !e[1])) return false;
  const keys = new Map(entries as Array<[string, string]>);
  return (
    keys.get('usedevelopmentstorage') === 'true' ||
    (keys.has('accountname') && keys.has('accountkey')) ||
    (keys.has('blobendpoint') && keys.has('sharedaccesssignature'))
  );
}

function protocolOf(value: string): string | undefined {
  try {
    return new URL(value).protocol;
  } catch {
    return undefined;
  }
}
