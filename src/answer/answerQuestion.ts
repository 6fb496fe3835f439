// One question, end to end: resolve the names, gather the evidence, diagnose, render. Knows nothing of
// Teams: the bot hands it a question and a Graph gateway and sends back the card it gets.
import { randomUUID } from 'node:crypto';
import { diagnose, diagnosePersonApps } from '../diagnose';
import { diagnoseOverview, type UnreadableAppNote } from '../diagnose/overview';
import type { AppEvidence, Diagnosis, Intent, RemedyData, RemedyVerb, Topic } from '../domain/types';
import type { GraphGateway } from '../graph/gateway';
import { BotError, type BotErrorCode } from '../errors';
import type { Logger } from '../log';
import type { AuditLog } from '../storage/auditLog';
import { gatherAppTopic } from '../gather/gatherApp';
import { gatherDeprovisioning } from '../gather/gatherDeprovisioning';
import { gatherPopulation } from '../gather/gatherPopulation';
import { diagnoseAccess } from '../diagnose/access';
import { diagnoseDeprovisioning } from '../diagnose/deprovisioning';
import { diagnoseConcept } from '../diagnose/conceptTopic';
import { diagnosePopulation } from '../diagnose/population';
import { diagnoseErrorCode } from '../diagnose/errorCodeTopic';
import { isQuarantined } from '../diagnose/jobState';
import { completeAttributes, gatherPrincipal, isUnsupportedEndpoint, MAX_APPS_AHEAD, readAppsAhead, readAssignments, readPrincipalActivity, scopeAttributes, type PrincipalActivity, type ReadAhead } from '../gather/gatherPrincipal';
import { sharedSchemas } from '../gather/schemaReads';
import { renderChoice, renderDiagnosis, renderHelp, renderProblem, type ChoiceOption, type Problem, type Rendered } from '../render';
import { knownByName, loadApp, resolveApp } from '../resolve/findApp';
import { MatchLevel, matchLevel } from '../resolve/rankNames';
import { loadPrincipal, rememberAnswered, rememberedPrincipal, resolvePrincipal, type PrincipalMatch } from '../resolve/findPrincipal';
import { readProvisioningInventory, type KnownApps, type UnreadableApp } from '../resolve/provisioningApps';
import type { Resolution } from '../resolve/resolution';
import type { Subjects } from '../understand/context';
import { answerAudit } from './answerAudit';
import { problemFromError } from './problemFromError';
import { answerHistory } from './answerHistory';
import { answerMapping } from './answerMapping';
import { answerList } from './answerList';
import { toData, type Question } from './question';

export const CHOOSE_VERB = 'chooseSubject';

/** Actions that (re)start a job: asked about with an app, the app's history shows them from every trail. */
const RESTART_VERBS = new Set<RemedyVerb>(['restartProvisioning', 'startProvisioning', 'clearQuarantine']);

export type AnswerKind = 'help' | 'diagnosis' | 'choice' | 'not-found' | 'problem' | 'audit' | 'confirmation' | 'history' | 'mapping' | 'list';

export interface Answer extends Rendered {
  kind: AnswerKind;
  diagnosis?: Diagnosis;
  /** The app and person the answer is about, as resolved: what a follow-up refers to. */
  subjects?: Subjects;
  /** For a choice card: the subjects offered, so "the other one" can pick another. */
  offered?: Subjects[];
  /** For a problem: the error code behind it (the bot acts on some, e.g. an expired sign-in). */
  cause?: BotErrorCode;
}

