// One typed message in a conversation: understand it with the tenant's app names, apply the conversation's
// context (follow-ups, commands without their app), answer, and say what to remember. Knows nothing of
// Teams: the bot reads and writes the context and sends the card.
import { randomUUID } from 'node:crypto';
import type { AppEvidence, Diagnosis, Intent, Remedy } from '../domain/types';
import { BotError } from '../errors';
import { FIXED_BY_HAND } from '../diagnose/findings';
import { renderChoice, renderNotUnderstood, renderProblem } from '../render';
import { listProvisioningApps } from '../resolve/provisioningApps';
import { soon } from '../storage/soon';
import { applyContext, type Ask, type ConversationContext } from '../understand/context';
import { closestQuestions } from '../understand/suggest';
import { cleanUtterance } from '../understand/normalize';
import type { TenantNames } from '../understand/tenantNames';
import { understand } from '../understand/understand';
import { answerQuestion, CHOOSE_VERB, type Answer, type AnswerDeps } from './answerQuestion';
import { problemFromError } from './problemFromError';
import { toData, type Question } from './question';

export type Memory = Omit<ConversationContext, 'at'>;

export type Turn =
  /** Alert subscriptions are about the Teams conversation itself: the bot answers them. */
  | { kind: 'alerts'; intent: Intent }
  /** Off-topic: one polite sentence, no card. */
  | { kind: 'sentence'; text: string; remember?: Memory }
  | { kind: 'answer'; answer: Answer; remember?: Memory };

export const OFF_TOPIC =
  'I only help with Microsoft Entra app provisioning: ask me why someone was not provisioned, whether an app is in quarantine, or how an app’s provisioning is doing.';

