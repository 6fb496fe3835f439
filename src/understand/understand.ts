// Utterance → Intent: which topic an admin asks about, and the user/group and app names as typed.
// Pure, deterministic and fast: topics come from short cue phrases (typo-tolerant), names from their place in
// the sentence ("why was <principal> skipped in <app>"), never from a list of known names.
import type { AlertAction, FollowUp, Intent, Topic } from '../domain/types';
import { alertOptions, namesADetector } from './alertOptions';
import { durationHours, isGluedDuration } from './duration';
import { allowedEdits, editDistance, foldText } from './fuzzy';
import { type CommandReading, readCommand } from './commands';
import { readFollowUp } from './followUp';
import { cleanUtterance } from './normalize';
import { findAppNames, type NameHit, type TenantNames } from './tenantNames';
import {
  ALERT_ACTIONS,
  ALERT_CONDITIONS,
  ALERT_QUESTION_OPENERS,
  APP_TRAILERS,
  ARTICLES,
  AUDIT_VERBS,
  AUXILIARIES,
  CLAUSE_OPENERS,
  COMMON_WORDS,
  type Cue,
  DEFAULT_MUTE_HOURS,
  DOMAIN_WORDS,
  EXACT_KEYWORDS,
  LEADING_FILLERS,
  NEGATION,
  NEGATIONS,
  ORDINARY_WORDS,
  POLITENESS,
  PREPOSITIONS,
  TOPIC_CUES,
  TRAILING_FILLERS,
} from './vocabulary';

interface Token {
  /** Offsets in the cleaned text, so names are cut from it exactly as typed. */
  start: number;
  end: number;
  raw: string;
  /** Folded, outer punctuation and apostrophes removed: "Wasn't," → "wasnt". */
  key: string;
  /** The keyword `key` is a typo of ("skiped" → "skipped"), else `key`. */
  word: string;
  /** Inside quotes: part of a name, never a keyword. */
  quoted: boolean;
  capitalized: boolean;
  /** Ends with , ; : ! ? or a full stop: a name does not run past it. */
  endsClause: boolean;
}

interface Span {
  start: number;
  end: number;
}

const GROUP_WORDS = new Set(['group', 'groups', 'team', 'teams']);
const ACCOUNT_WORDS = new Set(['account', 'accounts', 'access', 'license', 'seat']);

/** Tokens looked at; the cleaned text is at most 500 characters anyway. */
const MAX_TOKENS = 120;
/** A subject longer than this is a sentence, not a name: keep its last words. */
const MAX_NAME_TOKENS = 6;

const CUE_WORDS = new Set<string>();
for (const [, list] of TOPIC_CUES) for (const cue of list) for (const slot of cue.slots) for (const w of slot) CUE_WORDS.add(w);
CUE_WORDS.delete(NEGATION);
/** Words a typo is corrected to: keywords and app trailers ("provisoning"), long enough to judge a typo. */
const TYPO_TARGETS = [...CUE_WORDS, ...APP_TRAILERS].filter(
  (w) => w.length >= 5 && !COMMON_WORDS.has(w) && !EXACT_KEYWORDS.has(w),
);

interface CompiledCue {
  slots: Set<string>[];
  gap: number;
  namesBetween: boolean;
}

const COMPILED_CUES: ReadonlyArray<readonly [Topic, CompiledCue[]]> = TOPIC_CUES.map(
  ([topic, list]) => [topic, list.map((cue: Cue) => ({ ...cue, slots: cue.slots.map((s) => new Set(s)) }))] as const,
);

/**
 * What the admin asked. Never throws; text that names no topic gives `{topic: 'help', guessed: true}`.
 * With the tenant's app names, an app is recognised wherever it stands and ordinary words are never taken
 * for an app; a typed command or a follow-up is read too (the caller applies the conversation's context).
 */
