// Remedy buttons (Action.Execute with a remedy verb) and everything around them that is Teams: who clicked,
// the invoke answer, the card everyone sees in a group chat or channel, and the late update when Graph is slow.
import type { AdaptiveCard, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, CardFactory, TurnContext } from 'botbuilder';
import type { Logger } from '../log';
import type { Rendered } from '../render';
import { withinQuestion } from '../graph/questionScope';
import { remediate, type Actor } from '../remediation/remediate';
import { askerOf, DEFAULT_DEADLINES } from './deadline';
import type { BotDeps } from './listeners';

/** Who clicked: the admin the action runs as and is recorded for. */
export function actorOf(context: TurnContext): Actor {
  const a = context.activity;
  const channelTenant = (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return {
    name: a.from?.name ?? 'Unknown user',
    aadObjectId: a.from?.aadObjectId ?? a.from?.id ?? 'unknown',
    tenantId: a.conversation?.tenantId ?? channelTenant ?? 'local',
  };
}

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

/** An error answer for a malformed click: no exception, no Graph call (Universal Actions' error response). */
async function refuse(context: TurnContext, problem: string): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: problem } } },
  });
}

export interface RemedyDeps extends BotDeps {
  adapter: TeamsAdapter;
}

export function onRemedy(deps: RemedyDeps) {
  return async (context: TurnContext, state: TurnState, data: unknown): Promise<AdaptiveCard | string> => {
    const verb = (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
    const logger = deps.logger.child({ verb: String(verb).slice(0, 40), conversation: context.activity.conversation?.id });
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
      remediate(verb, data, actorOf(context), { ...deps.remediation, gateway: deps.graphFor(context, state), logger, now: deps.now, onProgress }),
    );
    if (reply.kind === 'invalid') {
      logger.warn({ problem: reply.problem }, 'malformed remedy click');
      await refuse(context, reply.problem);
      return '';
    }
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

/** Any other verb: an error answer rather than teams-ai's bare 501. */
export function onUnknownVerb(deps: BotDeps) {
  return async (context: TurnContext): Promise<string> => {
    const verb = (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
    deps.logger.warn({ verb: String(verb).slice(0, 40) }, 'unknown card action');
    await refuse(context, `“${String(verb).slice(0, 40)}” is not an action I know.`);
    return '';
  };
}