export interface AnswerDeps {
  gateway: GraphGateway;
  logger: Logger;
  /** The actions taken through the bot, for "audit" questions; and whose tenant's trail to read. */
  audit: AuditLog;
  tenantId: string;
  /** Which apps have provisioning, shared by all turns and instances (none = a scan per question). */
  inventory?: KnownApps;
  /** Example questions for the help card that work on this tenant (the demo's names by default). */
  helpExamples?: string[];
  /** The admin's IANA time zone and locale (Teams' `localTimezone`, `locale`): times on cards are shown in it. */
  timeZone?: string;
  locale?: string;
  now?: () => Date;
  /**
   * The review step of a remedy: the same confirmation card its button shows (nothing is changed before the
   * confirm click). Typed commands end here; without it they are answered as questions.
   */
  review?(verb: RemedyVerb, data: CommandData): Promise<Rendered>;
}

export type CommandData = RemedyData & { restartOption?: NonNullable<Intent['command']>['restartOption'] };

type Step<T> = { done: Answer } | { value: T };

interface Asking<T> {
  /** "More than one … matches". */
  ambiguous: string;
  option(match: T): ChoiceOption;
  subjects(match: T): Subjects;
  notFound(typed: string, note?: string): Omit<Problem, 'suggestions'>;
}

/** One match goes on; several become a "which one?" card; none a "not found" card with the closest names. */
function settle<T>(resolved: Resolution<T>, asking: Asking<T>): Step<T> {
  if (resolved.kind === 'one') return { value: resolved.value };
  if (resolved.kind === 'many') {
    return {
      done: {
        kind: 'choice',
        offered: resolved.options.map(asking.subjects),
        ...renderChoice({ prompt: `${asking.ambiguous} Which one did you mean?`, verb: CHOOSE_VERB, options: resolved.options.map(asking.option) }),
      },
    };
  }
  return { done: { kind: 'not-found', ...renderProblem({ ...asking.notFound(resolved.typed, resolved.note), suggestions: resolved.closest }) } };
}

const appOption = (question: Question) => (a: AppEvidence): ChoiceOption => ({
  title: a.app.displayName,
  subtitle: `Provisioning: ${a.job.status?.code ?? 'unknown'}`,
  data: { ...toData(question), spId: a.app.spId, jobId: a.app.jobId },
});

const appMemory = (a: AppEvidence) => ({ name: a.app.displayName, spId: a.app.spId, jobId: a.app.jobId });
const principalMemory = (m: PrincipalMatch) => ({ name: m.ref.displayName, kind: m.ref.kind, id: m.ref.id });

const askingPrincipal = (question: Question): Asking<PrincipalMatch> => ({
  ambiguous: `More than one user or group matches “${question.intent.principal}”.`,
  subjects: (m) => ({ principal: principalMemory(m) }),
  option: (m) => ({ title: m.ref.displayName, subtitle: m.subtitle, data: { ...toData(question), principalKind: m.ref.kind, principalId: m.ref.id } }),
  notFound: (typed) => ({
    title: `I couldn't find “${typed}”`,
    whatHappened: `No user or group in the directory matches “${typed}” by name, first name, last name or user name.`,
    tryThis: ['Check the spelling, or use the full user name (name@your-domain).', 'Ask again with one of the names below if it is the person you meant.'],
  }),
});

const askingApp = (question: Question): Asking<AppEvidence> => ({
  ambiguous: `More than one app with provisioning matches “${question.intent.app}”.`,
  subjects: (a) => ({ app: appMemory(a) }),
  option: appOption(question),
  notFound: (typed, note) => ({
    title: note ? `“${typed}” has no provisioning` : `I couldn't find an app called “${typed}”`,
    whatHappened: note ?? `No app with provisioning set up matches “${typed}”.`,
    tryThis: [
      'Use the app’s name as it appears under Enterprise applications.',
      'Provisioning must be configured for the app (Enterprise applications → the app → Provisioning).',
    ],
  }),
});

function diagnosisAnswer(d: Diagnosis, deps: AnswerDeps): Answer {
  return { kind: 'diagnosis', diagnosis: d, ...renderDiagnosis(d, { timeZone: deps.timeZone, locale: deps.locale }) };
}