export function understand(text: string, names?: TenantNames): Intent {
  const clean = cleanUtterance(text);
  const followUp = readFollowUp(clean);
  const hits = findAppNames(clean, names);
  if (followUp) return followUpIntent(followUp, clean, hits);
  // The apps found are cut out, so the grammar reads the rest: "Slack skipped jane" → "skipped jane".
  const rest = hits.length ? blankOut(clean, hits) : clean;
  const intent = readSentence(rest);
  const hit = hits[0];
  if (hit) intent.app = hit.names.length === 1 ? hit.names[0] : clean.slice(hit.start, hit.end);
  else if (names && intent.app && isOrdinary(intent.app)) delete intent.app;
  if (intent.topic === 'alerts' || intent.topic === 'audit') return intent;
  const command = readCommand(rest);
  if (command) return commandIntent(command, intent, hits, names);
  // "Slack?": only the app's name (the grammar saw a lone "?").
  if (hit && intent.topic === 'help' && !intent.guessed && !hasOtherWords(rest) && !/\bhelp\b/i.test(rest)) return { topic: 'status', app: intent.app };
  if (intent.guessed && hit) {
    // Names and no question word: "jane in salesforce" asks about jane there, "salesforce?" about the app;
    // anything else ("the matching attribute for salesforce") stays not understood, with the app kept.
    const person = leftoverName(rest);
    if (person) return { topic: 'skipped', principal: person, app: intent.app };
    if (!hasOtherWords(rest)) return { topic: 'status', app: intent.app };
  }
  if (intent.guessed && intent.topic === 'help' && !hit && isOffTopic(clean)) return { ...intent, offTopic: true };
  return intent;
}

function followUpIntent(followUp: FollowUp, clean: string, hits: NameHit[]): Intent {
  if (followUp.kind !== 'other-name') return { topic: 'help', followUp };
  const hit = hits[0];
  if (hit) return { topic: 'help', followUp: { kind: 'other-name' }, app: hit.names.length === 1 ? hit.names[0] : clean.slice(hit.start, hit.end) };
  return { topic: 'help', followUp };
}

function commandIntent(reading: CommandReading, read: Intent, hits: NameHit[], names: TenantNames | undefined): Intent {
  const { command } = reading;
  const forPrincipal = command.verb === 'provisionOnDemand' || command.verb === 'reassignUser';
  let app = read.app;
  if (!hits.length) app = reading.app && !(names && isOrdinary(reading.app)) ? reading.app : undefined;
  // "sync zoom now": the only name is the app's, so it is the app's cycle, not a person's.
  if (forPrincipal && !reading.principal && app) return { topic: 'status', app, command: { verb: 'startProvisioning' } };
  const fallback = forPrincipal ? 'skipped' : command.verb === 'clearQuarantine' ? 'quarantine' : 'status';
  // The topic the sentence reads as ("restart Slack" is about a job that does not run) unless it has none.
  const topic = read.guessed || read.topic === 'help' || (forPrincipal && read.topic !== 'skipped') ? fallback : read.topic;
  const intent: Intent = { topic, command };
  if (app) intent.app = app;
  if (forPrincipal && reading.principal) intent.principal = reading.principal;
  return intent;
}

