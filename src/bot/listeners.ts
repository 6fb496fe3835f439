// The bot's listeners: small functions that map an activity to a domain call and a card back.
import type { AdaptiveCard, TurnState } from '@microsoft/teams-ai';
import { TurnContext, type ConversationAccount, type ConversationReference } from 'botbuilder';
import type { Subscriptions } from '../alerts/subscriptions';
import { answerAlerts } from '../answer/answerAlerts';
import type { Intent } from '../domain/types';
import { channelConversationId } from './alertDelivery';
import { answerQuestion, type Answer, type AnswerDeps, type CommandData } from '../answer/answerQuestion';
import { afterChoice, answerTurn, type Memory, type Turn } from '../answer/answerTurn';
import type { RemedyVerb } from '../domain/types';
import { remediate } from '../remediation/remediate';
import type { ConversationContexts } from '../storage/conversationContext';
import type { ConversationContext } from '../understand/context';
import { understand } from '../understand/understand';
import { problemFromError } from '../answer/problemFromError';
import type { Question } from '../answer/question';
import { BotError } from '../errors';
import { formatTime } from '../diagnose/time';
import type { GraphGateway } from '../graph/gateway';
import type { KnownApps } from '../resolve/provisioningApps';
import { lazyChild, type Logger } from '../log';
import { renderHelp, renderOutcome, renderProblem, type Rendered } from '../render';
import type { RemediationDeps } from '../remediation/remediate';
import { remedySchema } from '../remediation/remedyRequest';
import { soon } from '../storage/soon';
import { actorOf } from './actor';
import { answerInTime, asQuestion, DEFAULT_DEADLINES, type Deadlines } from './deadline';
import { sendAnswer } from './sendAnswer';

export interface BotDeps {
  /** The Graph gateway for this turn (the demo tenant, a stand-in, or on behalf of the signed-in admin). */
  graphFor(context: TurnContext, state: TurnState): GraphGateway;
  logger: Logger;
  botAppId: string;
  remediation: Pick<RemediationDeps, 'operations' | 'audit' | 'answerWithinMs' | 'workDeadlineMs'>;
  /** The reply and work deadlines of a question or button (REPLY_DEADLINE_MS, WORK_DEADLINE_MS). */
  deadlines?: Deadlines;
  /** Production: sign the admin in again, keeping the question, when the sign-in has expired. */
  restartSignIn?(context: TurnContext, state: TurnState): Promise<void>;
  /** Example questions for the help card; unset = the demo tenant's. */
  helpExamples?: string[];
  /** What each admin's conversation was last about (follow-ups, "fix it"); none = no follow-ups. */
  contexts?: ConversationContexts;
  /** Alert subscriptions (the poller reads them). */
  alerts: { subscriptions: Subscriptions; pollSeconds: number; homeTenantId?: string };
  /** Which apps have provisioning, kept in storage for every turn and instance (none = a scan per question). */
  inventory?: KnownApps;
  now?: () => Date;
}

/** Our cards are plain Adaptive Card JSON; teams-ai types them with its own interface. */
export const invokeCard = (card: object) => card as AdaptiveCard;

/** Input that does not hold together (a tampered button, a command without a valid target): said, nothing sent. */
export const invalidInput = (problem: string): Rendered => renderProblem(problemFromError(new BotError('invalid-input', problem), ''));

const answerDeps = (deps: BotDeps, context: TurnContext, state: TurnState): AnswerDeps => {
  const gateway = deps.graphFor(context, state);
  const logger = lazyChild(deps.logger, { conversation: context.activity.conversation?.id, activity: context.activity.id });
  return {
    gateway,
    audit: deps.remediation.audit,
    inventory: deps.inventory,
    tenantId: actorOf(context).tenantId,
    helpExamples: deps.helpExamples,
    // Teams sends the client's IANA time zone and locale on each activity: cards show times in them.
    timeZone: context.activity.localTimezone || undefined,
    locale: context.activity.locale || undefined,
    logger,
    now: deps.now,
    // A typed command ends at the same review step as its button: the confirmation card, nothing changed.
    review: async (verb: RemedyVerb, data: CommandData) => {
      const request = remedySchema(verb).safeParse({ ...data, stage: 'review' });
      if (!request.success) return invalidInput(request.error.issues[0]?.message ?? 'The command names no valid target.');
      return remediate(request.data, actorOf(context), { ...deps.remediation, gateway, logger, now: deps.now });
    },
  };
};

/** Whose context this is: the conversation and the admin in it. */
type ContextKey = readonly [conversationId: string, userId: string];
const contextKey = (context: TurnContext): ContextKey => [String(context.activity.conversation?.id ?? ''), String(context.activity.from?.aadObjectId ?? context.activity.from?.id ?? '')] as const;