/** App questions that name no app: every app with provisioning, problems first. */
/** Why an app could not be read, in the words an admin acts on. */
function unreadableNote(u: UnreadableApp): UnreadableAppNote {
  const d = u.error.details;
  const why =
    u.error.code === 'graph-forbidden'
      ? `missing permission ${d.permissions}; roles: ${d.roles}`
      : u.error.code === 'graph-throttled'
        ? 'Microsoft Graph was throttling'
        : `Microsoft Graph answered ${d.status ? `HTTP ${d.status}` : u.error.code}`;
  return { displayName: u.displayName, why };
}

async function answerForAllApps(question: Question, deps: AnswerDeps, now: Date): Promise<Answer> {
  const inventory = await readProvisioningInventory(deps.gateway, deps.inventory);
  // "are dropbox and tableau in quarantine?": the overview of the apps named, in the order named.
  const named = question.intent.apps?.map((n) => n.toLowerCase());
  const apps = named
    ? inventory.apps.filter((a) => named.includes(a.app.displayName.toLowerCase())).sort((a, b) => named.indexOf(a.app.displayName.toLowerCase()) - named.indexOf(b.app.displayName.toLowerCase()))
    : inventory.apps;
  const unreadable = named ? inventory.unreadable.filter((u) => named.includes(u.displayName.toLowerCase())) : inventory.unreadable;
  if (question.intent.topic === 'credentials' || question.intent.command) return appChoice(question, apps);
  // Per-app log reads would spend the provisioning-log budget many times over: job status is enough here.
  const topic: Topic = question.intent.topic;
  const perApp = apps.map((app) => diagnose(topic, { now: now.toISOString(), app }));
  return diagnosisAnswer(diagnoseOverview(topic, perApp, unreadable.map(unreadableNote), named ? apps.map((a) => a.app.displayName) : undefined, question.intent.appPhase), deps);
}

/**
 * A person's command without its app: the apps with provisioning the person is assigned to (directly or
 * through a group). One such app: its confirmation at once; several: only those are offered. None, or the
 * assignments unreadable: every app, as for any command without its app.
 */
async function principalCommandAnswer(question: Question, deps: AnswerDeps, principal: PrincipalMatch): Promise<Answer> {
  const { apps } = await readProvisioningInventory(deps.gateway, deps.inventory);
  const assigned = await readAssignments(deps.gateway, principal.ref, async () => apps.map((a) => a.app.spId)).then(
    (list) => new Set(list.map((a) => String(a.resourceId).toLowerCase())),
    () => new Set<string>(),
  );
  const theirs = apps.filter((a) => assigned.has(a.app.spId.toLowerCase()));
  if (theirs.length === 1) return commandAnswer(question, deps, theirs[0], principal);
  // Several: only theirs. None (or the assignments unreadable): every app, from the inventory already read.
  return appChoice(question, theirs.length > 1 ? theirs : apps);
}

function appChoice(question: Question, apps: AppEvidence[]): Answer {
  return {
    kind: 'choice',
    offered: apps.map((a) => ({ app: appMemory(a) })),
    ...renderChoice({
      prompt: question.intent.command ? `Which app should I ${COMMAND_WORDS[question.intent.command.verb]}?` : 'Which app’s connection should I test?',
      verb: CHOOSE_VERB,
      options: apps.map(appOption(question)),
    }),
  };
}

/** "Which app should I …?" */
const COMMAND_WORDS: Record<RemedyVerb, string> = {
  restartProvisioning: 'restart',
  clearQuarantine: 'take out of quarantine',
  startProvisioning: 'start',
  pauseProvisioning: 'pause',
  testConnection: 'test',
  reassignUser: 're-assign them in',
  provisionOnDemand: 'provision them to',
  retryFailed: 'retry the failed users of',
};