/** The text with the recognised names (and a possessive "'s" after them) replaced by spaces. */
function blankOut(clean: string, hits: NameHit[]): string {
  let out = '';
  let at = 0;
  for (const h of hits) {
    let end = h.end;
    const possessive = /^['’]s\b/i.exec(clean.slice(end));
    if (possessive) end += possessive[0].length;
    out += clean.slice(at, h.start) + ' '.repeat(end - h.start);
    at = end;
  }
  return out + clean.slice(at);
}

/** A name left once the app is cut out: "jane in" → "jane". */
function leftoverName(rest: string): string | undefined {
  const tokens = tokenize(rest);
  const name = firstNameRun(rest, tokens);
  return name && !isOrdinary(name) ? name : undefined;
}

/** Words beyond fillers and app trailers: "the Slack app?" has none, "matching attribute for Slack" has. */
function hasOtherWords(rest: string): boolean {
  return tokenize(rest).some(
    (t) => t.key && !APP_TRAILERS.has(t.key) && (DOMAIN_WORDS.has(t.key) || (!COMMON_WORDS.has(t.key) && !ORDINARY_WORDS.has(t.key))),
  );
}

/** Ordinary English, never looked up as an app or a person: "overall", "anything", "today". */
function isOrdinary(name: string): boolean {
  const words = foldText(name).split(/[^a-z0-9]+/).filter(Boolean);
  return words.length > 0 && words.every((w) => COMMON_WORDS.has(w) || ORDINARY_WORDS.has(w));
}

/** Nothing about provisioning, identities or apps: a polite sentence about what the bot does is the answer. */
function isOffTopic(clean: string): boolean {
  const words = foldText(clean).split(/[^a-z0-9@.]+/).filter(Boolean);
  // Plain English with no word of the trade ("tell me a joke"); gibberish is rather not understood.
  return words.some((w) => COMMON_WORDS.has(w)) && !words.some((w) => DOMAIN_WORDS.has(w) || w.includes('@'));
}

function readSentence(clean: string): Intent {
  const tokens = tokenize(clean);
  if (!tokens.some((t) => t.key)) {
    // A lone "?" asks what the bot can do; silence or stray symbols are a guess.
    return clean.includes('?') ? { topic: 'help' } : { topic: 'help', guessed: true };
  }
  const cued = findTopic(tokens);
  if (!cued) return { topic: 'help', guessed: true };
  if (cued.topic === 'help') return { topic: 'help' };
  if (cued.topic === 'skipped') return skippedIntent(clean, tokens, cued.anchor);
  if (cued.topic === 'audit') return auditIntent(clean, tokens);
  if (cued.topic === 'alerts') return alertsIntent(clean, tokens);
  const failed = personFailedIn(clean);
  if (failed) return failed;
  const app = prepositionApp(clean, tokens, 0, tokens.length, true) ?? firstNameRun(clean, tokens);
  return app ? { topic: cued.topic, app } : { topic: cued.topic };
}

/**
 * "why did Hannah Kim fail in Asana?": someone failed in an app, which is a question about that person's
 * provisioning (an app failing is "why did Asana fail?", with no second name).
 */
const PERSON_FAILED_IN = /^\s*(?:why\s+)?(?:did|does|do|has|have)\s+(.+?)\s+(?:fail|failed|fails|error|errored)\s+(?:in|to|for|on|into|with)(?:\s+(.*?))?[\s?.!]*$/i;
const TRAILING_APP_WORDS = /\s+(?:provisioning|sync|app|application)$/i;

function personFailedIn(clean: string): Intent | undefined {
  const m = PERSON_FAILED_IN.exec(clean);
  if (!m) return undefined;
  const principal = m[1].trim();
  // The app may have been cut out already (recognised by name): the person is still the subject.
  const app = (m[2] ?? '').trim().replace(TRAILING_APP_WORDS, '');
  if (!principal) return undefined;
  return app ? { topic: 'skipped', principal, app } : { topic: 'skipped', principal };
}

function tokenize(clean: string): Token[] {
  const tokens: Token[] = [];
  for (const m of clean.matchAll(/\S+/g)) {
    if (tokens.length === MAX_TOKENS) break;
    const raw = m[0];
    const key = foldText(raw)
      .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
      .replace(/'/g, '');
    tokens.push({
      start: m.index,
      end: m.index + raw.length,
      raw,
      key,
      word: canonicalWord(key),
      quoted: false,
      capitalized: /^["'(\[]*\p{Lu}/u.test(raw),
      endsClause: /[,;:!?]["')\]]*$/.test(raw) || (/\.["')\]]*$/.test(raw) && !isAbbreviation(raw)),
    });
  }
  markQuoted(tokens);
  return tokens;
}

/** 'Liam O'Brien' and "Sales and Marketing" are one name: mark every token from the opening to the closing quote. */
function markQuoted(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const quote = tokens[i].raw[0];
    if (quote !== '"' && quote !== "'") continue;
    for (let j = i; j < Math.min(tokens.length, i + MAX_NAME_TOKENS); j++) {
      const body = tokens[j].raw.replace(/[,;:!?.)\]]+$/, '');
      if (body.endsWith(quote) && (j > i || body.length > 1)) {
        for (let k = i; k <= j; k++) tokens[k].quoted = true;
        i = j;
        break;
      }
    }
  }
}

const typoCache = new Map<string, string>();

function canonicalWord(key: string): string {
  if (key.length < 4 || CUE_WORDS.has(key) || COMMON_WORDS.has(key) || /[\d@.]/.test(key)) return key;
  const cached = typoCache.get(key);
  if (cached !== undefined) return cached;
  let best = key;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const target of TYPO_TARGETS) {
    // A four-letter word is too short to guess freely ("Sage" is not "usage"): its first letter must agree.
    if (key.length === 4 && key[0] !== target[0]) continue;
    const max = Math.min(allowedEdits(Math.min(key.length, target.length)), bestDistance - 1);
    if (max < 1) continue;
    const d = editDistance(key, target, max);
    if (d <= max) {
      best = target;
      bestDistance = d;
    }
  }
  if (typoCache.size > 5_000) typoCache.clear();
  typoCache.set(key, best);
  return best;
}

