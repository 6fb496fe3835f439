// A Teams channel as the poller's specs subscribe it: a conversation reference with what alerts need.
import type { ConversationReference } from 'botbuilder';

export const channelRef = (id: string): Partial<ConversationReference> => ({
  conversation: { id, isGroup: true, conversationType: 'channel', name: id },
  serviceUrl: 'https://smba.example/',
  bot: { id: 'bot', name: 'bot' },
  channelId: 'msteams',
});