/** A typed command, its subjects resolved: the remedy's own confirmation card (or its outcome, for a test). */
async function commandAnswer(question: Question, deps: AnswerDeps, app: AppEvidence, principal: PrincipalMatch | undefined): Promise<Answer> {
  const command = question.intent.command!;
  const data: CommandData = {
    spId: app.app.spId,
    jobId: app.app.jobId,
    ...(principal ? (principal.ref.kind === 'user' ? { userId: principal.ref.id } : { groupId: principal.ref.id }) : {}),
    ...(command.restartOption ? { restartOption: command.restartOption } : {}),
  };
  const subjects = { app: appMemory(app), ...(principal ? { principal: principalMemory(principal) } : {}) };
  return { kind: 'confirmation', subjects, ...(await deps.review!(command.verb, data)) };
}

/** Topics about one person in an app. */
const PERSON_TOPICS = new Set<Topic>(['skipped', 'deprovisioning', 'access']);

/** Asked without a name: whose? */
const WHOSE: Partial<Record<Topic, Omit<Problem, 'suggestions'>>> = {
  deprovisioning: {
    title: 'Whose removal should I check?',
    whatHappened: 'I need the name of the user or group that should have been removed.',
    tryThis: ['Ask for example "why wasn’t Tom removed from Slack?" or "what happens if I unassign Jane from Salesforce?".'],
  },
  access: {
    title: 'Whose access should I check?',
    whatHappened: 'I need the name of the user or group waiting for access.',
    tryThis: ['Ask for example "when will Jane get access to Salesforce?".'],
  },
};

