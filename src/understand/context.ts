// The conversation's context applied to what was just understood: a follow-up ("and in Atlassian?", "why?",
// "fix it", "the other one") or a command without its app ("turn it back on") borrows the last app, person,
// topic or finding. Pure: the caller reads and writes the context.
import type { Intent, RemedyData, RemedyVerb, TimeWindow, Topic } from '../domain/types';

export interface AppMemory {
  name: string;
  spId?: string;
  jobId?: string;
}

export interface PrincipalMemory {
  name: string;
  kind?: 'user' | 'group';
  id?: string;
}

/** One subject the last question could have been about. */
export interface Subjects {
  app?: AppMemory;
  principal?: PrincipalMemory;
}

export interface ConversationContext extends Subjects {
  /** ISO 8601: when it was written (it lasts 30 minutes). */
  at: string;
  topic?: Topic;
  command?: Intent['command'];
  /** The time the last question was about ("this week"): "and in Slack?" asks over the same time. */
  window?: TimeWindow;
  /** What the last list listed ("who got deprovisioned this week?"): "in zendesk" lists the same there. */
  listOf?: Intent['listOf'];
  /** The last finding's first remedy: what "fix it" shows for confirmation. */
  fix?: { verb: RemedyVerb; data: RemedyData; byHand?: string[] };
  /** The options of the last "which one?" card the admin did not pick. */
  others?: Subjects[];
}

/** A question ready to answer: the intent, with subjects already resolved where the context knows them. */
export interface Ask extends Subjects {
  kind: 'ask';
  intent: Intent;
}

export type ContextStep =
  | Ask
  /** `byHand`: the finding is fixed outside the bot (an attribute, a filter); its steps, before the remedy helps. */
  | { kind: 'fix'; verb: RemedyVerb; data: RemedyData; byHand?: string[] }
  /** The message needs a context there is none of: say what is missing ("which app?"). */
  | { kind: 'need'; what: 'app' | 'question' | 'fix'; intent: Intent };

const isPrincipalVerb = (verb: RemedyVerb) => verb === 'provisionOnDemand' || verb === 'reassignUser';

/** The last question again, as it was asked (same topic, same subjects, same command). */
function lastQuestion(ctx: ConversationContext): Ask {
  const intent: Intent = { topic: ctx.topic ?? 'status' };
  if (ctx.app) intent.app = ctx.app.name;
  if (ctx.principal) intent.principal = ctx.principal.name;
  if (ctx.command) intent.command = ctx.command;
  if (ctx.window) intent.window = ctx.window;
  if (ctx.listOf) intent.listOf = ctx.listOf;
  return { kind: 'ask', intent, app: ctx.app, principal: ctx.principal };
}

/** The last question, about the same person, in another app (never its command: "and in Box?" only asks). */
function sameQuestionIn(ctx: ConversationContext, app: string): Ask {
  const last = lastQuestion(ctx);
  const { command: _c, ...question } = last.intent;
  return { kind: 'ask', intent: { ...question, app }, principal: last.principal };
}

/** Topics about one person: without one named, the conversation's person is meant ("why?", "is she in Box?"). */
export const PERSON_CONTEXT_TOPICS = new Set<Intent['topic']>(['deprovisioning', 'access', 'skipped', 'mapping']);

/** Topics that are about one app whatever the wording: without one named, the conversation's app is meant. */
const ONE_APP_TOPICS = new Set<Intent['topic']>(['credentials', 'history', 'mapping']);

/** The last question again, about another of its subjects (an option of its "which one?" card). */
function withSubject(ctx: ConversationContext, other: Subjects): Ask {
  const last = lastQuestion(ctx);
  return {
    kind: 'ask',
    intent: { ...last.intent, ...(other.app ? { app: other.app.name } : {}), ...(other.principal ? { principal: other.principal.name } : {}) },
    app: other.app ?? last.app,
    principal: other.principal ?? last.principal,
  };
}

const nameWords = (text: string) => text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** The one option whose name has every typed word as the start of one of its words ("okafor", "sam car"). */
function pickByName(options: readonly Subjects[], typed: string): Subjects | undefined {
  const words = nameWords(typed);
  const matches = options.filter((o) => {
    const name = nameWords(`${o.principal?.name ?? ''} ${o.app?.name ?? ''}`);
    return words.length > 0 && words.every((w) => name.some((n) => n.startsWith(w)));
  });
  return matches.length === 1 ? matches[0] : undefined;
}

