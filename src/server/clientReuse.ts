// botbuilder's CloudAdapter builds a ConnectorClient and a UserTokenClient for every activity, each with a new
// Azure HTTP pipeline: about a fifth of a millisecond of CPU a turn, and their garbage (measured with
// `npm run bench -- --only turns`). Both hold nothing of a turn: only their credentials, whose tokens the
// credential caches. So one of each is kept per bot identity and Teams service URL, as botbuilder's earlier
// BotFrameworkAdapter kept its connector clients.
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity } from 'botbuilder';
import { AuthenticationConstants, ConnectorFactory, type AuthenticateRequestResult, type ClaimsIdentity, type ConnectorClient, type UserTokenClient } from 'botframework-connector';
import { DelegatingAuthentication, wrapAuthentication } from './delegatingAuthentication';

/** Teams serves a few regional service URLs; the bound only matters against a caller that makes them up. */
const MAX_CLIENTS = 32;

/** A bounded map of pending or made clients; a client that could not be made is forgotten. */
class ClientCache<T> {
  private readonly made = new Map<string, Promise<T>>();

  get(key: string, make: () => Promise<T>): Promise<T> {
    const known = this.made.get(key);
    if (known) {
      // Most recently used last, so the oldest is the one let go.
      this.made.delete(key);
      this.made.set(key, known);
      return known;
    }
    const client = make();
    this.made.set(key, client);
    if (this.made.size > MAX_CLIENTS) this.made.delete(this.made.keys().next().value as string);
    client.catch(() => {
      if (this.made.get(key) === client) this.made.delete(key);
    });
    return client;
  }
}

/** The bot identity botbuilder's factories use: the audience of a channel's token, or an emulator's appid. */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: ClientCache<ConnectorClient>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.clients.get(JSON.stringify([this.appId, serviceUrl, audience ?? null]), () => this.inner.create(serviceUrl, audience));
  }
}

export class ClientReuse extends DelegatingAuthentication {
  private readonly connectors = new ClientCache<ConnectorClient>();
  private readonly tokenClients = new ClientCache<UserTokenClient>();

  // An activity's turn takes its connector factory from the authentication's result, a proactive turn (an
  // alert) from createConnectorFactory: both reuse.
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateRequest(activity, authHeader));
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusingFactory(this.inner.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  private reusing(result: AuthenticateRequestResult): AuthenticateRequestResult {
    return result.connectorFactory ? { ...result, connectorFactory: this.reusingFactory(result.connectorFactory, result.claimsIdentity) } : result;
  }

  private reusingFactory(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new ReusingConnectorFactory(factory, appIdOf(claimsIdentity), this.connectors);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }
}

/** From here on the adapter reuses its clients (in both modes: local replies and alerts go through them too). */
export function reuseClients(adapter: TeamsAdapter): void {
  wrapAuthentication(adapter, (inner) => new ClientReuse(inner));
}