/** `appResolved`: the app named, already being resolved (while it was checked whether the name is a person's). */
async function answer(question: Question, deps: AnswerDeps, now: Date, appResolved?: Promise<Resolution<AppEvidence>>): Promise<Answer> {
  const { gateway } = deps;
  // Without a review step (an MCP tool, say) a command is answered as the question it implies.
  let intent = deps.review ? question.intent : { ...question.intent, command: undefined };
  // "who restarted ServiceNow?": the app's history answers it from the bot's actions and Entra's audit log both.
  if (intent.topic === 'audit' && intent.app && !intent.principal && intent.auditVerb && RESTART_VERBS.has(intent.auditVerb)) {
    intent = { ...intent, topic: 'history', historyFocus: 'restarts' };
  }
  question = { ...question, intent };
  if ((intent.apps?.length ?? 0) > 1 && !question.appPick) return answerForAllApps(question, deps, now);
  const auditAnswer = async (): Promise<Answer> => ({ kind: 'audit', ...(await answerAudit(intent, deps.audit, deps.tenantId, gateway, { timeZone: deps.timeZone, locale: deps.locale, now })) });
  if (intent.topic === 'audit') return auditAnswer();
  // "ZendeskMandatoryFieldsMissing what does it mean": the code explained; nothing in the tenant needs reading.
  if (intent.errorCode && !intent.principal && !question.principalPick) return diagnosisAnswer(diagnoseErrorCode(intent.errorCode, intent.app), deps);
  // "what does quarantine mean?": the term explained, with the apps it applies to now when they can be read.
  if (intent.concept) {
    const inventory = await readProvisioningInventory(gateway, deps.inventory).catch(() => undefined);
    return diagnosisAnswer(diagnoseConcept(intent.concept, inventory?.apps, inventory?.unreadable.length), deps);
  }
  // "how many users are in scope?" with no app named or asked about before: which app.
  if (intent.population && !intent.app && !question.appPick) {
    return {
      kind: 'problem',
      ...renderProblem({
        title: 'Which app’s users should I count?',
        whatHappened: 'Assignments and the scope of provisioning belong to one app.',
        tryThis: ['Ask for example "who is assigned to Salesforce?" or "how many users are in scope for Slack?".'],
      }),
    };
  }
  const personTopic = PERSON_TOPICS.has(intent.topic);
  const wantsPrincipal = (personTopic || intent.topic === 'mapping') && !!(intent.principal || question.principalPick);
  const wantsApp = !!(intent.app || question.appPick);

  // "accidental deletions threshold hit on linkedin learning", "why is zendesk deleting people?": removals in
  // an app held back by its deletion threshold are answered by the app's state, which shows it with its fix.
  // Any other removal question needs a person ("who got deprovisioned in box yesterday" is a list).
  if (intent.topic === 'deprovisioning' && !wantsPrincipal && wantsApp) {
    const resolved = question.appPick
      ? { kind: 'one' as const, value: await loadApp(gateway, question.appPick.spId, question.appPick.jobId) }
      : await resolveApp(gateway, intent.app!, deps.inventory).catch(() => undefined);
    const q = resolved?.kind === 'one' ? resolved.value.job.status?.quarantine : undefined;
    if (resolved?.kind === 'one' && isQuarantined(resolved.value.job) && /^toomanydeletes$/i.test(String(q?.reason ?? ''))) {
      // The app just read is handed on, not read again.
      return answer({ ...question, intent: { ...intent, topic: 'status' } }, deps, now, Promise.resolve(resolved));
    }
  }
  if (personTopic && intent.topic !== 'skipped' && !wantsPrincipal) return { kind: 'problem', ...renderProblem(WHOSE[intent.topic]!) };
  if (intent.topic === 'skipped' && !wantsPrincipal) {
    if (!wantsApp) {
      return {
        kind: 'problem',
        ...renderProblem({
          title: 'Whose provisioning should I check?',
          whatHappened: 'I need the name of the user or group that was skipped.',
          tryThis: ['Ask for example "why was Jane skipped?" or "why wasn’t the Marketing group provisioned to Salesforce?".'],
        }),
      };
    }
    // "why was Box skipped?": Box may be a person as well as an app.
    // The app is resolved meanwhile, so the usual reading costs no extra round trip.
    const app = intent.app && !question.appPick ? resolveApp(gateway, intent.app, deps.inventory) : undefined;
    app?.catch(() => undefined); // awaited below, unless the name is a person's
    if (app) {
      const asPerson: Question = { ...question, intent: { ...intent, principal: intent.app, app: undefined } };
      const people = await resolvePrincipal(gateway, intent.app!).catch(() => undefined);
      if (people && people.kind !== 'none') {
        const reading = await appOrPerson(asPerson, people, deps);
        if (!reading) return answer(asPerson, deps, now);
        if (reading.kind === 'choice') return reading.answer;
      }
    }
    // "Who was skipped in Salesforce?": the app's recent skips and failures answer it.
    return answer({ ...question, intent: { ...intent, topic: 'status' } }, deps, now, app);
  }

  // "ravi patel and nina costa": the others named, said under the answer about the first.
  const named: { also: string[] } = { also: [] };
  const withOthers = (d: Diagnosis): Diagnosis => (named.also.length ? { ...d, caveats: [...(d.caveats ?? []), alsoNamed(named.also)] } : d);
  // Both names are looked up at once; neither promise is awaited before the other has started.
  const principalResolution: Promise<Resolution<PrincipalMatch>> | undefined = !wantsPrincipal
    ? undefined
    : question.principalPick
      ? loadPrincipal(gateway, question.principalPick.kind, question.principalPick.id).then((value) => ({ kind: 'one', value }))
      : // A command acts on one person named whole: "provision jane and alex" is never done for jane alone.
        intent.command
        ? resolvePrincipal(gateway, intent.principal!, scopeAttributes(sharedSchemas(gateway)))
        : resolveNamed(gateway, intent.principal!, scopeAttributes(sharedSchemas(gateway)), named);
  // A name that found one person lately: their logs and assignments are read along with the look-up, in one
  // round trip, and used only if the look-up finds that person alone again.
  const known = wantsPrincipal && !question.principalPick && !wantsApp ? rememberedPrincipal(gateway, intent.principal!) : undefined;
  const early = known && readPrincipalActivity(gateway, known, undefined, { guessed: true });
  early?.catch(() => undefined); // awaited below when the look-up agrees
  const appResolution: Promise<Resolution<AppEvidence>> | undefined = !wantsApp
    ? undefined
    : appResolved ??
      (question.appPick
        ? loadApp(gateway, question.appPick.spId, question.appPick.jobId).then((value) => ({ kind: 'one', value }))
        : resolveApp(gateway, intent.app!, deps.inventory));
  appResolution?.catch(() => undefined); // awaited below, unless the principal's answer comes first
  const ahead = wantsPrincipal ? appsAhead(question, deps, known?.apps) : undefined;

  let principal: PrincipalMatch | undefined;
  let activity: Promise<PrincipalActivity> | undefined;
  if (principalResolution) {
    const people = await principalResolution;
    // "why was Contoso skipped?" where Contoso may be an app as well as a person: never guess silently.
    const reading = !wantsApp && !question.principalPick && intent.principal ? await appOrPerson(question, people, deps) : undefined;
    if (reading) return reading.kind === 'app' ? answer(reading.question, deps, now) : reading.answer;
    const step = settle(people, askingPrincipal(question));
    if ('done' in step) return step.done;
    principal = step.value;
    // Start on the principal's logs and assignments while the app is still being resolved; with an app named,
    // its logs are read in that app only (often from the app's shared read, no request of their own).
    const chosen = principal.ref;
    activity =
      early && known?.id === chosen.id && known.kind === chosen.kind
        ? early.catch((error: unknown) => {
            // Only a Graph without the person's assignment list is worked around (app by app); any other
            // failure is the question's, as it would have been without the guess.
            if (isUnsupportedEndpoint(error)) return readPrincipalActivity(gateway, chosen);
            throw error;
          })
        : appResolution
          ? appResolution.then((r) => readPrincipalActivity(gateway, chosen, r.kind === 'one' ? r.value.app.spId : undefined))
          : readPrincipalActivity(gateway, chosen);
    activity.catch(() => undefined); // awaited below; an early answer (a choice card) must not leave it unhandled
  }
  // The attributes the likely apps' scoping filters read, along with the logs.
  const readAhead = principal && (await ahead) ? withAttributes(gateway, principal, (await ahead)!) : undefined;
  let app: AppEvidence | undefined;
  if (appResolution) {
    const resolved = await appResolution;
    // "why did Hannah Kim fail?": a status question whose name is no app's but one person's.
    if (resolved.kind === 'none' && !resolved.note && intent.topic === 'status') {
      const person = await resolvePrincipal(gateway, resolved.typed);
      if (person.kind === 'one') return diagnosisAnswer(diagnose('skipped', await gatherPrincipal(gateway, person.value, undefined, now)), deps);
    }
    const step = settle(resolved, askingApp(question));
    if ('done' in step) return step.done;
    app = step.value;
  }

  const subjects: Subjects = { ...(app ? { app: appMemory(app) } : {}), ...(principal ? { principal: principalMemory(principal) } : {}) };
  if (intent.topic === 'list' && !intent.command) {
    // Across all apps, failures and skips name the apps that broke as a whole: their jobs come from the inventory,
    // read alongside the logs (no request at all at steady state); a failed read of it leaves the list as it is.
    // Created and removed accounts are no failures: the jobs are not needed.
    const wantsJobs = !app && intent.listOf !== 'created' && intent.listOf !== 'removed';
    const allApps = !wantsJobs ? undefined : readProvisioningInventory(gateway, deps.inventory).then((i) => i.apps, () => undefined);
    return { kind: 'list', subjects, ...(await answerList(question, gateway, app, now, CHOOSE_VERB, allApps)) };
  }
  if (intent.command && app) return commandAnswer(question, deps, app, principal);
  // "who is assigned to Zendesk?": its assignments, scope and the job's count.
  if (intent.population && app && !principal) return { ...diagnosisAnswer(diagnosePopulation(await gatherPopulation(gateway, app, now)), deps), subjects };
  // "provision jane now", "reassign siobhan": the app she is assigned to, or which of them.
  if (intent.command && principal) return principalCommandAnswer({ ...question, principalPick: { kind: principal.ref.kind, id: principal.ref.id } }, deps, principal);
  // "what apps is ravi assigned to?": each of them (several are named in the headline, one by its finding).
  if (principal && intent.appsOfPerson && !app) {
    return { ...diagnosisAnswer(withOthers(diagnosePersonApps(await gatherPrincipal(gateway, principal, undefined, now, activity, readAhead))), deps), subjects };
  }
  if (principal && (intent.topic === 'deprovisioning' || intent.topic === 'access')) {
    const evidence = await gatherDeprovisioning(gateway, principal, app, now, activity);
    return { ...diagnosisAnswer(withOthers(intent.topic === 'access' ? diagnoseAccess(evidence) : diagnoseDeprovisioning(evidence)), deps), subjects };
  }
  // history and mapping (issue 12): the app's timeline; the app's schema, for one person when named.
  if (intent.topic === 'history') {
    if (app) return { kind: 'history', subjects, ...(await answerHistory(question, deps, app, now, CHOOSE_VERB)) };
    return auditAnswer();
  }
  if (intent.topic === 'mapping') return { kind: 'mapping', subjects, ...(await answerMapping(question, deps, { app, principal, activity }, now)) };
  if (principal) {
    const evidence = await gatherPrincipal(gateway, principal, app, now, activity, readAhead);
    if (!app && !question.principalPick) rememberAnswered(gateway, intent.principal!, principal.ref, evidence.apps.map((a) => a.app.spId));
    return { ...diagnosisAnswer(withOthers(diagnose('skipped', evidence)), deps), subjects };
  }
  if (app) return { ...diagnosisAnswer(diagnose(intent.topic, await gatherAppTopic(gateway, intent.topic, app, now)), deps), subjects };
  return answerForAllApps(question, deps, now);
}