/** The first topic (in priority order) with a cue in the text, and where its earliest cue is anchored. */
function findTopic(tokens: Token[]): { topic: Topic; anchor: number } | undefined {
  for (const [topic, list] of COMPILED_CUES) {
    let anchor = Number.POSITIVE_INFINITY;
    for (const cue of list) anchor = Math.min(anchor, matchCue(tokens, cue));
    if (anchor !== Number.POSITIVE_INFINITY) return { topic, anchor };
  }
  return undefined;
}

/** Index of the first non-negation word of the earliest match, or +∞. */
function matchCue(tokens: Token[], { slots, gap, namesBetween }: CompiledCue): number {
  for (let i = 0; i < tokens.length; i++) {
    if (!slotMatches(slots[0], tokens[i])) continue;
    let at = i;
    let anchor = slots[0].has(NEGATION) ? -1 : i;
    let matched = true;
    for (let s = 1; s < slots.length && matched; s++) {
      matched = false;
      for (let k = at + 1; k <= Math.min(tokens.length - 1, at + 1 + gap); k++) {
        if (slotMatches(slots[s], tokens[k])) {
          at = k;
          if (anchor < 0) anchor = k;
          matched = true;
          break;
        }
        if (namesBetween && isKeyword(tokens[k])) break;
      }
    }
    if (matched) return anchor;
  }
  return Number.POSITIVE_INFINITY;
}

function slotMatches(slot: Set<string>, t: Token): boolean {
  if (t.quoted || !t.key) return false;
  return slot.has(t.word) || slot.has(t.key) || (slot.has(NEGATION) && NEGATIONS.has(t.key));
}

function skippedIntent(clean: string, tokens: Token[], anchor: number): Intent {
  const span = principalSpan(tokens, anchor);
  const principal = span && nameText(clean, tokens, span);
  const after = span ? span.end : anchor;
  const app =
    prepositionApp(clean, tokens, after, tokens.length, true) ??
    prepositionApp(clean, tokens, 0, span ? span.start : anchor, false) ??
    accountApp(clean, tokens, anchor);
  const intent: Intent = { topic: 'skipped' };
  // A pasted log entry ("Result Skipped. The User 'jane@contoso.com' will be skipped…"): its address is the subject.
  const address = principal?.includes('@') ? undefined : tokens.findIndex((t) => /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(t.key));
  if (address !== undefined && address >= 0) intent.principal = nameText(clean, tokens, { start: address, end: address + 1 });
  else if (principal) intent.principal = principal;
  if (app) intent.app = app;
  return intent;
}

