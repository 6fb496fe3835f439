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

const schema = z.object({
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
  WORK_DEADLINE_MS: z.coerce.number().int().min(1_000).max(600_000).default(60_000),
  DEMO_TENANT_FILE: z.string().trim().optional(),
  DEMO_SIGNED_IN_AS: z.enum(['admin', 'global-reader']).default('admin'),
  DEMO_LICENCE: z.enum(['p1', 'free']).default('p1'),
  DATA_DIR: z.string().trim().default('.data'),
  // Fractions are for tests that watch several cycles; a real tenant polls every few minutes.
  ALERT_POLL_SECONDS: z.coerce.number().min(0).max(86_400).default(300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

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
  const parsed = schema.safeParse(clean);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const config = clean.BOT_ID ? productionConfig(clean, parsed.data, problems) : localConfig(clean, parsed.data, problems);
  if (problems.length || !config) {
    throw new BotError('config', `The configuration is not valid:\n- ${problems.join('\n- ')}`);
  }
  return config;
}

type Parsed = z.infer<typeof schema> | undefined;

function shared(c: z.infer<typeof schema>, host: string, storage: StorageSettings): SharedConfig {
  return {
    port: c.PORT,
    host,
    graphTimeoutMs: c.GRAPH_TIMEOUT_MS,
    graphLogRequestsPer10s: c.GRAPH_LOG_REQUESTS_PER_10S,
    graphLogCacheSeconds: c.GRAPH_LOG_CACHE_SECONDS,
    replyDeadlineMs: c.REPLY_DEADLINE_MS,
    workDeadlineMs: Math.max(c.WORK_DEADLINE_MS, c.REPLY_DEADLINE_MS),
    dataDir: c.DATA_DIR,
    ...storage,
    alertPollSeconds: c.ALERT_POLL_SECONDS,
    logLevel: c.LOG_LEVEL,
  };
}

type StorageSettings = Pick<SharedConfig, 'storageConnectionString' | 'storageContainer'>;

/** Blob storage in either mode: two instances share alert state and idempotency keys through it. */
function storageSettings(env: Env, problems: string[]): StorageSettings {
  const storageConnectionString = env.STORAGE_CONNECTION_STRING;
  if (storageConnectionString && !isStorageConnectionString(storageConnectionString)) {
    problems.push('STORAGE_CONNECTION_STRING is not an Azure Storage connection string (expected AccountName and AccountKey, BlobEndpoint and SharedAccessSignature, or UseDevelopmentStorage=true).');
  }
  if (env.STORAGE_CONTAINER && !storageConnectionString) problems.push('STORAGE_CONTAINER is set but STORAGE_CONNECTION_STRING is not.');
  const storageContainer = env.STORAGE_CONTAINER ?? DEFAULTS.storageContainer;
  if (!CONTAINER.test(storageContainer)) {
    problems.push('STORAGE_CONTAINER must be 3–63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.');
  }
  return { storageConnectionString, storageContainer };
}

function localConfig(env: Env, c: Parsed, problems: string[]): LocalConfig | undefined {
  const host = env.HOST ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) {
    problems.push(
      `HOST=${host} is not allowed in local mode: without BOT_ID the bot has no inbound authentication, so it only listens on 127.0.0.1. ` +
        'Set BOT_ID (and the other production settings) to listen on other addresses.',
    );
  }
  const storage = storageSettings(env, problems);
  if (!c || problems.length) return undefined;
  return {
    mode: 'local',
    ...shared(c, host === 'localhost' ? '127.0.0.1' : host === '[::1]' ? '::1' : host, storage),
    graphBaseUrl: c.GRAPH_BASE_URL,
    demoTenantFile: c.DEMO_TENANT_FILE,
    demoAccess: { signedInAs: c.DEMO_SIGNED_IN_AS, licence: c.DEMO_LICENCE },
  };
}

function productionConfig(env: Env, c: Parsed, problems: string[]): ProductionConfig | undefined {
  const botId = env.BOT_ID!;
  if (!isGuid(botId)) problems.push('BOT_ID must be the Azure Bot\'s Microsoft app id (a GUID).');
  if (env.DEMO_TENANT_FILE) problems.push('DEMO_TENANT_FILE only applies in local mode: unset it, or unset BOT_ID to run locally.');

  const botType = readBotType(env.BOT_TYPE, problems);
  const botTenantId = env.BOT_TENANT_ID;
  if (!botTenantId) {
    if (botType) problems.push(`BOT_TENANT_ID is missing: BOT_TYPE ${botType} needs the tenant id of the bot's Entra app.`);
  } else if (!isGuid(botTenantId)) {
    problems.push('BOT_TENANT_ID must be a tenant id (a GUID).');
  }
  const botCertificate = readCertificate(env, problems);
  if (botType === 'SingleTenant') {
    if (env.BOT_PASSWORD && botCertificate) problems.push('Set BOT_PASSWORD or a certificate (BOT_CERTIFICATE_*), not both.');
    if (!env.BOT_PASSWORD && !botCertificate && !hasCertificateSetting(env)) {
      problems.push('BOT_PASSWORD or a certificate (BOT_CERTIFICATE_THUMBPRINT with BOT_CERTIFICATE_PRIVATE_KEY or BOT_CERTIFICATE_PRIVATE_KEY_FILE) is missing: BOT_TYPE SingleTenant needs a credential for the bot\'s Entra app.');
    }
  }
  if (botType === 'UserAssignedMSI' && (env.BOT_PASSWORD || hasCertificateSetting(env))) {
    problems.push('BOT_PASSWORD and BOT_CERTIFICATE_* must not be set with BOT_TYPE UserAssignedMSI: the managed identity is the credential.');
  }

  const oauthConnectionName = env.OAUTH_CONNECTION_NAME;
  if (!oauthConnectionName) problems.push('OAUTH_CONNECTION_NAME is missing: the name of the Azure Bot OAuth connection admins sign in with.');

  const allowedTenants = readAllowedTenants(env.ALLOWED_TENANTS, problems);
  const storage = storageSettings(env, problems);

  // Endpoints that receive or vouch for tokens: https, except a loopback stand-in (tests). Whether they are
  // URLs at all is the schema's check. The issuer is only compared as a string, never fetched.
  const graphBaseUrl = env.GRAPH_BASE_URL ?? DEFAULTS.graphBaseUrl;
  const { BOT_OPENID_METADATA_URL: botOpenIdMetadataUrl, BOT_OAUTH_URL: botOAuthUrl, BOT_TOKEN_ISSUER: botTokenIssuer } = env;
  requireHttps({ GRAPH_BASE_URL: graphBaseUrl, BOT_OPENID_METADATA_URL: botOpenIdMetadataUrl, BOT_OAUTH_URL: botOAuthUrl }, problems);
  const aadAuthorityHost = env.AAD_AUTHORITY_HOST ?? DEFAULTS.aadAuthorityHost;
  // MSAL accepts only https authorities, loopback included.
  if (protocolOf(aadAuthorityHost) === 'http:') problems.push('AAD_AUTHORITY_HOST must use https.');

  if (!c || problems.length || !botType || !botTenantId || !oauthConnectionName) return undefined;
  return {
    mode: 'production',
    ...shared(c, env.HOST ?? DEFAULTS.productionHost, storage),
    graphBaseUrl,
    botId,
    botType,
    botTenantId: botTenantId.toLowerCase(),
    botPassword: botType === 'SingleTenant' ? env.BOT_PASSWORD : undefined,
    botCertificate,
    allowedTenants,
    oauthConnectionName,
    botOpenIdMetadataUrl,
    botTokenIssuer,
    botOAuthUrl,
    aadAuthorityHost,
  };
}

function readBotType(value: string | undefined, problems: string[]): BotType | undefined {
  switch ((value ?? 'SingleTenant').toLowerCase()) {
    case 'singletenant':
      return 'SingleTenant';
    case 'userassignedmsi':
      return 'UserAssignedMSI';
    case 'multitenant':
      problems.push('BOT_TYPE MultiTenant is not supported: new Azure Bot registrations must be single-tenant (multi-tenant bot creation is deprecated). Use SingleTenant or UserAssignedMSI.');
      return undefined;
    default:
      problems.push('BOT_TYPE must be SingleTenant (the default) or UserAssignedMSI.');
      return undefined;
  }
}

function hasCertificateSetting(env: Env): boolean {
  return !!(env.BOT_CERTIFICATE_THUMBPRINT || env.BOT_CERTIFICATE_PRIVATE_KEY || env.BOT_CERTIFICATE_PRIVATE_KEY_FILE);
}

/** The certificate when its settings are complete and the key is a readable PEM private key. */
function readCertificate(env: Env, problems: string[]): BotCertificate | undefined {
  if (!hasCertificateSetting(env)) return undefined;
  const { BOT_CERTIFICATE_THUMBPRINT: thumbprint, BOT_CERTIFICATE_PRIVATE_KEY: inline, BOT_CERTIFICATE_PRIVATE_KEY_FILE: file } = env;
  const before = problems.length;
  if (!thumbprint) problems.push('BOT_CERTIFICATE_THUMBPRINT is missing: a certificate needs its thumbprint.');
  else if (!THUMBPRINT.test(thumbprint)) problems.push('BOT_CERTIFICATE_THUMBPRINT must be the certificate\'s SHA-1 thumbprint (40 hex digits).');
  if (inline && file) problems.push('Set BOT_CERTIFICATE_PRIVATE_KEY or BOT_CERTIFICATE_PRIVATE_KEY_FILE, not both.');
  if (!inline && !file) problems.push('BOT_CERTIFICATE_PRIVATE_KEY or BOT_CERTIFICATE_PRIVATE_KEY_FILE is missing: a certificate needs its private key.');
  let privateKey = inline;
  if (file && !inline) {
    try {
      privateKey = readFileSync(file, 'utf8');
    } catch {
      problems.push(`BOT_CERTIFICATE_PRIVATE_KEY_FILE: cannot read ${file}.`);
    }
  }
  if (privateKey && !isPemPrivateKey(privateKey)) {
    problems.push(`${inline ? 'BOT_CERTIFICATE_PRIVATE_KEY' : 'BOT_CERTIFICATE_PRIVATE_KEY_FILE'} is not an unencrypted PEM private key.`);
  }
  return problems.length === before && thumbprint && privateKey ? { thumbprint, privateKey } : undefined;
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

function readAllowedTenants(value: string | undefined, problems: string[]): string[] | undefined {
  if (!value) return undefined;
  const ids = value.split(',').map((id) => id.trim()).filter(Boolean);
  const invalid = ids.filter((id) => !isGuid(id));
  if (invalid.length) problems.push(`ALLOWED_TENANTS must be comma-separated tenant ids (GUIDs); not a GUID: ${invalid.join(', ')}.`);
  if (!ids.length) problems.push('ALLOWED_TENANTS has no tenant id.');
  return ids.map((id) => id.toLowerCase());
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

function requireHttps(urls: Record<string, string | undefined>, problems: string[]): void {
  for (const [name, value] of Object.entries(urls)) {
    if (value && protocolOf(value) === 'http:' && !LOOPBACK.has(new URL(value).hostname)) {
      problems.push(`${name} must use https (plain http is only accepted on loopback, for local stand-ins).`);
    }
  }
}
