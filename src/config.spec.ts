import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, type Config } from './config';
import { BotError } from './errors';

const BOT_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE';
const PASSWORD = 'pw~Sup3r.Secret_Value';
const PEM = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
const THUMBPRINT = 'A1B2C3D4E5F60718293A4B5C6D7E8F9011223344';
const STORAGE = 'DefaultEndpointsProtocol=https;AccountName=pastore;AccountKey=c2VjcmV0LWtleS1kby1ub3Qtc2hvdw==;EndpointSuffix=core.windows.net';
const SINGLE_TENANT = { BOT_ID, BOT_TENANT_ID: TENANT, BOT_PASSWORD: PASSWORD, OAUTH_CONNECTION_NAME: 'graph' };

/** The problems a refused configuration lists, one per line. */
function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(BotError);
    expect((error as BotError).code).toBe('config');
    const message = (error as BotError).message;
    expect(message.startsWith('The configuration is not valid:\n- ')).toBe(true);
    return message.split('\n- ').slice(1);
  }
  throw new Error('the configuration was accepted');
}

/** The settings both modes share, at their defaults. */
const SHARED_DEFAULTS = {
  port: 3978,
  graphTimeoutMs: 10_000,
  graphLogRequestsPer10s: 5,
  graphLogCacheSeconds: 30,
  replyDeadlineMs: 10_000,
  workDeadlineMs: 60_000,
  dataDir: '.data',
  storageConnectionString: undefined,
  storageContainer: 'provisioning-assistant',
  alertPollSeconds: 300,
  logLevel: 'info',
};

function production(config: Config) {
  if (config.mode !== 'production') throw new Error(`mode is ${config.mode}`);
  return config;
}

