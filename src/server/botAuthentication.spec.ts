import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig, type ProductionConfig } from '../config';
import { botAuthenticationOptions, createProductionAdapter } from './botAuthentication';

const BOT_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const base = { BOT_ID, BOT_TENANT_ID: TENANT, OAUTH_CONNECTION_NAME: 'graph' };
const newKey = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
const production = (env: Record<string, string>) => loadConfig({ ...base, ...env }) as ProductionConfig;

describe('botAuthenticationOptions', () => {
  it('gives a SingleTenant bot its password and the public-cloud Bot Framework endpoints', () => {
    expect(botAuthenticationOptions(production({ BOT_PASSWORD: 'pw' }))).toEqual({
      MicrosoftAppId: BOT_ID,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
      MicrosoftAppPassword: 'pw',
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
      ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
      OAuthUrl: 'https://api.botframework.com',
      CallerId: 'urn:botframework:azure',
    });
  });

  it('builds an adapter botbuilder accepts for every supported kind of bot', () => {
    const envs: Array<Record<string, string>> = [{ BOT_PASSWORD: 'pw' }, { BOT_TYPE: 'UserAssignedMSI' }, { BOT_CERTIFICATE_THUMBPRINT: 'a1b2c3d4e5f60718293a4b5c6d7e8f9011223344', BOT_CERTIFICATE_PRIVATE_KEY: newKey() }];
    for (const env of envs) {
      expect(() => createProductionAdapter(production(env)).adapter).not.toThrow();
    }
  });

  it('passes a certificate under the keys botbuilder reads, and no password', () => {
    const key = newKey();
    const options = botAuthenticationOptions(
      production({ BOT_CERTIFICATE_THUMBPRINT: 'a1b2c3d4e5f60718293a4b5c6d7e8f9011223344', BOT_CERTIFICATE_PRIVATE_KEY: key }),
    );
    expect(options).toMatchObject({ CertificateThumbprint: 'a1b2c3d4e5f60718293a4b5c6d7e8f9011223344', CertificatePrivateKey: key.trim() });
    expect(options).not.toHaveProperty('MicrosoftAppPassword');
  });

  it('configures a managed identity without any secret', () => {
    const options = botAuthenticationOptions(production({ BOT_TYPE: 'UserAssignedMSI' }));
    expect(options).toMatchObject({ MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT });
    expect(options).not.toHaveProperty('MicrosoftAppPassword');
    expect(options).not.toHaveProperty('CertificatePrivateKey');
  });

  it('applies the endpoint overrides of sovereign clouds and tests', () => {
    const options = botAuthenticationOptions(
      production({
        BOT_PASSWORD: 'pw',
        BOT_OPENID_METADATA_URL: 'http://127.0.0.1:4000/v1/.well-known/openidconfiguration',
        BOT_TOKEN_ISSUER: 'https://channel-authority.test',
        BOT_OAUTH_URL: 'https://127.0.0.1:4001',
      }),
    );
    expect(options).toMatchObject({
      ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:4000/v1/.well-known/openidconfiguration',
      ToBotFromChannelTokenIssuer: 'https://channel-authority.test',
      OAuthUrl: 'https://127.0.0.1:4001',
    });
  });
});