async function readContext(deps: BotDeps, context: TurnContext): Promise<ConversationContext | undefined> {
  try {
    return await soon(deps.contexts?.read(...contextKey(context)));
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not read the conversation context');
    return undefined;
  }
}

async function writeContext(deps: BotDeps, context: TurnContext | ContextKey, memory: Memory | undefined, saved?: ConversationContext): Promise<void> {
  if (!memory || !deps.contexts) return;
  try {
    const [conversationId, userId] = context instanceof TurnContext ? contextKey(context) : context;
    await soon(deps.contexts.write(conversationId, userId, memory, saved));
  } catch (error) {
    // Follow-ups will ask again; the answer itself went out.
    deps.logger.warn({ err: error }, 'could not remember the conversation context');
  }
}

/** Help and off-topic answers need no Graph; questions, commands and follow-ups ("why?", "fix it") do. */
export function asksGraph(text: string): boolean {
  const intent = understand(text);
  return intent.topic !== 'help' || !!intent.followUp || !!intent.command;
}

/** An answer slower than this shows the typing indicator first. */
const TYPING_AFTER_MS = 500;

export function onMessage(deps: BotDeps) {
  return async (context: TurnContext, state: TurnState): Promise<void> => {
    const text = typeof context.activity.text === 'string' ? context.activity.text : '';
    // Teams' typing indicator for an answer that takes a while; most answer sooner, without the extra send.
    const typing = setTimeout(() => void context.sendActivity({ type: 'typing' }).catch(() => undefined), TYPING_AFTER_MS);
    const stopTyping = () => clearTimeout(typing);
    try {
      await answerMessage(deps, context, state, text, stopTyping);
    } finally {
      stopTyping();
    }
  };
}

async function answerMessage(deps: BotDeps, context: TurnContext, state: TurnState, text: string, stopTyping: () => void): Promise<void> {
  const saved = await readContext(deps, context);
  // Taken now: an answer later than the reply deadline arrives after this turn's context is revoked.
  const key = contextKey(context);
  const held: { turn?: Turn } = {};
  // The whole turn answers within the reply deadline, or a "working…" card goes out and is updated later.
  const answer = await answerInTime(context, deps.deadlines ?? DEFAULT_DEADLINES, deps.botAppId, deps.logger, async (): Promise<Answer> => {
    const turn = (held.turn = await answerTurn(text, saved, answerDeps(deps, context, state)));
    if (turn.kind === 'alerts') return { kind: 'problem', ...(await alertsAnswer(deps, context, state, turn.intent)) };
    // What a follow-up refers to is remembered with the answer, in time or late ("and in Slack?" after "working…").
    if (turn.kind === 'sentence' || turn.answer.cause !== 'sign-in-expired') await writeContext(deps, key, turn.remember, saved);
    // A sentence needs no Graph, so it is always in time; it goes out as plain text below.
    if (turn.kind === 'sentence') return { kind: 'help', ...renderProblem({ title: turn.text, whatHappened: '', tryThis: [] }) };
    return turn.answer;
  });
  // The answer (or "working…") is ready: no typing indicator may follow it.
  stopTyping();
  const turn = held.turn;
  if (!answer || !turn) return; // a "working…" card went out; it is updated with the answer
  deps.logger.info({ answer: turn.kind === 'answer' ? turn.answer.kind : turn.kind, length: text.length }, 'question');
  if (turn.kind === 'alerts') return sendAnswer(context, answer);
  if (turn.kind === 'sentence') {
    await context.sendActivity({ type: 'message', text: turn.text });
    return;
  }
  // An expired sign-in: sign in again; teams-ai keeps this message and it is answered once signed in.
  if (turn.answer.cause === 'sign-in-expired' && deps.restartSignIn) return deps.restartSignIn(context, state);
  await sendAnswer(context, answer);
}

/** A "which one?" button: the same question again, with the choice pinned. */
export function onChoose(deps: BotDeps) {
  return async (context: TurnContext, state: TurnState, question: Question) => {
    const saved = await readContext(deps, context);
    const answer = await asQuestion(context, deps.deadlines ?? DEFAULT_DEADLINES, () => answerQuestion(question, answerDeps(deps, context, state)));
    await writeContext(deps, context, afterChoice(saved, question, answer));
    return invokeCard(answer.card);
  };
}