/** The people in "ravi patel and nina costa", "ravi, nina": two or more, else undefined. */
function namesIn(typed: string): string[] | undefined {
  const parts = typed.split(/\s+(?:and|&|\+)\s+|\s*,\s*/i).map((p) => p.trim()).filter(Boolean);
  return parts.length > 1 ? parts : undefined;
}

/**
 * A name as typed; when nobody has it and it is several names ("ravi patel and nina costa"), the first of them,
 * the others kept in `named.also` for the answer to name (a group called "Sales and Marketing" is found whole).
 */
async function resolveNamed(gateway: GraphGateway, typed: string, attributes: readonly string[], named: { also: string[] }): Promise<Resolution<PrincipalMatch>> {
  const whole = await resolvePrincipal(gateway, typed, attributes);
  const parts = whole.kind === 'none' ? namesIn(typed) : undefined;
  if (!parts) return whole;
  const first = await resolvePrincipal(gateway, parts[0], attributes);
  if (first.kind === 'none') return whole;
  named.also = parts.slice(1);
  return first;
}

function alsoNamed(others: readonly string[]): string {
  return `You also named ${others.join(' and ')}: ask “and ${others[0]}?” for ${others.length === 1 ? 'them' : `${others[0]} next`}.`;
}

type Reading = { kind: 'app'; question: Question } | { kind: 'choice'; answer: Answer };

