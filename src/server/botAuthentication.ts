// Production inbound and outbound Bot Framework authentication: Config → the options teams-ai's TeamsAdapter
// hands to botbuilder's ConfigurationBotFrameworkAuthentication, and an adapter that answers 401 to every
// token it rejects.
import { DirectTeamsAdapter } from './directAdapter';
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
import { ChannelTokenCheck } from './channelToken';
import { DelegatingAuthentication, wrapAuthentication } from './delegatingAuthentication';
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
class RejectingAuthentication extends DelegatingAuthentication {
  constructor(
    inner: BotFrameworkAuthentication,
    private readonly channelToken: ChannelTokenCheck,
  ) {
    super(inner);
  }

  /**
   * Only Teams may talk to the bot: botbuilder alone also accepts an Entra-signed token whose `azp` and `aud`
   * are the bot (a user's OAuth-connection token) on any channel, without a serviceUrl check, and then sends
   * the bot's own connector token to the caller's serviceUrl. Here only the Bot Framework channel token for
   * `msteams` passes, with an expiry and a `serviceurl` claim equal to the activity's serviceUrl.
   */
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    if (activity.channelId !== 'msteams') throw refusal('only the msteams channel is served');
    if (typeof activity.serviceUrl !== 'string' || !activity.serviceUrl) throw refusal('the activity has no serviceUrl');
    const problem = await this.channelToken.problem(authHeader);
    if (problem) throw refusal(problem);
    const result = await this.inner.authenticateRequest(activity, authHeader).catch(unauthorized);
    if (result.claimsIdentity.getClaimValue(AuthenticationConstants.ServiceUrlClaim) !== activity.serviceUrl) {
      throw refusal('the token was issued for another serviceUrl');
    }
    return result;
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader).catch(unauthorized);
  }

  override async authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader).catch(unauthorized);
  }
}

const JWT_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

function refusal(why: string): AuthenticationError {
  return new AuthenticationError(`Unauthorized: ${why}.`, StatusCodes.UNAUTHORIZED);
}

function unauthorized(error: unknown): never {
  if (error instanceof Error && JWT_ERRORS.has(error.name)) {
    throw new AuthenticationError(`Unauthorized. ${error.message}`, StatusCodes.UNAUTHORIZED);
  }
  // An AuthenticationError already answers 401; anything else (the OpenID metadata unreachable) stays a 500.
  throw error;
}

/** Authenticates an activity before any turn: the reason it was refused, or undefined when it may pass. */
export type InboundCheck = (activity: Activity, authHeader: string) => Promise<string | undefined>;

/**
 * The production adapter: botbuilder's JWT validation with the bot's identity and the checks above, every
 * rejection a 401; and the same authentication as a check the server runs first (so a refused token is
 * logged once by our logger, and the tenant allow-list is only consulted for an authenticated caller).
 */
export function createProductionAdapter(config: ProductionConfig): { adapter: DirectTeamsAdapter; authenticate: InboundCheck } {
  const options = botAuthenticationOptions(config);
  const adapter = new DirectTeamsAdapter(options, identityCredentialsFactory(config));
  const channelToken = new ChannelTokenCheck(String(options.ToBotFromChannelOpenIdMetadataUrl), String(options.ToBotFromChannelTokenIssuer), config.botId);
  const authentication = wrapAuthentication(adapter, (inner) => new RejectingAuthentication(inner, channelToken));
  const authenticate: InboundCheck = (activity, authHeader) =>
    authentication.authenticateRequest(activity, authHeader).then(
      () => undefined,
      (error: unknown) => {
        if (error instanceof AuthenticationError) return error.message;
        throw error;
      },
    );
  return { adapter, authenticate };
}