/**
 * An audit question: the action it names ("who restarted Tableau?"), and the user or group the action was
 * done to ("who re-assigned jane in Slack?") or else the app.
 */
function auditIntent(clean: string, tokens: Token[]): Intent {
  const named = (words: readonly string[]) => (t: Token) => isPlain(t) && (words.includes(t.word) || words.includes(t.key));
  const action = AUDIT_VERBS.find(({ words }) => tokens.some(named(words)));
  let span: Span | undefined;
  if (action?.objectAfter) {
    const isObjectVerb = named(action.objectAfter);
    for (let i = 0; i < tokens.length && !span; i++) if (isObjectVerb(tokens[i])) span = objectSpan(tokens, i);
  }
  const principal = span && nameText(clean, tokens, span);
  const app = span
    ? (prepositionApp(clean, tokens, span.end, tokens.length, true) ?? prepositionApp(clean, tokens, 0, span.start, false))
    : (prepositionApp(clean, tokens, 0, tokens.length, true) ?? firstNameRun(clean, tokens));
  const intent: Intent = { topic: 'audit' };
  if (principal) intent.principal = principal;
  if (app) intent.app = app;
  if (action) intent.auditVerb = action.verb;
  return intent;
}

/** An alert subscription request: what to do with the alerts ("mute", for how long) and the app, if named. */
function alertsIntent(clean: string, tokens: Token[]): Intent {
  const options = alertOptions(clean);
  const asked = alertAction(tokens);
  // "alerts for Slack only failures" asks for a filter: that turns alerts on, it does not list them.
  const action = options.digest ? 'digest' : options.only && asked === 'list' ? 'on' : asked;
  // "alert us when a job has no events for 12 hours": the stalled detector's limit.
  const limit = options.detector === 'stalled' ? durationHours(clean) : undefined;
  const alerts: NonNullable<Intent['alerts']> =
    action === 'mute' ? { action, hours: durationHours(clean) ?? DEFAULT_MUTE_HOURS } : { action, ...options, ...(limit ? { hours: limit } : {}) };
  // "snooze Slack for 4 h": the words after "for" are the duration, the app is the first name.
  const after = prepositionApp(clean, tokens, 0, tokens.length, true);
  const named = (after && durationHours(after) === undefined ? after : undefined) ?? firstNameRun(clean, tokens);
  // "no slow cycle alerts" names a detector, not an app; a digest covers what the conversation watches.
  const app = named && !namesADetector(named) && !options.digest ? named : undefined;
  return app ? { topic: 'alerts', app, alerts } : { topic: 'alerts', alerts };
}

/**
 * The action, read from the request before any incident ("stop watching Zoom", not "tell me if Zoom
 * [stops]"). A question about the alerts lists them; so does a message that names only the alerts.
 */
function alertAction(tokens: Token[]): AlertAction {
  const incident = tokens.findIndex((t) => isPlain(t) && ALERT_CONDITIONS.has(t.key));
  const request = tokens.slice(0, incident < 0 ? tokens.length : incident).filter((t) => isPlain(t) && t.key);
  const opener = request.find((t) => !POLITENESS.has(t.key));
  if (opener && ALERT_QUESTION_OPENERS.has(opener.key)) return 'list';
  const named = ALERT_ACTIONS.find(({ words }) => request.some((t) => words.includes(t.word) || words.includes(t.key)));
  return named?.action ?? 'list';
}

/**
 * The user or group a skip question is about: the words before the verb ("why was [jane] skipped"), after the
 * clause opener and fillers, or else right after the verb ("skipped: [jane doe]"). Undefined for "who was
 * skipped in Slack?".
 */