/**
 * A name read as a person that the inventory also knows as an app: the exact full name wins; when both or
 * neither are exact, a choice card asks which one. Undefined when the name is no app's (the person it is).
 */
async function appOrPerson(question: Question, people: Resolution<PrincipalMatch>, deps: AnswerDeps): Promise<Reading | undefined> {
  const typed = question.intent.principal!;
  const known = deps.inventory ? await deps.inventory.read(deps.gateway).catch(() => undefined) : undefined;
  const apps = (known?.apps ?? []).filter((a) => matchLevel(typed, [a.app.displayName]) >= MatchLevel.Prefix);
  if (!apps.length) return undefined;
  const persons = people.kind === 'one' ? [people.value] : people.kind === 'many' ? people.options : [];
  const appExact = apps.filter((a) => matchLevel(typed, [a.app.displayName]) === MatchLevel.Exact);
  const personExact = persons.some((p) => matchLevel(typed, [p.ref.displayName]) === MatchLevel.Exact);
  const asApp = (picked: AppEvidence[]): Question => ({
    intent: { ...question.intent, topic: 'status', principal: undefined, app: typed },
    ...(picked.length === 1 ? { appPick: { spId: picked[0].app.spId, jobId: picked[0].app.jobId } } : {}),
  });
  if (!persons.length) return appExact.length ? { kind: 'app', question: asApp(appExact) } : undefined;
  if (appExact.length && !personExact) return { kind: 'app', question: asApp(appExact) };
  if (personExact && !appExact.length) return undefined;
  const appQuestion = asApp([]);
  const prompt =
    apps.length === 1 && persons.length === 1
      ? `Did you mean the app ${apps[0].app.displayName} or the person ${persons[0].ref.displayName}?`
      : `“${typed}” could be an app or a person. Which one did you mean?`;
  return {
    kind: 'choice',
    answer: {
      kind: 'choice',
      offered: [...apps.map((a) => ({ app: appMemory(a) })), ...persons.map((p) => ({ principal: principalMemory(p) }))],
      ...renderChoice({
        prompt,
        verb: CHOOSE_VERB,
        options: [
          ...apps.map((a) => ({ title: a.app.displayName, subtitle: 'App with provisioning', data: { ...toData(appQuestion), spId: a.app.spId, jobId: a.app.jobId } })),
          ...persons.map(askingPrincipal(question).option),
        ],
      }),
    },
  };
}