/** An example question from the help card, asked by clicking it. */
export function onAsk(deps: BotDeps) {
  return async (context: TurnContext, state: TurnState, { text }: { text: string }) => {
    if (!text.trim()) return invokeCard(renderHelp({ examples: deps.helpExamples }).card);
    const saved = await readContext(deps, context);
    const turn = await asQuestion(context, deps.deadlines ?? DEFAULT_DEADLINES, async () => {
      const turn = await answerTurn(text, saved, answerDeps(deps, context, state));
      if (turn.kind === 'alerts') return { ...(await alertsAnswer(deps, context, state, turn.intent)), turn };
      if (turn.kind === 'sentence') return { ...renderProblem({ title: 'Not something I can help with', whatHappened: turn.text, tryThis: [] }), turn };
      return { ...turn.answer, turn };
    });
    if (turn.turn.kind !== 'alerts') await writeContext(deps, context, turn.turn.remember, saved);
    return invokeCard(turn.card);
  };
}

async function alertsAnswer(deps: BotDeps, context: TurnContext, state: TurnState, intent: Intent): Promise<Rendered> {
  try {
    return await answerAlerts(intent, {
      ...conversationOf(context),
      subscriptions: deps.alerts.subscriptions,
      who: context.activity.from?.name ?? 'someone',
      gateway: deps.graphFor(context, state),
      pollSeconds: deps.alerts.pollSeconds,
      now: deps.now?.() ?? new Date(),
      tenantId: actorOf(context).tenantId,
      homeTenantId: deps.alerts.homeTenantId,
      inventory: deps.inventory,
      timeZone: actorOf(context).timeZone,
    });
  } catch (error) {
    deps.logger.warn({ err: error }, 'alerts command failed');
    return renderProblem(problemFromError(error, context.activity.id ?? ''));
  }
}

/** Where alerts for this conversation go: a channel itself (not the thread a message was posted in). */
export function conversationOf(context: TurnContext): { conversationId: string; reference: Partial<ConversationReference>; place: string } {
  const reference = TurnContext.getConversationReference(context.activity);
  const conversation = reference.conversation ?? ({ id: '' } as ConversationAccount);
  const type = conversation.conversationType;
  const conversationId = type === 'channel' ? channelConversationId(conversation.id) : conversation.id;
  return {
    conversationId,
    reference: { ...reference, conversation: { ...conversation, id: conversationId } },
    place: type === 'channel' ? 'channel' : type === 'groupChat' ? 'group chat' : 'chat',
  };
}

const botIn = (context: TurnContext, members: Array<{ id: string }> | undefined) => (members ?? []).some((m) => m.id === context.activity.recipient?.id);

function remember(deps: BotDeps, context: TurnContext): Promise<void> {
  return deps.alerts.subscriptions
    .rememberConversation(conversationOf(context).reference)
    .then(() => undefined)
    .catch((error) => deps.logger.warn({ err: error }, 'could not remember the conversation'));
}

async function forget(deps: BotDeps, context: TurnContext): Promise<void> {
  await deps.alerts.subscriptions.forget(conversationOf(context).conversationId);
  deps.logger.info({ conversation: conversationOf(context).conversationId }, 'bot removed: conversation forgotten');
}

/** Added to a team, chat or personal scope: remember where to post, and say what the bot does. */
export function onMembersAdded(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    if (!botIn(context, context.activity.membersAdded)) return;
    await remember(deps, context);
    await sendAnswer(context, { kind: 'help', ...renderHelp({ examples: deps.helpExamples }) });
  };
}

/** Removed from a team or chat: forget the conversation, so nothing more is posted there. */
export function onMembersRemoved(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    if (botIn(context, context.activity.membersRemoved)) await forget(deps, context);
  };
}

/** Installed (remember the conversation) or uninstalled (forget it). */
export function onInstallationUpdate(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const action = String(context.activity.action ?? '');
    if (/remove/i.test(action)) await forget(deps, context);
    else if (/add/i.test(action)) await remember(deps, context);
  };
}

/** What a mute button carries (alerts/alertCard.ts), once validated. */
export interface MuteData {
  spId: string;
  appName?: string;
  hours: number;
}

/** "Mute … for 24 h" on an alert card. */
export function onMute(deps: BotDeps) {
  return async (context: TurnContext, _state: TurnState, { spId, appName, hours }: MuteData) => {
    const until = new Date((deps.now?.() ?? new Date()).getTime() + hours * 3600_000);
    // The mute card is the channel's alert card, read by many: UTC and how long, not the clicker's zone.
    const sub = await deps.alerts.subscriptions.mute(conversationOf(context).conversationId, spId, until, appName);
    const name = appName ?? 'this app';
    return invokeCard(
      renderOutcome(
        sub
          ? { status: 'succeeded', title: `${name} alerts muted until ${formatTime(until, { now: deps.now?.() ?? new Date() })}`, summary: `By ${context.activity.from?.name ?? 'someone'}. This card still turns to resolved on recovery.`, facts: [] }
          : { status: 'no-change', title: 'Alerts are not on here', summary: 'Nothing to mute.', facts: [] },
      ).card,
    );
  };
}
