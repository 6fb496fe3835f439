// A BotFrameworkAuthentication that hands every call to another, for wrappers that change one concern
// (which tokens pass, which clients are reused), and the one way to install such a wrapper in a TeamsAdapter.
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity } from 'botbuilder';
import { BotFrameworkAuthentication, type AuthenticateRequestResult, type ClaimsIdentity, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';

export class DelegatingAuthentication extends BotFrameworkAuthentication {
  constructor(protected readonly inner: BotFrameworkAuthentication) {
    super();
  }

  authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateRequest(activity, authHeader);
  }

  authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.inner.createConnectorFactory(claimsIdentity);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override createBotFrameworkClient() {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }
}

/**
 * Replaces the adapter's authentication with a wrapper of it. CloudAdapterBase keeps its authentication in a
 * protected field that TeamsAdapter fills from its options; setting that field is the only way to keep
 * TeamsAdapter (teams-ai needs it) and still change how it authenticates.
 */
export function wrapAuthentication<T extends BotFrameworkAuthentication>(adapter: TeamsAdapter, wrap: (inner: BotFrameworkAuthentication) => T): T {
  const holder = adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication };
  const wrapped = wrap(holder.botFrameworkAuthentication);
  holder.botFrameworkAuthentication = wrapped;
  return wrapped;
}