describe('loadConfig: local mode (no BOT_ID)', () => {
  it('listens on loopback with the demo tenant by default', () => {
    expect(loadConfig({})).toEqual({
      mode: 'local',
      host: '127.0.0.1',
      graphBaseUrl: undefined,
      demoTenantFile: undefined,
      demoAccess: { signedInAs: 'admin', licence: 'p1' },
      ...SHARED_DEFAULTS,
    });
  });

  it('takes Blob storage and the alert interval in local mode too (two local instances share alert state)', () => {
    const c = loadConfig({ STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', STORAGE_CONTAINER: 'alerts-test', ALERT_POLL_SECONDS: '2' });
    expect(c).toMatchObject({ mode: 'local', storageConnectionString: 'UseDevelopmentStorage=true', storageContainer: 'alerts-test', alertPollSeconds: 2 });
  });

  it('treats a blank BOT_ID as unset and localhost as 127.0.0.1', () => {
    expect(loadConfig({ BOT_ID: '  ', HOST: 'localhost' })).toMatchObject({ mode: 'local', host: '127.0.0.1' });
  });

  it('signs in to the demo tenant as a Global Reader, or without a P1/P2 licence, and names the values it accepts', () => {
    expect(loadConfig({ DEMO_SIGNED_IN_AS: 'global-reader', DEMO_LICENCE: 'free' })).toMatchObject({
      demoAccess: { signedInAs: 'global-reader', licence: 'free' },
    });
    expect(problems({ DEMO_SIGNED_IN_AS: 'reader' })).toEqual([expect.stringMatching(/^DEMO_SIGNED_IN_AS: .*'admin' \| 'global-reader'/)]);
  });

  it('refuses a non-loopback HOST, and lists it with the other problems', () => {
    expect(problems({ HOST: '0.0.0.0', PORT: 'eighty' })).toEqual([
      'PORT: Expected number, received nan',
      expect.stringMatching(/^HOST=0\.0\.0\.0 is not allowed in local mode/),
    ]);
  });
});

describe('loadConfig: production mode (BOT_ID set)', () => {
  it('accepts a SingleTenant bot with a password, with production defaults', () => {
    expect(loadConfig(SINGLE_TENANT)).toEqual({
      mode: 'production',
      host: '0.0.0.0',
      graphBaseUrl: 'https://graph.microsoft.com/v1.0',
      ...SHARED_DEFAULTS,
      botId: BOT_ID,
      botType: 'SingleTenant',
      botTenantId: TENANT.toLowerCase(),
      botPassword: PASSWORD,
      botCertificate: undefined,
      allowedTenants: undefined,
      oauthConnectionName: 'graph',
      botOpenIdMetadataUrl: undefined,
      botTokenIssuer: undefined,
      botOAuthUrl: undefined,
      aadAuthorityHost: 'https://login.microsoftonline.com',
    });
  });

  it('accepts a certificate given inline or as a key file', () => {
    const inline = production(
      loadConfig({ ...SINGLE_TENANT, BOT_PASSWORD: '', BOT_CERTIFICATE_THUMBPRINT: THUMBPRINT, BOT_CERTIFICATE_PRIVATE_KEY: PEM }),
    );
    expect(inline.botCertificate).toEqual({ thumbprint: THUMBPRINT, privateKey: PEM.trim() });
    expect(inline.botPassword).toBeUndefined();
    const file = join(mkdtempSync(join(tmpdir(), 'pa-key-')), 'bot.pem');
    writeFileSync(file, PEM);
    const fromFile = production(
      loadConfig({ ...SINGLE_TENANT, BOT_PASSWORD: '', BOT_CERTIFICATE_THUMBPRINT: THUMBPRINT, BOT_CERTIFICATE_PRIVATE_KEY_FILE: file }),
    );
    expect(fromFile.botCertificate).toEqual({ thumbprint: THUMBPRINT, privateKey: PEM });
  });

  it('accepts a user-assigned managed identity without a password, whatever the case of BOT_TYPE', () => {
    const config = production(loadConfig({ BOT_ID, BOT_TENANT_ID: TENANT, BOT_TYPE: 'UserAssignedMsi', OAUTH_CONNECTION_NAME: 'graph' }));
    expect(config.botType).toBe('UserAssignedMSI');
    expect(config.botPassword).toBeUndefined();
  });

  it('reads the allow-list, storage, endpoint overrides and HOST/PORT', () => {
    const config = production(
      loadConfig({
        ...SINGLE_TENANT,
        ALLOWED_TENANTS: ` ${TENANT} ,22222222-3333-4444-8555-666666666666,`,
        STORAGE_CONNECTION_STRING: STORAGE,
        STORAGE_CONTAINER: 'pa-state',
        HOST: '10.0.0.4',
        PORT: '8080',
        GRAPH_BASE_URL: 'https://graph.microsoft.us/v1.0',
        BOT_OPENID_METADATA_URL: 'http://127.0.0.1:5000/v1/.well-known/openidconfiguration',
        BOT_TOKEN_ISSUER: 'https://api.botframework.us',
        BOT_OAUTH_URL: 'https://tokengcch.botframework.azure.us',
        AAD_AUTHORITY_HOST: 'https://login.microsoftonline.us',
      }),
    );
    expect(config).toMatchObject({
      allowedTenants: [TENANT.toLowerCase(), '22222222-3333-4444-8555-666666666666'],
      storageConnectionString: STORAGE,
      storageContainer: 'pa-state',
      host: '10.0.0.4',
      port: 8080,
      graphBaseUrl: 'https://graph.microsoft.us/v1.0',
      botOpenIdMetadataUrl: 'http://127.0.0.1:5000/v1/.well-known/openidconfiguration',
      botTokenIssuer: 'https://api.botframework.us',
      botOAuthUrl: 'https://tokengcch.botframework.azure.us',
      aadAuthorityHost: 'https://login.microsoftonline.us',
    });
  });

  const refused: Array<[string, Record<string, string>, string[]]> = [
    [
      'only BOT_ID',
      { BOT_ID },
      [
        "BOT_TENANT_ID is missing: BOT_TYPE SingleTenant needs the tenant id of the bot's Entra app.",
        "BOT_PASSWORD or a certificate (BOT_CERTIFICATE_THUMBPRINT with BOT_CERTIFICATE_PRIVATE_KEY or BOT_CERTIFICATE_PRIVATE_KEY_FILE) is missing: BOT_TYPE SingleTenant needs a credential for the bot's Entra app.",
        'OAUTH_CONNECTION_NAME is missing: the name of the Azure Bot OAuth connection admins sign in with.',
      ],
    ],
    [
      'a BOT_ID and tenant that are not GUIDs',
      { ...SINGLE_TENANT, BOT_ID: 'my-bot', BOT_TENANT_ID: 'contoso.onmicrosoft.com' },
      ["BOT_ID must be the Azure Bot's Microsoft app id (a GUID).", 'BOT_TENANT_ID must be a tenant id (a GUID).'],
    ],
    [
      'MultiTenant',
      { ...SINGLE_TENANT, BOT_TYPE: 'MultiTenant' },
      [
        'BOT_TYPE MultiTenant is not supported: new Azure Bot registrations must be single-tenant (multi-tenant bot creation is deprecated). Use SingleTenant or UserAssignedMSI.',
      ],
    ],
    ['an unknown BOT_TYPE', { ...SINGLE_TENANT, BOT_TYPE: 'Personal' }, ['BOT_TYPE must be SingleTenant (the default) or UserAssignedMSI.']],
    [
      'a managed identity with a password and no tenant',
      { BOT_ID, BOT_TYPE: 'UserAssignedMSI', BOT_PASSWORD: PASSWORD, OAUTH_CONNECTION_NAME: 'graph' },
      [
        "BOT_TENANT_ID is missing: BOT_TYPE UserAssignedMSI needs the tenant id of the bot's Entra app.",
        'BOT_PASSWORD and BOT_CERTIFICATE_* must not be set with BOT_TYPE UserAssignedMSI: the managed identity is the credential.',
      ],
    ],
    [
      'a password and a certificate',
      { ...SINGLE_TENANT, BOT_CERTIFICATE_THUMBPRINT: THUMBPRINT, BOT_CERTIFICATE_PRIVATE_KEY: PEM },
      ['Set BOT_PASSWORD or a certificate (BOT_CERTIFICATE_*), not both.'],
    ],
    [
      'half a certificate',
      { ...SINGLE_TENANT, BOT_PASSWORD: '', BOT_CERTIFICATE_THUMBPRINT: 'abc' },
      [
        "BOT_CERTIFICATE_THUMBPRINT must be the certificate's SHA-1 thumbprint (40 hex digits).",
        'BOT_CERTIFICATE_PRIVATE_KEY or BOT_CERTIFICATE_PRIVATE_KEY_FILE is missing: a certificate needs its private key.',
      ],
    ],
    [
      'a private key that is not a key',
      { ...SINGLE_TENANT, BOT_PASSWORD: '', BOT_CERTIFICATE_THUMBPRINT: THUMBPRINT, BOT_CERTIFICATE_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----' },
      ['BOT_CERTIFICATE_PRIVATE_KEY is not an unencrypted PEM private key.'],
    ],
    [
      'a key file that does not exist',
      { ...SINGLE_TENANT, BOT_PASSWORD: '', BOT_CERTIFICATE_THUMBPRINT: THUMBPRINT, BOT_CERTIFICATE_PRIVATE_KEY_FILE: '/nonexistent/bot.pem' },
      ['BOT_CERTIFICATE_PRIVATE_KEY_FILE: cannot read /nonexistent/bot.pem.'],
    ],
    [
      'a bad allow-list',
      { ...SINGLE_TENANT, ALLOWED_TENANTS: `${TENANT},fabrikam` },
      ['ALLOWED_TENANTS must be comma-separated tenant ids (GUIDs); not a GUID: fabrikam.'],
    ],
    ['an allow-list of commas', { ...SINGLE_TENANT, ALLOWED_TENANTS: ' , ' }, ['ALLOWED_TENANTS has no tenant id.']],
    [
      'storage settings that do not fit',
      { ...SINGLE_TENANT, STORAGE_CONNECTION_STRING: 'AccountName=pastore;Secretive=zzz', STORAGE_CONTAINER: 'Bad_Name' },
      [
        'STORAGE_CONNECTION_STRING is not an Azure Storage connection string (expected AccountName and AccountKey, BlobEndpoint and SharedAccessSignature, or UseDevelopmentStorage=true).',
        'STORAGE_CONTAINER must be 3–63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.',
      ],
    ],
    ['a container without storage', { ...SINGLE_TENANT, STORAGE_CONTAINER: 'pa-state' }, ['STORAGE_CONTAINER is set but STORAGE_CONNECTION_STRING is not.']],
    [
      'token endpoints over plain http',
      {
        ...SINGLE_TENANT,
        GRAPH_BASE_URL: 'http://graph.example.com/v1.0',
        BOT_OPENID_METADATA_URL: 'http://login.example.com/v1/.well-known/openidconfiguration',
        BOT_OAUTH_URL: 'http://token.example.com',
        AAD_AUTHORITY_HOST: 'http://127.0.0.1:8443',
      },
      [
        'GRAPH_BASE_URL must use https (plain http is only accepted on loopback, for local stand-ins).',
        'BOT_OPENID_METADATA_URL must use https (plain http is only accepted on loopback, for local stand-ins).',
        'BOT_OAUTH_URL must use https (plain http is only accepted on loopback, for local stand-ins).',
        'AAD_AUTHORITY_HOST must use https.',
      ],
    ],
    ['endpoints that are not URLs', { ...SINGLE_TENANT, BOT_TOKEN_ISSUER: 'botframework' }, ['BOT_TOKEN_ISSUER: Invalid url']],
    [
      'the demo tenant file',
      { ...SINGLE_TENANT, DEMO_TENANT_FILE: 'demo-tenants/contoso.json' },
      ['DEMO_TENANT_FILE only applies in local mode: unset it, or unset BOT_ID to run locally.'],
    ],
    [
      'production problems together with general ones',
      { BOT_ID, BOT_TENANT_ID: TENANT, BOT_PASSWORD: PASSWORD, PORT: '99999' },
      ['PORT: Number must be less than or equal to 65535', 'OAUTH_CONNECTION_NAME is missing: the name of the Azure Bot OAuth connection admins sign in with.'],
    ],
    [
      'values of the wrong type together with settings missing across them',
      { BOT_ID, BOT_TYPE: 'UserAssignedMSI', PORT: 'eighty', LOG_LEVEL: 'loud', STORAGE_CONTAINER: 'pa-state' },
      [
        'PORT: Expected number, received nan',
        expect.stringMatching(/^LOG_LEVEL: Invalid enum value/),
        "BOT_TENANT_ID is missing: BOT_TYPE UserAssignedMSI needs the tenant id of the bot's Entra app.",
        'OAUTH_CONNECTION_NAME is missing: the name of the Azure Bot OAuth connection admins sign in with.',
        'STORAGE_CONTAINER is set but STORAGE_CONNECTION_STRING is not.',
      ],
    ],
  ];

  it.each(refused)('refuses %s, listing every problem', (_case, env, expected) => {
    expect(problems(env)).toEqual(expected);
  });

  it('never puts a password, private key or connection string in its message', () => {
    const secretEnvs: Array<Record<string, string>> = [
      { BOT_ID, BOT_TYPE: 'UserAssignedMSI', BOT_PASSWORD: PASSWORD, STORAGE_CONNECTION_STRING: `${STORAGE};Broken` },
      { ...SINGLE_TENANT, BOT_CERTIFICATE_THUMBPRINT: THUMBPRINT, BOT_CERTIFICATE_PRIVATE_KEY: PEM, STORAGE_CONNECTION_STRING: 'AccountKey=onlyTheKey' },
      { ...SINGLE_TENANT, BOT_PASSWORD: '', BOT_CERTIFICATE_THUMBPRINT: THUMBPRINT, BOT_CERTIFICATE_PRIVATE_KEY: `${PEM.slice(0, 200)}\n-----END PRIVATE KEY-----` },
    ];
    for (const env of secretEnvs) {
      const message = problems(env).join('\n');
      expect(message).not.toContain(PASSWORD);
      expect(message).not.toContain('c2VjcmV0');
      expect(message).not.toContain('onlyTheKey');
      expect(message).not.toContain('PRIVATE KEY-----');
      expect(message).not.toContain(PEM.split('\n')[1]);
    }
  });
});
