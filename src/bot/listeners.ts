// The bot's listeners: small functions that map an activity to a domain call and a card back.
import type { AdaptiveCard, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { answerQuestion, type AnswerDeps } from '../answer/answerQuestion';
import { explainError } from '../answer/explainError';
import { fromData } from '../answer/question';
import { BotError } from '../errors';
import type { GraphGateway } from '../graph/gateway';
import type { Logger } from '../log';
import { renderHelp, renderProblem } from '../render';
import { understand } from '../understand/understand';
import type { RemediationDeps } from '../remediation/remediate';
import { actorOf } from './remedyListener';
import { sendAnswer } from './sendAnswer';

export interface BotDeps {
  /** The Graph gateway for this turn (the demo tenant, a stand-in, or on behalf of the signed-in admin). */
  graphFor(context: TurnContext, state: TurnState): GraphGateway;
  logger: Logger;
  botAppId: string;
  remediation: Pick<RemediationDeps, 'operations' | 'audit' | 'answerWithinMs'>;
  /** Production: sign the admin in again, keeping the question, when the sign-in has expired. */
  restartSignIn?(context: TurnContext, state: TurnState): Promise<void>;
  now?: () => Date;
}

/** Our cards are plain Adaptive Card JSON; teams-ai types them with its own interface. */
const invokeCard = (card: object) => card as AdaptiveCard;

const answerDeps = (deps: BotDeps, context: TurnContext, state: TurnState): AnswerDeps => ({
  gateway: deps.graphFor(context, state),
  audit: deps.remediation.audit,
  tenantId: actorOf(context).tenantId,
  logger: deps.logger.child({ conversation: context.activity.conversation?.id, activity: context.activity.id }),
  now: deps.now,
});

export function onMessage(deps: BotDeps) {
  return async (context: TurnContext, state: TurnState): Promise<void> => {
    const text = typeof context.activity.text === 'string' ? context.activity.text : '';
    const intent = understand(text);
    deps.logger.info({ topic: intent.topic, hasPrincipal: !!intent.principal, hasApp: !!intent.app, length: text.length }, 'question');
    await context.sendActivity({ type: 'typing' });
    const answer = await answerQuestion({ intent }, answerDeps(deps, context, state));
    // An expired sign-in: sign in again; teams-ai keeps this message and it is answered once signed in.
    if (answer.cause === 'sign-in-expired' && deps.restartSignIn) return deps.restartSignIn(context, state);
    await sendAnswer(context, answer);
  };
}

/** A "which one?" button: the same question again, with the choice pinned. */
export function onChoose(deps: BotDeps) {
  return async (context: TurnContext, state: TurnState, data: unknown) => {
    const question = fromData(data);
    if (!question) {
      deps.logger.warn({ verb: 'chooseSubject' }, 'malformed card data');
      return invokeCard(renderProblem(explainError(new BotError('invalid-input', 'This button carried data I cannot read (the card may be from an older version).'), '')).card);
    }
    return invokeCard((await answerQuestion(question, answerDeps(deps, context, state))).card);
  };
}

/** An example question from the help card, asked by clicking it. */
export function onAsk(deps: BotDeps) {
  return async (context: TurnContext, state: TurnState, data: unknown) => {
    const text = (data as { text?: unknown } | undefined)?.text;
    if (typeof text !== 'string' || !text.trim()) return invokeCard(renderHelp().card);
    return invokeCard((await answerQuestion({ intent: understand(text) }, answerDeps(deps, context, state))).card);
  };
}

export async function onMembersAdded(context: TurnContext): Promise<void> {
  const botId = context.activity.recipient?.id;
  if (!(context.activity.membersAdded ?? []).some((m) => m.id === botId)) return;
  const help = renderHelp();
  await sendAnswer(context, { kind: 'help', ...help });
}