/** One word that reads as a first name ("kenji", "siobhan"), not keyboard noise ("zzqx"). */
const PRONOUNCEABLE = /^(?=.*[aeiouyáéíóúàèìòùäëïöü])(?!.*(.)\1\1)[\p{L}'-]{3,20}$/iu;

/** What the bot never does, in one sentence each, with where it is done instead. */
export const REFUSED: Record<NonNullable<Intent['refusal']>, string> = {
  secret: 'I never show secret tokens or passwords: Entra keeps them masked. To replace one, paste the new value in the app’s Provisioning → Admin credentials, then ask me to test the connection.',
  'app-deletion': 'I don’t delete apps. That is done in the Entra admin center (Enterprise applications → the app → Properties → Delete); I can pause its provisioning if you want it to stop.',
  'directory-change': 'I don’t change groups or users: add the member in the Entra admin center (Groups → the group → Members). Then ask me when they will get access.',
};

export const ACKNOWLEDGED = 'Glad to help. Ask me about another app or person whenever you need.';

/** The names per list of apps: the inventory hands every turn the same list until it reads storage again, and
 *  `understand` compiles its name index once per names object. */
const namesOfApps = new WeakMap<readonly AppEvidence[], TenantNames>();

/**
 * The names of the apps with provisioning, from the app inventory: no Graph request once the tenant's apps
 * are known. None when they cannot be read (the question itself will say why).
 */
async function appNames(deps: AnswerDeps): Promise<TenantNames | undefined> {
  try {
    // The names help reading the message; a storage or Graph that is slow to give them must not hold it up.
    const apps = await soon(deps.inventory ? deps.inventory.read(deps.gateway).then((i) => i.apps) : listProvisioningApps(deps.gateway));
    if (!apps) return undefined;
    let names = namesOfApps.get(apps);
    if (!names) namesOfApps.set(apps, (names = { apps: apps.map((a) => a.app.displayName) }));
    return names;
  } catch {
    return undefined;
  }
}

/** The finding's fix that "fix it" offers: the first remedy that changes something, else a connection test. */
function fixOf(diagnosis: Diagnosis | undefined): ConversationContext['fix'] {
  const findings = diagnosis?.findings ?? [];
  const problems = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
  // An answer with no problem may still offer an action ("Disable Nora Quinn now"): "do it" means that one.
  const remedies: Remedy[] = problems.length ? problems.flatMap((f) => f.remedies) : findings.flatMap((f) => f.remedies);
  const remedy = remedies.find((r) => r.verb !== 'testConnection') ?? remedies[0];
  // A scoping filter or an empty attribute is changed in Entra first: "fix it" says what to change.
  const lead = problems[0];
  const byHand = lead && FIXED_BY_HAND.has(lead.cause) && lead.fix.length ? { byHand: lead.fix.slice(0, 4) } : {};
  return remedy ? { verb: remedy.verb, data: remedy.data, ...byHand } : undefined;
}

function question(step: Ask): Question {
  const q: Question = { intent: step.intent };
  if (step.app?.spId && step.app.jobId) q.appPick = { spId: step.app.spId, jobId: step.app.jobId };
  if (step.principal?.id && step.principal.kind) q.principalPick = { kind: step.principal.kind, id: step.principal.id };
  return q;
}

export async function answerTurn(text: string, saved: ConversationContext | undefined, deps: AnswerDeps): Promise<Turn> {
  const now = deps.now?.() ?? new Date();
  const names = await appNames(deps);
  const keep: Memory | undefined = saved ? withoutTime(saved) : undefined;
  const intent = understand(text, names, now);
  if (intent.topic === 'alerts') return { kind: 'alerts', intent };
  if (intent.offTopic) return { kind: 'sentence', text: OFF_TOPIC, remember: keep };
  // "thanks", "ok": no card and no Graph read; the conversation's context stays for a follow-up.
  if (intent.acknowledged) return { kind: 'sentence', text: ACKNOWLEDGED, remember: keep };
  if (intent.refusal) return { kind: 'sentence', text: REFUSED[intent.refusal], remember: keep };
  // An empty message (or only the bot's mention) asks what the bot does.
  if (intent.guessed && !/[\p{L}\p{N}]/u.test(cleanUtterance(text))) return { kind: 'answer', answer: await answerQuestion({ intent: { topic: 'help' } }, deps), remember: keep };
  // A bare name that picked no option ("kenji", "Tomas Garcia", "project falcon") asks about them; an unknown
  // one gets "I couldn't find …" with the closest names.
  const bareAsk = intent.bareName && (intent.bareName.trim().includes(' ') || PRONOUNCEABLE.test(intent.bareName.trim())) ? { ...intent, topic: 'skipped' as const, principal: intent.bareName, guessed: undefined } : undefined;
  const picked = applyContext(intent, saved);
  const step = bareAsk && !(picked.kind === 'ask' && !picked.intent.guessed) ? applyContext(bareAsk, saved) : picked;
  // A bare name is understood only as the answer to the last "which one?" ("okafor"): the context picked it.
  if (intent.guessed && !intent.followUp && !(step.kind === 'ask' && !step.intent.guessed)) {
    const answer: Answer = { kind: 'help', ...renderNotUnderstood({ typed: text, suggestions: closestQuestions(text, names?.apps ?? []) }) };
    return { kind: 'answer', answer, remember: keep };
  }
  if (step.kind === 'fix' && step.byHand) {
    const answer: Answer = {
      kind: 'problem',
      ...renderProblem({
        title: 'This one is fixed in Entra, not by a button',
        whatHappened: 'What keeps it from working is a value or a setting that you change in the Entra admin center; I can only check the result.',
        tryThis: [...step.byHand, 'Once it is changed, use the button on the answer to provision again, or ask the question again to check.'],
      }),
    };
    return { kind: 'answer', answer, remember: keep };
  }
  if (step.kind === 'fix') {
    if (!deps.review) return { kind: 'answer', answer: await answerQuestion({ intent: { topic: saved?.topic ?? 'status' } }, deps), remember: keep };
    return { kind: 'answer', answer: { kind: 'confirmation', ...(await deps.review(step.verb, step.data)) }, remember: keep };
  }
  if (step.kind === 'need') {
    // A command without its app: the command's own "which app should I …?" card.
    const answer = step.what === 'app' ? await answerQuestion({ intent: step.intent }, deps) : await whichApp(step.what, deps);
    return { kind: 'answer', answer, remember: keep };
  }
  const answer = await answerQuestion(question(step), deps);
  const subjects = answer.subjects ?? (answer.kind === 'choice' ? { app: step.app, principal: step.principal } : undefined);
  if (!subjects && answer.kind !== 'choice' && answer.kind !== 'help') return { kind: 'answer', answer, remember: keep };
  const remember: Memory = {
    topic: step.intent.topic,
    ...(step.intent.command ? { command: step.intent.command } : {}),
    ...(step.intent.window ? { window: step.intent.window } : {}),
    ...(step.intent.listOf ? { listOf: step.intent.listOf } : {}),
    ...(subjects?.app ? { app: subjects.app } : step.intent.app ? { app: { name: step.intent.app } } : {}),
    ...(subjects?.principal ? { principal: subjects.principal } : step.intent.principal ? { principal: { name: step.intent.principal } } : {}),
    ...(fixOf(answer.diagnosis) ? { fix: fixOf(answer.diagnosis) } : {}),
    ...(answer.offered ? { others: answer.offered } : intent.bareName && saved?.others ? { others: notPicked(saved.others, step) } : {}),
  };
  return { kind: 'answer', answer, remember };
}

/** The options of a "which one?" left after a typed pick, for "the other one". */
function notPicked(others: NonNullable<ConversationContext['others']>, step: Ask): NonNullable<ConversationContext['others']> {
  return others.filter((o) => !(o.principal?.id && o.principal.id === step.principal?.id) && !(o.app?.spId && !o.principal && o.app.spId === step.app?.spId));
}

/** After a "which one?" click: remember the pick, and the options not picked for "the other one". */
export function afterChoice(saved: ConversationContext | undefined, q: Question, answer: Answer): Memory | undefined {
  if (!saved) return undefined;
  const subjects = answer.subjects;
  if (!subjects) return undefined;
  const others = (saved.others ?? []).filter((o) => !(o.app?.spId && o.app.spId === subjects.app?.spId && !o.principal) && !(o.principal?.id && o.principal.id === subjects.principal?.id));
  return {
    ...withoutTime(saved),
    topic: q.intent.topic,
    ...(subjects.app ? { app: subjects.app } : {}),
    ...(subjects.principal ? { principal: subjects.principal } : {}),
    fix: fixOf(answer.diagnosis),
    others,
  };
}

function withoutTime(saved: ConversationContext): Memory {
  const { at: _at, ...rest } = saved;
  return rest;
}

/** No earlier question to lean on: say what is needed, with the tenant's apps as buttons. */
async function whichApp(what: 'question' | 'fix', deps: AnswerDeps): Promise<Answer> {
  let apps;
  try {
    apps = await listProvisioningApps(deps.gateway, deps.inventory);
  } catch (error) {
    const incidentId = randomUUID();
    deps.logger.warn({ err: error, incidentId }, 'apps could not be listed');
    return { kind: 'problem', cause: error instanceof BotError ? error.code : undefined, ...renderProblem(problemFromError(error, incidentId)) };
  }
  const prompt =
    what === 'fix'
      ? 'The last answer here offers no fix I can apply. Which app should I look at?'
      : 'I have no earlier question from you in this chat to go on (I remember one for 30 minutes). Which app?';
  const data = (spId: string, jobId: string) => ({ ...toData({ intent: { topic: 'status' } }), spId, jobId });
  return {
    kind: 'choice',
    offered: apps.map((a) => ({ app: { name: a.app.displayName, spId: a.app.spId, jobId: a.app.jobId } })),
    ...renderChoice({ prompt, verb: CHOOSE_VERB, options: apps.map((a) => ({ title: a.app.displayName, subtitle: `Provisioning: ${a.job.status?.code ?? 'unknown'}`, data: data(a.app.spId, a.app.jobId) })) }),
  };
}
