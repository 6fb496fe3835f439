// Remedy buttons (Action.Execute with a remedy verb) and everything around them that is Teams: the invoke
// answer, the card everyone sees in a group chat or channel, and the late update when Graph is slow.
import type { AdaptiveCard, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, CardFactory, TurnContext } from 'botbuilder';
import type { Logger } from '../log';
import type { Rendered } from '../render';
import { withinQuestion } from '../graph/questionScope';
import { remediate } from '../remediation/remediate';
import type { RemedyRequest } from '../remediation/remedyRequest';
import { actorOf } from './actor';
import { askerOf, DEFAULT_DEADLINES } from './deadline';
import type { BotDeps } from './listeners';

/** Progress cards at most this often: each is a message update, and Teams limits those per conversation. */
const PROGRESS_EVERY_MS = 3_000;

const isShared = (context: TurnContext) => ['groupChat', 'channel'].includes(String(context.activity.conversation?.conversationType));

async function replaceCard(context: TurnContext, messageId: string, rendered: Rendered, logger: Logger): Promise<void> {
  try {
    await context.updateActivity({ type: ActivityTypes.Message, id: messageId, summary: rendered.text, attachments: [CardFactory.adaptiveCard(rendered.card)] });
  } catch (error) {
    // The clicker already has the result; others keep a stale card, which the buttons re-check anyway.
    logger.warn({ err: error }, 'could not update the card for everyone');
  }
}

export interface RemedyDeps extends BotDeps {
  adapter: TeamsAdapter;
}

/** A validated remedy click (cardActions.ts checked its data against remedySchema). */
export function onRemedy(deps: RemedyDeps) {
  return async (context: TurnContext, state: TurnState, request: RemedyRequest): Promise<AdaptiveCard> => {
    const logger = deps.logger.child({ verb: request.verb, stage: request.stage, conversation: context.activity.conversation?.id });
    const messageId = context.activity.replyToId;
    const reference = TurnContext.getConversationReference(context.activity);
    // Card updates go one after the other, so a late progress card never replaces the final one.
    let updates = Promise.resolve();
    let finished = false;
    let lastProgress = 0;
    const update = (rendered: Rendered, isProgress: boolean) => {
      updates = updates
        .then(() => (isProgress && finished ? undefined : deps.adapter.continueConversationAsync(deps.botAppId, reference, (later) => replaceCard(later, messageId!, rendered, logger))))
        .catch((error) => logger.error({ err: error }, 'could not update the card'));
      return updates;
    };
    const onProgress = (rendered: Rendered) => {
      if (!messageId || finished || Date.now() - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = Date.now();
      void update(rendered, true);
    };
    // The click's Graph work, including what finishes after "working…", stops at the work deadline.
    const reply = await withinQuestion({ deadlineMs: (deps.deadlines ?? DEFAULT_DEADLINES).workMs, user: askerOf(context) }, () =>
      remediate(request, actorOf(context), { ...deps.remediation, gateway: deps.graphFor(context, state), logger, now: deps.now, onProgress }),
    );
    // Settled within the invoke: its answer is the final card, and no progress card may follow it.
    if (!reply.later) finished = true;
    if (messageId && reply.settled && isShared(context)) await replaceCard(context, messageId, reply, logger);
    if (messageId && reply.later) {
      void reply.later
        .then((final) => {
          finished = true;
          return update(final, false);
        })
        .catch((error) => logger.error({ err: error }, 'could not deliver the late result'));
    }
    return reply.card as unknown as AdaptiveCard;
  };
}
