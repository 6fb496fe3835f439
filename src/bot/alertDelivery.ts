// How alert cards reach Teams: a new thread per incident in a channel (createConversation), a message in a
// personal or group chat, the card updated in place on recovery and a reply in its thread. Errors go to the
// poller as they are (it tells a conversation that is gone from a passing failure). Sends go through
// a per-conversation queue that keeps Teams' rate limits and retries what is safe to retry.
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, CardFactory, type ConversationReference, type TurnContext } from 'botbuilder';
import type { PollerDeps } from '../alerts/poller';
import { isRefusedUnprocessed, isRetryable, SendQueue } from '../alerts/sendQueue';
import type { Subscription } from '../alerts/subscriptions';

const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/** A channel post's conversation id carries `;messageid=` for its thread: the channel itself is before it. */
export function channelConversationId(conversationId: string): string {
  return conversationId.split(';messageid=')[0];
}

function isChannel(reference: Partial<ConversationReference>): boolean {
  return reference.conversation?.conversationType === 'channel';
}

function cardMessage(card: unknown, summary?: string) {
  return { type: ActivityTypes.Message, summary, attachments: [CardFactory.adaptiveCard(card)] };
}

export function alertDelivery(adapter: TeamsAdapter, botAppId: string, queue = new SendQueue()): Pick<PollerDeps, 'post' | 'update' | 'reply'> {
  const audience = botAppId ? BOT_FRAMEWORK_AUDIENCE : undefined;

  const inConversation = (sub: Subscription, conversationId: string, logic: (context: TurnContext) => Promise<void>, retryable: (error: unknown) => boolean) =>
    queue
      .run(
        conversationId,
        () => adapter.continueConversationAsync(botAppId, { ...sub.reference, conversation: { ...sub.reference.conversation!, id: conversationId } } as ConversationReference, logic),
        retryable,
      );

  return {
    async post(sub, incident, card, options = {}) {
      const reference = sub.reference;
      const summary = options.summary ?? incident.summary;
      // A job's changed problem goes under its first alert: a reply in that thread, not a new one.
      const thread = options.inThread;
      if (thread) {
        const conversationId = thread.threadId ?? sub.conversationId;
        let activityId = '';
        await inConversation(
          sub,
          conversationId,
          async (context) => {
            activityId = (await context.sendActivity({ ...cardMessage(card, summary), replyToId: thread.activityId }))?.id ?? '';
          },
          isRefusedUnprocessed,
        );
        return { activityId, threadId: conversationId };
      }
      if (!isChannel(reference)) {
        let activityId = '';
        await inConversation(
          sub,
          sub.conversationId,
          async (context) => {
            activityId = (await context.sendActivity(cardMessage(card, summary)))?.id ?? '';
          },
          isRefusedUnprocessed,
        );
        return { activityId, threadId: sub.conversationId };
      }
      // A channel: every incident starts its own thread, so recovery replies land under the alert.
      let posted = { activityId: '', threadId: '' };
      await queue
        .run(sub.conversationId, () =>
          adapter.createConversationAsync(
            botAppId,
            reference.channelId ?? 'msteams',
            reference.serviceUrl!,
            audience!,
            {
              isGroup: true,
              channelData: { channel: { id: channelConversationId(sub.conversationId) } },
              activity: { ...cardMessage(card, summary) },
              bot: reference.bot,
              tenantId: reference.conversation?.tenantId,
            } as never,
            async (context) => {
              // botbuilder sets the activity id of this turn to the new conversation's id; the message's own id
              // is the thread's `;messageid=` part (what Teams answered as activityId).
              const threadId = context.activity.conversation.id;
              posted = { activityId: threadId.split(';messageid=')[1] ?? '', threadId };
            },
          ),
          isRefusedUnprocessed,
        );
      return posted;
    },

    // Replacing a card is idempotent: every transient failure is worth a retry.
    update: (sub, record, card) =>
      inConversation(
        sub,
        record.threadId ?? sub.conversationId,
        async (context) => {
          await context.updateActivity({ ...cardMessage(card), id: record.activityId });
        },
        isRetryable,
      ),

    reply: (sub, record, text) =>
      inConversation(
        sub,
        record.threadId ?? sub.conversationId,
        async (context) => {
          await context.sendActivity({ type: ActivityTypes.Message, text, replyToId: record.activityId });
        },
        isRefusedUnprocessed,
      ),
  };
}
