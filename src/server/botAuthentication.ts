// Production inbound and outbound Bot Framework authentication: Config → the options teams-ai's TeamsAdapter
// hands to botbuilder's ConfigurationBotFrameworkAuthentication, and an adapter that answers 401 to every
// token it rejects.
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  BotFrameworkAuthentication,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
} from 'botframework-connector';
import { CallerIdConstants, StatusCodes } from 'botframework-schema';
import type { ProductionConfig } from '../config';
import { identityCredentialsFactory } from './identityCredentials';

/**
 * The adapter options for a production config. All Bot Framework endpoints are always given: botbuilder takes
 * the public-cloud defaults only when none is set, and one override (a test's OpenID metadata) would otherwise
 * leave the others empty.
 */
export function botAuthenticationOptions(config: ProductionConfig): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    MicrosoftAppId: config.botId,
    // botbuilder spells it UserAssignedMsi and compares case-insensitively.
    MicrosoftAppType: config.botType,
    MicrosoftAppTenantId: config.botTenantId,
    ...(config.botPassword ? { MicrosoftAppPassword: config.botPassword } : {}),
    ...(config.botCertificate
      ? {
          [AuthenticationConstants.CertificateThumbprint]: config.botCertificate.thumbprint,
          [AuthenticationConstants.CertificatePrivateKey]: config.botCertificate.privateKey,
        }
      : {}),
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: config.botTokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToBotFromChannelOpenIdMetadataUrl: config.botOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    OAuthUrl: config.botOAuthUrl ?? AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * botbuilder rethrows some token failures as they come from the JWT library (a bad signature, `alg: none`,
 * a token that is not yet valid), and CloudAdapter answers those with 500. A forged token is the caller's
 * fault: every failure to authenticate becomes a 401 here.
 */
class RejectingAuthentication extends BotFrameworkAuthentication {
  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateRequest(activity, authHeader).catch(unauthorized);
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader).catch(unauthorized);
  }

  override async authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader).catch(unauthorized);
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity) {
    return this.inner.createConnectorFactory(claimsIdentity);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity) {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override createBotFrameworkClient() {
    return this.inner.createBotFrameworkClient();
  }
}

const JWT_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

function unauthorized(error: unknown): never {
  if (error instanceof Error && JWT_ERRORS.has(error.name)) {
    throw new AuthenticationError(`Unauthorized. ${error.message}`, StatusCodes.UNAUTHORIZED);
  }
  // An AuthenticationError already answers 401; anything else (the OpenID metadata unreachable) stays a 500.
  throw error;
}

/** The production adapter: botbuilder's JWT validation with the bot's identity, every rejection a 401. */
export function createProductionAdapter(config: ProductionConfig): TeamsAdapter {
  const adapter = new TeamsAdapter(botAuthenticationOptions(config), identityCredentialsFactory(config));
  // CloudAdapterBase keeps its authentication in a protected field that TeamsAdapter fills from the options;
  // wrapping it is the only way to keep TeamsAdapter (teams-ai needs it) and still map the JWT errors.
  const holder = adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication };
  holder.botFrameworkAuthentication = new RejectingAuthentication(holder.botFrameworkAuthentication);
  return adapter;
}