function principalSpan(tokens: Token[], anchor: number): Span | undefined {
  let end = anchor;
  while (end > 0 && isPlain(tokens[end - 1]) && AUXILIARIES.has(tokens[end - 1].key)) end--;
  let start = 0;
  for (let i = 0; i < end; i++) {
    const t = tokens[i];
    if (t.quoted) continue;
    if (CLAUSE_OPENERS.has(t.key) || (t.endsClause && i < end - 1)) start = i + 1;
  }
  return trimSpan(tokens, { start, end }) ?? objectSpan(tokens, anchor);
}

/** The name right after a verb, past fillers: "skipped: [jane doe]", "re-assigned [the Sales group]". */
function objectSpan(tokens: Token[], verb: number): Span | undefined {
  let after = verb + 1;
  while (after < tokens.length && isPlain(tokens[after]) && isFillerAfterVerb(tokens[after].key)) after++;
  // Right after the verb a near-miss of a keyword is a name: "provisioned Megan" is not "provisioned began".
  const run = nameRun(tokens, after, true);
  return run && trimSpan(tokens, run);
}

/** Drops fillers around a name and cuts it at a preposition or a possessive: "the Marketing group" → "Marketing". */
function trimSpan(tokens: Token[], span: Span): Span | undefined {
  let { start, end } = span;
  while (start < end && isPlain(tokens[start]) && (LEADING_FILLERS.has(tokens[start].key) || isMention(tokens[start]))) start++;
  for (let i = start; i < end; i++) {
    const t = tokens[i];
    if (t.quoted) continue;
    if (i > start && ((PREPOSITIONS.has(t.key) && t.key !== 'of') || t.raw.startsWith('('))) {
      end = i;
      break;
    }
    if (/'s$/i.test(t.raw.replace(/[,;:!?.]+$/, ''))) {
      end = i + 1;
      break;
    }
  }
  // One trailing filler only: "the Sales Team group" is the group "Sales Team".
  if (end - start > 1 && isPlain(tokens[end - 1]) && TRAILING_FILLERS.has(tokens[end - 1].key) && !tokens[end - 1].capitalized) end--;
  if (end - start > MAX_NAME_TOKENS) start = end - MAX_NAME_TOKENS;
  // "why did provisioning skip jane": a span of vocabulary only is no name (a capitalised "Hung" still is).
  const meaningful = tokens
    .slice(start, end)
    .some((t) => t.quoted || (t.key && !COMMON_WORDS.has(t.key) && (!isKeyword(t) || t.capitalized || t.word !== t.key)));
  return meaningful ? { start, end } : undefined;
}

/** The first app named after a preposition in [from, to): "in the Salesforce Sandbox app" → "Salesforce Sandbox". */
function prepositionApp(clean: string, tokens: Token[], from: number, to: number, allowOf: boolean): string | undefined {
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    if (!isPlain(t) || !PREPOSITIONS.has(t.key) || (!allowOf && t.key === 'of') || t.endsClause) continue;
    let j = i + 1;
    while (j < tokens.length && isPlain(tokens[j]) && ARTICLES.has(tokens[j].key)) j++;
    const run = nameRun(tokens, j);
    // "in the Sales group in Salesforce": a group is not the app; "for 3 days" or "for 24h" is a duration.
    if (run && !GROUP_WORDS.has(tokens[run.end]?.key ?? '') && !isNumberRun(tokens, run)) return nameText(clean, tokens, run);
  }
  return undefined;
}

/** "jane has no Slack account": the words before "account" after the verb name the app. */
function accountApp(clean: string, tokens: Token[], from: number): string | undefined {
  for (let i = from + 1; i < tokens.length; i++) {
    if (!isPlain(tokens[i]) || !ACCOUNT_WORDS.has(tokens[i].key)) continue;
    let start = i;
    while (start > from + 1 && isPlain(tokens[start - 1]) && !COMMON_WORDS.has(tokens[start - 1].key) && !isKeyword(tokens[start - 1])) start--;
    return start < i ? nameText(clean, tokens, { start, end: i }) : undefined;
  }
  return undefined;
}