/**
 * For "why was X skipped?": the apps it likely concerns (the one named, the apps `only` names, which a question
 * about this person concerned a moment ago, or every app with provisioning when there are few), read while the
 * person is still being found. Undefined when that would read too much, or fails (then they are read once known).
 */
async function appsAhead(question: Question, deps: AnswerDeps, only?: readonly string[]): Promise<AppEvidence[] | undefined> {
  if (!deps.inventory) return undefined;
  try {
    const known = (await deps.inventory.read(deps.gateway)).apps;
    const pick = question.appPick;
    const asked = only?.length ? known.filter((a) => only.includes(a.app.spId)) : [];
    const candidates = pick
      ? known.filter((a) => a.app.spId === pick.spId && a.app.jobId === pick.jobId)
      : question.intent.app
        ? knownByName(known, question.intent.app)
        : asked.length
          ? asked
          : known;
    if (!candidates.length || candidates.length > MAX_APPS_AHEAD) return undefined;
    return await readAppsAhead(deps.gateway, candidates);
  } catch {
    return undefined;
  }
}

function withAttributes(gateway: GraphGateway, principal: PrincipalMatch, apps: AppEvidence[]): ReadAhead {
  const directoryObject = completeAttributes(gateway, principal, apps);
  directoryObject.catch(() => undefined); // awaited by gatherPrincipal, unless the answer ends earlier
  return { apps, directoryObject };
}

/** Never throws: failures become a problem card, and are logged with an incident id the card shows. */
export async function answerQuestion(question: Question, deps: AnswerDeps): Promise<Answer> {
  if (question.intent.topic === 'help') return { kind: 'help', ...renderHelp({ examples: deps.helpExamples }) };
  const now = deps.now?.() ?? new Date();
  try {
    return await answer(question, deps, now);
  } catch (error) {
    const incidentId = randomUUID();
    deps.logger.warn({ err: error, incidentId, topic: question.intent.topic }, 'question could not be answered');
    return { kind: 'problem', cause: error instanceof BotError ? error.code : undefined, ...renderProblem(problemFromError(error, incidentId)) };
  }
}
