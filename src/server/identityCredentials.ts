// The bot's own Bot Framework tokens (to reply, update cards, call the token service) through @azure/identity,
// like every other token the bot gets: one library, one authority host setting (sovereign clouds, local
// stand-ins), and no instance discovery against the public cloud when the authority is elsewhere.
import { ClientSecretCredential, type TokenCredential } from '@azure/identity';
import { ServiceClientCredentialsFactory } from 'botframework-connector';
import { authorityOptions } from '../auth/consent';
import type { ProductionConfig } from '../config';

type Credentials = Awaited<ReturnType<ServiceClientCredentialsFactory['createCredentials']>>;
type Signable = Parameters<Credentials['signRequest']>[0];

const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';

class BearerCredentials implements Credentials {
  constructor(
    private readonly credential: TokenCredential,
    private readonly scope: string,
  ) {}

  async signRequest(request: Signable): Promise<Signable> {
    const token = await this.credential.getToken(this.scope);
    if (!token) throw new Error('No Bot Framework token was issued for the bot.');
    request.headers.set('Authorization', `Bearer ${token.token}`);
    return request;
  }
}

export class IdentityCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(
    private readonly appId: string,
    private readonly credential: TokenCredential,
  ) {
    super();
  }

  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }

  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }

  async createCredentials(appId: string, audience: string | undefined): Promise<Credentials> {
    if (appId !== this.appId) throw new Error('The activity is for another bot.');
    return new BearerCredentials(this.credential, `${audience ?? BOT_FRAMEWORK_SCOPE}/.default`);
  }
}

/** For a bot with a client secret; certificate and managed-identity bots keep botbuilder's own factories. */
export function identityCredentialsFactory(config: ProductionConfig): IdentityCredentialsFactory | undefined {
  if (!config.botPassword) return undefined;
  const credential = new ClientSecretCredential(config.botTenantId, config.botId, config.botPassword, authorityOptions(config.aadAuthorityHost));
  return new IdentityCredentialsFactory(config.botId, credential);
}