/**
 * When no preposition names the app ("how is ServiceNow doing?"), the first run of words that aren't vocabulary
 * or a number ("mute alerts for 3 days").
 */
function firstNameRun(clean: string, tokens: Token[]): string | undefined {
  for (let i = 0; i < tokens.length; i++) {
    if (isMention(tokens[i])) continue;
    const run = nameRun(tokens, i);
    if (run && !isNumberRun(tokens, run)) return nameText(clean, tokens, run);
  }
  return undefined;
}

/**
 * Consecutive name words from `start`: stops at keywords, prepositions, trailers like "provisioning" and at the
 * end of a clause. Everyday words end it too, unless capitalised inside it ("GitHub Enterprise Managed User").
 * With `typosAreNames`, a word that only looks like a typo of a keyword ("Megan" ~ "began") is a name word.
 */
function nameRun(tokens: Token[], start: number, typosAreNames = false): Span | undefined {
  let end = start;
  while (end < tokens.length) {
    const t = tokens[end];
    if (!t.quoted) {
      // A capitalised keyword inside a group's name is part of it: "the Field Operations group".
      const inGroupName = end > start && t.capitalized && GROUP_WORDS.has(tokens[end + 1]?.key ?? '');
      const keyword = isKeyword(t) && !(typosAreNames && t.word !== t.key) && !inGroupName;
      if (!t.key || keyword || PREPOSITIONS.has(t.key) || (POLITENESS.has(t.key) && !inGroupName) || NEGATIONS.has(t.key)) break;
      // An acronym is a name word ("IT Staff", "HR"), even where the same word in lower case is not.
      if (COMMON_WORDS.has(t.key) && (end === start || !t.capitalized) && !isAcronym(t)) break;
    }
    end++;
    if (t.endsClause) break;
  }
  return end > start ? { start, end } : undefined;
}

/** The name exactly as typed, without surrounding quotes, punctuation or a possessive "'s". */
function nameText(clean: string, tokens: Token[], span: Span): string | undefined {
  let text = clean.slice(tokens[span.start].start, tokens[span.end - 1].end);
  text = text.replace(/[,;:!?.)\]]+$/, '').replace(/^[(\[]+/, '');
  const first = text[0];
  if ((first === '"' || first === "'") && text.length > 1) {
    text = text.endsWith(first) ? text.slice(1, -1) : text.slice(1);
  }
  text = text.replace(/'s$/i, '').replace(/[,;:!?.]+$/, '').trim();
  return text || undefined;
}

/** "Mr." and the "F." of "John F. Kennedy" end no sentence. */
function isAbbreviation(raw: string): boolean {
  return /^\p{Lu}\p{L}{0,2}\.$/u.test(raw);
}

function isFillerAfterVerb(key: string): boolean {
  return key === 'up' || (LEADING_FILLERS.has(key) && !PREPOSITIONS.has(key));
}

/** "for 3 days", "for 24h": a number or a duration is no name. */
function isNumberRun(tokens: Token[], run: Span): boolean {
  return tokens.slice(run.start, run.end).every((t) => /^\d+$/.test(t.key) || isGluedDuration(t.key));
}

function isKeyword(t: Token): boolean {
  return !t.quoted && (CUE_WORDS.has(t.word) || APP_TRAILERS.has(t.word));
}

function isAcronym(t: Token): boolean {
  return /^\p{Lu}{2,5}$/u.test(t.raw.replace(/[^\p{L}]/gu, ''));
}

function isPlain(t: Token | undefined): boolean {
  return !!t && !t.quoted;
}

function isMention(t: Token): boolean {
  return t.raw.startsWith('@');
}