export function applyContext(intent: Intent, ctx: ConversationContext | undefined): ContextStep {
  const followUp = intent.followUp;
  if (!followUp) {
    // "okafor" after "Which one did you mean?": the option that name is.
    const picked = intent.bareName && ctx?.topic ? pickByName(ctx.others ?? [], intent.bareName) : undefined;
    if (picked && ctx) return withSubject(ctx, picked);
    // "zendesk?" after "why did arjun fail in tableau?": the same question about that app.
    if (intent.onlyApp && intent.app && ctx?.topic) return sameQuestionIn(ctx, intent.app);
    // "why disabled and not deleted?" after an answer about one person: that person (in that app).
    // "is he in box?": that person, in the app named now.
    if (intent.refersBack && !intent.command && !intent.principal && ctx?.principal && PERSON_CONTEXT_TOPICS.has(intent.topic)) {
      const { refersBack: _r, ...plain } = intent;
      if (plain.app) return { kind: 'ask', intent: { ...plain, principal: ctx.principal.name }, principal: ctx.principal };
      return { kind: 'ask', intent: { ...plain, principal: ctx.principal.name, ...(ctx.app ? { app: ctx.app.name } : {}) }, principal: ctx.principal, app: ctx.app };
    }
    // "who failed there this week?", "test the connection", "who changed it?" after a question about an app.
    if (!intent.command && !intent.app && ctx?.app && (intent.refersBack || ONE_APP_TOPICS.has(intent.topic))) {
      const { refersBack: _r, ...plain } = intent;
      return { kind: 'ask', intent: { ...plain, app: ctx.app.name }, app: ctx.app };
    }
    return withCommandSubjects(intent, ctx);
  }
  const { followUp: _f, ...plain } = intent;
  if (!ctx?.topic) {
    // "and in Atlassian?" or "what about tomas?" with nothing before: asked about on their own.
    if (followUp.kind === 'other-name' && plain.app) return { kind: 'ask', intent: { topic: 'status', app: plain.app } };
    if (followUp.kind === 'other-name' && followUp.name) return { kind: 'ask', intent: { topic: 'skipped', principal: followUp.name } };
    return { kind: 'need', what: 'question', intent: plain };
  }
  switch (followUp.kind) {
    case 'again':
      return lastQuestion(ctx);
    case 'fix':
      // "disable her now" takes only a fix that provisions the person (their removal), never another action.
      if (ctx.fix && (!followUp.removal || ctx.fix.verb === 'provisionOnDemand')) return { kind: 'fix', ...ctx.fix };
      return { kind: 'need', what: 'fix', intent: lastQuestion(ctx).intent };
    case 'other-choice': {
      const other = ctx.others?.[0];
      return other ? withSubject(ctx, other) : lastQuestion(ctx);
    }
    case 'other-name': {
      const last = lastQuestion(ctx);
      // "and today?": the last question over another time.
      if (plain.window && !plain.app && !followUp.name) return { ...last, intent: { ...last.intent, window: plain.window } };
      // A recognised app replaces the app; any other name is a person, asked about in the same app.
      if (plain.app) return sameQuestionIn(ctx, plain.app);
      const name = followUp.name!;
      const { command: _c, ...question } = last.intent;
      return { kind: 'ask', intent: { ...question, topic: 'skipped', principal: name }, app: last.app };
    }
  }
}

/** "turn it back on", "provision tomas now": the command's missing app or person from the context. */
function withCommandSubjects(intent: Intent, ctx: ConversationContext | undefined): ContextStep {
  const command = intent.command;
  if (!command) return { kind: 'ask', intent };
  const step: Ask = { kind: 'ask', intent: { ...intent } };
  if (!intent.app) {
    if (!ctx?.app) return { kind: 'need', what: 'app', intent };
    step.intent.app = ctx.app.name;
    step.app = ctx.app;
  }
  if (isPrincipalVerb(command.verb) && !intent.principal && ctx?.principal) {
    step.intent.principal = ctx.principal.name;
    step.principal = ctx.principal;
  }
  return step;
}
