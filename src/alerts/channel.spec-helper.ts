// A Teams channel as the poller's specs subscribe it: a conversation reference with what alerts need.
import type { ConversationReference } from 'botbuilder';
import { GraphGateway } from '../graph/gateway';
import { FileStorage } from '../storage/fileStorage';
import { IncidentStore } from './incidentStore';
import type { PollerDeps } from './poller';
import { Subscriptions } from './subscriptions';

export const channelRef = (id: string): Partial<ConversationReference> => ({
  conversation: { id, isGroup: true, conversationType: 'channel', name: id },
  serviceUrl: 'https://smba.example/',
  bot: { id: 'bot', name: 'bot' },
  channelId: 'msteams',
});

/** What every poller spec's bot instance has: a gateway of its own, and the stores over the shared directory. */
export function instanceStores(graphUrl: string, tenantKey: string, dir: string, now: () => Date, leaseMs?: number): Pick<PollerDeps, 'gateway' | 'subscriptions' | 'incidents' | 'now'> & { storage: FileStorage } {
  const storage = new FileStorage(dir);
  return {
    storage,
    gateway: new GraphGateway({ baseUrl: graphUrl, tenantKey }),
    subscriptions: new Subscriptions(storage, { now }),
    incidents: new IncidentStore(storage, { now, leaseMs }),
    now,
  };
}
