// Utterance → Intent: which topic an admin asks about, and the user/group and app names as typed.
// Pure, deterministic and fast: topics come from short cue phrases (typo-tolerant), names from their place in
// the sentence ("why was <principal> skipped in <app>"), never from a list of known names.
import type { AlertAction, FollowUp, Intent, Topic } from '../domain/types';
import { alertOptions, namesADetector } from './alertOptions';
import { durationHours, isGluedDuration } from './duration';
import { allowedEdits, editDistance, foldText } from './fuzzy';
import { type CommandReading, readCommand } from './commands';
import { isNameLike, readFollowUp } from './followUp';
import { appPhaseAsked, asksAppsNotWorking, saysStopped } from './appPhase';
import { readConcept } from './conceptQuestion';
import { PERSON_CONTEXT_TOPICS } from './context';
import { readErrorCode } from './errorCodeQuestion';
import { asksWhoWasRemoved, listApp, readList } from './listQuestion';
import { cleanUtterance } from './normalize';
import { findAppNames, type NameHit, type TenantNames } from './tenantNames';
import { readWindow, withoutWindow } from './window';
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
  TOPIC_YIELDS,
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
  /** A pasted code ("NotEffectivelyEntitled", "REQUIRED_FIELD_MISSING"): never a name. */
  code: boolean;
}

interface Span {
  start: number;
  end: number;
}

const GROUP_WORDS = new Set(['group', 'groups', 'team', 'teams']);
/** "jane doe says she can't …": a name ends where what someone said begins. */
const REPORTING_VERBS = new Set(['says', 'said', 'tells', 'told', 'mentioned', 'complains', 'complained']);
/** Help cues that are only a greeting or thanks. */
const GREETINGS = new Set(['hi', 'hello', 'hey', 'hiya', 'howdy', 'thanks', 'thank']);
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
/** A closing tag that asks for help with the sentence before it (", what gives?", "- any ideas?", ", what's going on"): not part of it. */
const TAG_QUESTION = /\s*[,;:–—-]\s*(?:what\s+gives|what'?s\s+(?:going\s+on|up|happening|wrong)|what\s+is\s+(?:going\s+on|happening|wrong)|any\s+(?:ideas?|clues?|thoughts?|help)|thoughts|ideas|(?:please\s+|pls\s+)?help(?:\s+me)?)\s*[?!.]*\s*$/i;

/**
 * A closing alternative to a yes/no question ("did olga get pushed to asana ok or did it blow up", "… or not"):
 * the question before it says it all, and "blow up" would read as a failure list of its own.
 */
const ALTERNATIVE_TAIL =
  /(?:\s+ok(?:ay)?)?\s*,?\s+or\s+(?:not|(?:did|has|was)\s+(?:it|that|s?he|they)\s+(?:blow(?:n)?\s+up|fail(?:ed)?|break|broken|err(?:or(?:ed)?)?(?:\s+out)?|crash(?:ed)?|go\s+wrong|gone\s+wrong))\s*[?!.]*\s*$/i;

/**
 * "can't log into zendesk", "ravi can't sign in to slack", "login fails": getting into the app, never the
 * provisioning logs ("log" alone is a cue for failures and lists), and "sign" is no part of the name before it.
 * Read as the "access" it means.
 */
const LOG_IN =
  /\b((?:can'?t|cannot|couldn'?t|can|could|won'?t|doesn'?t|didn'?t|unable\s+to|not\s+able\s+to|able\s+to|trying\s+to|tries\s+to|tried\s+to)\s+(?:still\s+)?)(?:log|sign)[\s-]*(?:in|on)(?:\s*to)?\b|\b((?:can'?t|cannot|couldn'?t|can|could|won'?t|doesn'?t|didn'?t|unable\s+to|not\s+able\s+to)\s+)(?:log|sign)(?:in|on)\b/gi;

/** "HR says Ravi Patel can't …", "my manager told me that …": who reported it, before what they reported. */
const REPORTED_BY =
  /^\s*(?:(?:hey|hi|so|ok|okay|fyi)[\s,]+)*(?:hr|helpdesk|help\s+desk|service\s*desk|support|the\s+user|a\s+user|my\s+(?:boss|manager)|(?:his|her|their)\s+manager|someone|somebody|security|finance|legal)\s+(?:says|said|tells\s+me|told\s+me|reports|reported|mentioned|complains|complained)\s+(?:that\s+)?/i;
/**
 * "connor walsh says tableau won't let him in": the one who says it is the one refused; read as "connor walsh cant
 * get into tableau", which names both.
 */
const SAYS_REFUSED =
  /^\s*(.+?)\s+(?:says|said|reports|reported|tells\s+me|told\s+me|complains|complained)\s+(?:that\s+)?(.+?)\s+(?:won'?t|wont|will\s+not|doesn'?t|does\s+not|didn'?t|did\s+not)\s+let\s+(?:him|her|them)\s+(?:in|log\s*in|sign\s*in)\b/i;
/** "tableau won't let connor walsh in": the same, with the person named after "let". */
const LETS_NOT_IN = /^\s*(.+?)\s+(?:won'?t|wont|will\s+not|doesn'?t|does\s+not|didn'?t|did\s+not)\s+let\s+(.+?)\s+(?:in|log\s*in|sign\s*in)\b/i;
/** "pradeep cant get into atlassian, says no account": a closing "says …" repeats the report in other words. */
const SAYS_TAIL = /\s*,\s*(?:and\s+)?(?:(?:he|she|they)\s+)?(?:says|said|claims|claimed|mentions|mentioned)\b[^,]*$/i;
/** "megan still has no github account": no account yet, not a leaver still there. */
const STILL_HAS_NO = /\bstill\s+(?:has|have)\s+no\b/gi;

/** "zendesk acting up again?", "tableau throwing 409 conflict": failing, in chat words. */
const ACTING_UP = /\b(?:acting|playing|messing)\s+up\b|\b(?:throwing|throws|threw)\b/gi;

/** Words that point back at the app of the conversation: "it", "there", "that app". */
const APP_ANAPHOR = new RegExp(
  [
    // "who failed there", "anything wrong in there" — not "is there anything", "are there any".
    String.raw`(?<!\b(?:is|are|was|were|isnt|arent|wasnt|werent|anything|something|nothing)\s)\bthere\b(?!\s+(?:is|are|was|were|any|anything|something|nothing|been)\b)`,
    // "is it in quarantine?", "is it still running" — not "is it just me", "is it the scoping filter".
    String.raw`\b(?:is|was|isnt|wasnt)\s+it\s+(?:in\s+quarantine|quarantined|still|ok|okay|running|healthy|broken|working|down|stuck|paused|fine|failing|up)\b`,
    // "who changed it", "who paused it?", "test it" — the last word.
    String.raw`\bit\s*[?!.]*\s*$`,
    String.raw`\b(?:that|this|the\s+same)\s+(?:app|application)\b`,
  ].join('|'),
  'i',
);
/** A list of people asked for: "who failed?", "which users were skipped", "anyone else?". */
const PEOPLE_ASKED = /\b(?:who|whom|which\s+(?:users?|people|accounts?|ones?|persons?)|any(?:one|body)|users|people)\b/i;
/** A list asked of every app: "across all apps", "anywhere", "did anything break". */
const WIDER = /\b(?:all|any|every|other|each)\s+(?:of\s+(?:the|our)\s+)?(?:apps?|applications?|jobs?|integrations?)\b|\b(?:across|anywhere|everywhere|overall|anything|something|tenant-?wide|org-?wide|in\s+general)\b/i;

/** Topics about one app, where "it" or "there" can only be an app. */
const APP_TOPICS = new Set<Intent['topic']>(['status', 'quarantine', 'credentials', 'history', 'audit', 'not-started', 'list', 'mapping', 'deprovisioning', 'skipped']);

/** Topics that are not about an app's state, whatever their words: a narrowed overview never answers them. */
const PERSON_TOPICS = new Set<Intent['topic']>(['list', 'alerts', 'history', 'audit', 'skipped', 'access', 'mapping']);

/** Questions about an app's state that a list of apps can share: one overview of those apps answers them. */
const SEVERAL_APPS_TOPICS = new Set<Intent['topic']>(['status', 'quarantine', 'not-started']);

/**
 * "disable marco in zendesk", "kick marco out of zendesk": a person's account taken away, said as "remove marco
 * from zendesk" (a pause of the whole job would stop it for everyone).
 */
const PERSON_OUT = /^(\s*(?:(?:please|pls|can\s+you|could\s+you)\s+)?)(?:disable|deactivate|suspend|block|kick)\s+(\S+(?:\s+\S+){0,2}?)\s+(?:out\s+of|from|in|on)\b/i;

function personOut(clean: string, names: TenantNames | undefined): string {
  return clean.replace(PERSON_OUT, (whole, lead: string, who: string) => {
    const app = names?.apps.some((a) => foldText(a).startsWith(foldText(who)));
    return isPersonName(who) && !app ? `${lead}remove ${who} from` : whole;
  });
}

/** A word saying what someone is, after a name of two words or more ("owen price contractor", "nina costa (intern)"). */
const ROLE_AFTER_NAME = /(?<=\S\s+\S+)\s+\(?(?:the\s+)?(?:contractor|intern|employee|guest|vendor|consultant|temp|freelancer|new\s+hire|newhire|external|trainee|apprentice)\)?$/;

/** The grammar read a name that is one ("since friday" is none): such a question is about that person, not the app. */
const namesSomeone = (intent: Intent) => !!intent.principal && !!cleanPrincipal(intent.principal);

/** What is left of a name read by the grammar, or '' when it is no name at all ("since friday", "between Entra"). */
function cleanPrincipal(principal: string): string {
  const name = principal
    .split(/\s{3,}/)[0]
    .replace(/^(?:for|of|about|on|to)\s+(?=\S)/i, '')
    .replace(/\s+(?:out\s+of|off\s+of)\s+.*$/i, '')
    .replace(ROLE_AFTER_NAME, '')
    .trim();
  // Words of the trade and everyday words only ("configured", "between Entra", "friday"): nobody's name.
  // A capitalised word that is only an everyday word elsewhere can be a name ("Will", "Heap"); a weekday or a
  // word of the trade cannot ("since Friday").
  const raw = name.split(/\s+/).filter(Boolean);
  const nobody = raw.every((word) => {
    const w = foldText(word).replace(/[^a-z0-9]/g, '');
    if (!w) return true;
    if (ORDINARY_WORDS.has(w) || DOMAIN_WORDS.has(w)) return true;
    return (COMMON_WORDS.has(w) || NOT_A_NAME.has(w)) && !/^\p{Lu}/u.test(word);
  });
  return raw.length && nobody ? '' : name;
}

/** Words the grammar can take for a name that are no one's: prepositions and verbs of the trade. */
const NOT_A_NAME = new Set([
  'between', 'configured', 'configuration', 'config', 'settings', 'setting', 'enabled', 'disabled', 'vs', 'versus',
  // Amounts: "a bunch of accounts", "a ton of users".
  'bunch', 'lot', 'lots', 'couple', 'several', 'handful', 'ton', 'tons', 'load', 'loads', 'pile', 'heap',
  // Lead-ins before a dash: "urgent - he cant log in", "fyi - …".
  'urgent', 'fyi', 'sorry', 'asap', 'heads', 'hold', 'eli5',
]);

/** "shows up as support agent", "is showing as 'Sales'", "appears as jdoe": the value a person is seen with. */
const SHOWS_AS = /\b(?:shows?|showing|shown|appears?|appearing|displays?|displaying|comes?\s+through|coming\s+through|listed)\s+(?:up\s+)?as\s+(?:an?\s+|the\s+)?["']?([^"',;:!?.]{1,60}?)["']?(?:\s+(?:in|on|at|for|inside|within)\b[^,;:!?]*)?(?:[,;:].*)?[\s?!.]*$/i;

/** The end of an error code ("…InvalidCredentials", "…MandatoryFieldsMissing"), which a group's name ("SalesforceAdmins") lacks. */
const CODE_OUTCOME = /(?:Error|Errors|Failure|Failed|Exception|Missing|Conflict|Invalid\w*|Credentials|Exceeded|Forbidden|Unauthorized|NotFound|Threshold|Deletes|Incompatible|Unavailable|Timeout|Mismatch|Entitled|Skipped)$/;

/** "shows up as inactive", "appears as a guest": the account's state, not a value a mapping gives. */
const ACCOUNT_STATE = /^(?:an?\s+)?(?:in-?active|active|disabled|deactivated|enabled|blocked|suspended|deleted|removed|pending|guest|external|unlicensed|not\s+\w+|offline|locked|expired)$/i;

/** A message of thanks or assent alone: "ok", "thanks!", "great, thank you", "got it 👍". */
const ACK_WORD = String.raw`ok(?:ay)?|k|kk|thanks?(?:\s+again)?|thank\s+(?:you|u)(?:\s+again)?|thx|ty|tyvm|cheers|cool|great|perfect|nice|awesome|brilliant|excellent|got\s+it|understood|noted|makes\s+sense|all\s+good|sounds\s+good|will\s+do`;
const ACK_EMOJI = String.raw`(?:👍|🙏|👌|✅|🎉|🙂|😊|😀|💯)[\u{1F3FB}-\u{1F3FF}\ufe0f]*`;
const ACKNOWLEDGEMENT = new RegExp(
  String.raw`^(?:(?:${ACK_WORD})|${ACK_EMOJI})(?:[\s,.!]+(?:${ACK_WORD}|so\s+much|a\s+lot|very\s+much|bot|mate|man)|\s*${ACK_EMOJI})*[\s,.!]*$`,
  'iu',
);

/** Chat shorthand for words the grammar knows: "test conn", "how r my jobs", "whats up w dropbox", "matching attr". */
const SHORTHAND: ReadonlyArray<readonly [RegExp, string]> = [
  [/(?<=\btest(?:ing)?\s+(?:the\s+)?)conn\b|\bconn(?=\s+test)/gi, 'connection'],
  [/\battrs\b/gi, 'attributes'],
  [/\battr\b/gi, 'attribute'],
  [/(?<=\w\s)r(?=\s+(?:my|the|our|any|all|these|those|they|we|you)\b)/gi, 'are'],
  [/\bw\/(?=\s|\w)|(?<=\bup\s)w\b/gi, 'with'],
  [/\bppl\b/gi, 'people'],
  // Deleting in chat words: "linkedin wants to nuke a bunch of accounts".
  [/\b(?:nuke|nuking|wipe|wiping|purge|purging)\b/gi, 'delete'],
];

/** "reset my password", "unlock olga's account": someone's sign-in, which is no app provisioning. */
const OWN_SIGN_IN = /^\s*(?:(?:pls|please|can\s+(?:you|u)|could\s+you|i\s+need\s+to|help\s+me)\s+)*(?:reset|change|unlock|recover)\s+(?:my|his|her|their|\S+['’]s)\s+(?:password|pwd|pw|mfa|authenticator|account|phone\s+number)\b/i;

/** What the bot never does, whatever the wording: show secrets, delete an app, change groups or users. */
const REFUSALS: ReadonlyArray<readonly [RegExp, NonNullable<Intent['refusal']>]> = [
  [/\b(?:give|show|send|tell|paste|share|reveal|display|what(?:'?s|\s+is))\b.*\b(?:secret\s+token|the\s+token|api\s+token|bearer\s+token|secret|password|client\s+secret)\b(?!.*\b(?:expire|expired|expiring|rotat|changed|updated|works?|valid|status|state|ok|okay|good)\w*)/i, 'secret'],
  [/^\s*(?:(?:pls|please|can\s+(?:you|u)|could\s+you)\s+)*(?:delete|remove|uninstall)\s+(?:the\s+)?(?:\S+\s+){1,3}?(?:app|application|enterprise\s+app|integration)\b/i, 'app-deletion'],
  [/^\s*(?:(?:pls|please|can\s+(?:you|u)|could\s+you)\s+)*(?:add|put|move)\s+\S+(?:\s+\S+)?\s+(?:to|into|in)\s+(?:the\s+)?\S+(?:\s+\S+){0,3}\s+group\b/i, 'directory-change'],
];

/** "hey quick one - …", "quick q: …", "question:": a lead-in before the question, no part of it. */
const LEAD_IN = /^\s*(?:(?:hey|hi|ok|so)[\s,]+)?(?:quick\s+(?:one|q|question)|question|q|dumb\s+question|noob\s+question)\s*[-–—:,]\s*/i;

/** "miriam graham - what apps is she assigned to": the name before the dash is who "she" is. */
const NAME_THEN_PRONOUN = /^\s*(\p{L}[\p{L}.'-]*(?:\s+\p{L}[\p{L}.'-]*){0,2})\s*[-–—:,]\s+(.*\b(?:she|he|they|her|him|them)\b.*)$/iu;

function namedPronoun(clean: string): string {
  const m = NAME_THEN_PRONOUN.exec(clean);
  if (!m || !isPersonName(m[1])) return clean;
  return m[2].replace(/\b(?:she|he|they|her|him|them)\b/i, m[1]);
}

export function understand(text: string, names?: TenantNames, now: Date = new Date()): Intent {
  const plain = cleanUtterance(text);
  if (ACKNOWLEDGEMENT.test(plain.trim())) return { topic: 'help', acknowledged: true };
  if (OWN_SIGN_IN.test(plain)) return { topic: 'help', guessed: true, offTopic: true };
  const refusal = REFUSALS.find(([re]) => re.test(plain))?.[1];
  if (refusal) return { topic: 'help', refusal };
  const clean = personOut(namedPronoun(SHORTHAND.reduce((t, [re, word]) => t.replace(re, word), plain.replace(LEAD_IN, ''))), names).replace(TAG_QUESTION, '').replace(ALTERNATIVE_TAIL, '').replace(LOG_IN, (_m, a?: string, b?: string) => `${a ?? b ?? ''}access`).replace(ACTING_UP, 'failing').replace(REPORTED_BY, '').replace(STILL_HAS_NO, 'has no').replace(SAYS_REFUSED, '$1 cant get into $2').replace(LETS_NOT_IN, '$2 cant get into $1').replace(SAYS_TAIL, '');
  const read = readIntent(clean, names, now);
  // A pasted code that starts with an app's name names that app ("ServiceNowInvalidCredentials keeps coming back").
  if (!read.app && names) {
    const prefixed = clean
      .match(/\b[A-Z][A-Za-z0-9]{8,}\b/g)
      ?.filter((code) => CODE_OUTCOME.test(code))
      .flatMap((code) => names.apps.filter((a) => code.toLowerCase().startsWith(a.replace(/\s+/g, '').toLowerCase()) && code.length > a.replace(/\s+/g, '').length));
    if (prefixed?.length === 1) read.app = prefixed[0];
  }
  // A number is nobody's name ("miro wants to delete 212 users").
  if (read.principal && /^\d+$/.test(read.principal.trim())) delete read.principal;
  // "is owen price contractor in zendesk": what the person is, after the name, is no part of it; nor is a
  // blanked-out app name and what follows it ("wei chen [tableau] 409"), nor where they are taken out of
  // ("pull kwame mensah out of customer support").
  if (read.principal) read.principal = cleanPrincipal(read.principal);
  if (read.principal === '') delete read.principal;
  // "ravi and nina cant get into zendesk": both names, for the answer to take the first and name the others.
  if (read.principal && !/\band\b/i.test(read.principal)) {
    const next = new RegExp(String.raw`(?:^|\s)${read.principal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\s+(?:and|&)\s+(\p{L}[\p{L}.'-]*(?:\s+\p{L}[\p{L}.'-]*)??)\s+(?:cant|can't|cannot|can|are|were|arent|aren't|werent|weren't|both|have|haven't|havent|did|didn't|didnt|do|don't|dont|still|got|get|never|is|was|not)\b`, 'iu').exec(clean);
    if (next && isPersonName(next[1])) read.principal = `${read.principal} and ${next[1]}`;
  }
  // "ines says freshdesk keeps bouncing her": a person's question about the app, not the app's health.
  const namedFirst = read.app && !read.principal && !read.command && !read.followUp && ['status', 'not-started', 'skipped', 'access', 'help'].includes(read.topic) ? NAMED_THEN_PRONOUN.exec(clean)?.[1] : undefined;
  if (namedFirst && isPersonName(namedFirst) && !findAppNames(namedFirst, names).length) return { topic: 'skipped', principal: namedFirst, app: read.app! };
  // "what does slack get for employeeNumber": that attribute's mapping.
  const getsFor = read.app && !read.principal && !read.command ? GETS_FOR.exec(clean)?.[1] : undefined;
  if (getsFor) return { topic: 'mapping', app: read.app!, mapping: { kind: 'attribute', attribute: getsFor } };
  // "why is adele vance's title showing "Account Executive"": that attribute's mapping, for her.
  const attributeShown = !read.command && !read.followUp ? ATTRIBUTE_SHOWING.exec(clean) : null;
  // The name is the last words before "'s" that make one ("why is adele vance's" → "adele vance").
  const owner = attributeShown?.[1]
    .split(/\s+/)
    .map((_, i, words) => words.slice(i).join(' '))
    .find((n) => isPersonName(n) && !findAppNames(n, names).length && !names?.apps.some((a) => foldText(a).split(/\s+/).includes(foldText(n))));
  if (attributeShown && owner) {
    return { topic: 'mapping', principal: owner, ...(read.app ? { app: read.app } : {}), mapping: { kind: 'attribute', attribute: attributeShown[2].trim(), value: attributeShown[3].trim() } };
  }
  // "why does farah siddiqui show up as support agent in zendesk": the mapping that gives her that value.
  const seenAs = read.principal && !read.command && !read.followUp ? SHOWS_AS.exec(clean)?.[1]?.trim() : undefined;
  if (seenAs && read.principal && !isOrdinary(seenAs) && !ACCOUNT_STATE.test(seenAs)) {
    return { topic: 'mapping', principal: read.principal, ...(read.app ? { app: read.app } : {}), mapping: { kind: 'attribute', value: seenAs } };
  }
  const { apps: named, ...intent } = read;
  // "which apps are paused?": the overview, narrowed to that state (a list of people or an alert is something else).
  // An app the tenant does not have is a word the grammar took for one ("any apps sitting paused?").
  const tenantApp = intent.app && (!names || names.apps.includes(intent.app));
  const phase = !tenantApp && !intent.principal && !intent.command && !intent.followUp && !PERSON_TOPICS.has(intent.topic) ? appPhaseAsked(clean) : undefined;
  if (phase) return { topic: 'not-started', appPhase: phase };
  // "which apps stopped syncing?": every app needing attention, not a list of people who failed.
  if (!tenantApp && !intent.principal && !intent.command && !intent.followUp && !intent.window && intent.topic !== 'alerts' && asksAppsNotWorking(clean)) return { topic: 'status' };
  // "what does quarantine mean?": the term, when the whole message asks only that (so any name read is a misreading).
  // A command with nothing to act on ("provision on demand - how does it work?") can be the term.
  const concept = !tenantApp && !intent.followUp && (!intent.command || !intent.principal) ? readConcept(clean, { strictOnly: !!intent.principal || /\b(?:she|he|her|him|they|them|his|their)\b|\b(?:failed|failing|fails|errors?|broke|broken|skipped|rejected)\b/i.test(clean) }) : undefined;
  if (concept) return { topic: intent.topic === 'help' ? 'status' : intent.topic, concept };
  // "ZendeskMandatoryFieldsMissing what does it mean": the code, not a person's failure or the app's state.
  const code = !intent.principal && !intent.command && !intent.followUp && !PERSON_TOPICS.has(intent.topic) ? readErrorCode(clean, names?.apps) : undefined;
  // A connector's prefix names its app: ZendeskMandatoryFieldsMissing is Zendesk's.
  const prefixed = code && !intent.app ? names?.apps.find((a) => code.toLowerCase().startsWith(a.replace(/\s+/g, '').toLowerCase())) : undefined;
  if (code) return { topic: 'status', errorCode: code, ...(intent.app || prefixed ? { app: intent.app ?? prefixed } : {}) };
  if (named && named.length > 1 && SEVERAL_APPS_TOPICS.has(intent.topic) && !intent.principal && !intent.command && !intent.followUp && !intent.guessed) return { ...intent, apps: named };
  // "who failed?", "which users were skipped this week?" right after an answer about one app: that app's people,
  // unless the question reaches wider ("across all apps", "anything").
  const peopleOfTheApp = intent.topic === 'list' && PEOPLE_ASKED.test(clean) && !WIDER.test(clean);
  // "why disabled not deleted?", "will she lose access?": the person asked about before.
  const aboutThatPerson = PERSON_CONTEXT_TOPICS.has(intent.topic) && !intent.principal && /^\s*(?:and\s+|but\s+|so\s+)?why\b|\b(?:he|she|him|her|they|them|his|their)\b/i.test(clean);
  // "why was she created in zendesk?": a person's question, though the words read as the app's status.
  if (intent.topic === 'status' && intent.app && !intent.principal && !intent.command && !intent.followUp && /\b(?:he|she)\b/i.test(clean)) return { ...intent, topic: 'skipped', refersBack: true };
  // "why never ran?", "why paused?" after an answer about one app: that app's.
  const whyOfTheApp = (intent.topic === 'not-started' || intent.topic === 'quarantine') && !intent.appPhase && /^\s*(?:but\s+|so\s+|and\s+)?why\b/i.test(clean) && !WIDER.test(clean);
  const pointsBack =
    !intent.app && !intent.principal && !intent.followUp && !intent.command && !intent.guessed && APP_TOPICS.has(intent.topic) && (peopleOfTheApp || whyOfTheApp || APP_ANAPHOR.test(clean.replace(/'/g, '')));
  if (pointsBack || (aboutThatPerson && !intent.command && !intent.followUp)) return { ...intent, refersBack: true };
  const bare = intent.guessed && intent.topic === 'help' && !intent.app && !intent.offTopic ? bareName(clean) : undefined;
  return bare ? { ...intent, bareName: bare } : intent;
}

/** One to four words that can only be a name ("okafor", "Sam Carter"): no keyword, no everyday or chat word. */
function bareName(clean: string): string | undefined {
  const name = clean.replace(/[?!.,;:]+$/, '').trim();
  return isNameLike(name) && foldText(name).split(/\s+/).every((w) => !CUE_WORDS.has(w)) ? name : undefined;
}

/**
 * Short follow-ups that only make sense about the app just asked about (the conversation supplies it): "who did
 * that?", "what's the threshold?", "how long left?", "next retry?", "which users?".
 */
const ABOUT_THAT_APP: ReadonlyArray<readonly [RegExp, Intent]> = [
  [/^\s*(?:and\s+|so\s+)?who\s+(?:did|done)\s+(?:that|it|this)\s*[?!.]*\s*$/i, { topic: 'history', refersBack: true }],
  [/^\s*(?:and\s+|so\s+)?(?:what(?:'?s|\s+is)\s+)?(?:the|its)\s+(?:deletion\s+|delete\s+)?threshold(?:\s+(?:set\s+to|set\s+at|configured\s+to|value|at))?\s*[?!.]*\s*$/i, { topic: 'deprovisioning', refersBack: true }],
  [/^\s*(?:and\s+|so\s+)?who(?:'?s|\s+is|\s+are)?\s+(?:affected|impacted|hit)(?:\s+by\s+(?:it|this|that))?\s*[?!.]*\s*$/i, { topic: 'list', refersBack: true }],
  [/^\s*(?:and\s+|so\s+)?since\s+when\s*[?!.]*\s*$/i, { topic: 'history', historyFocus: 'last-success', refersBack: true }],
  [/^\s*(?:and\s+|so\s+)?how\s+long\s+(?:will|does|would)\s+(?:it|that|this)\s+take\s*[?!.]*\s*$/i, { topic: 'not-started', refersBack: true }],
  [/^\s*(?:and\s+|so\s+)?what\s+(?:happens|would\s+happen)\s+if\s+(?:i|we)\s+(?:clear|lift|release)\s+(?:it|the\s+quarantine)\s*[?!.]*\s*$/i, { topic: 'quarantine', refersBack: true }],
  [/^\s*(?:and\s+|so\s+)?(?:how\s+(?:long|much\s+longer|much)\s+(?:is\s+)?(?:left|to\s+go|remaining|more)|how\s+much\s+longer|eta|when\s+will\s+it\s+(?:finish|be\s+done|end))\s*[?!.]*\s*$/i, { topic: 'not-started', refersBack: true }],
  [/^\s*(?:and\s+|so\s+)?(?:(?:when(?:'?s|\s+is)\s+)?(?:the\s+)?next\s+(?:retry|attempt|try|run|sync|cycle)|when\s+(?:does|will)\s+it\s+(?:retry|run|sync)(?:\s+again|\s+next)?)\s*[?!.]*\s*$/i, { topic: 'history', historyFocus: 'next-run', refersBack: true }],
  [/^\s*(?:and\s+|so\s+)?(?:which|what)\s+(?:users|people|ones|accounts|groups)(?:\s+(?:failed|then|exactly))?\s*[?!.]*\s*$/i, { topic: 'list', refersBack: true }],
];

/** "olga petrova in there yet?": a person in the app just asked about. */
const IN_THERE = /^\s*(?:is\s+|has\s+)?(.+?)\s+(?:in\s+there|(?:got\s+)?(?:in|into)\s+it|there)(?:\s+(?:yet|already|now))?\s*[?!.]*\s*$/i;

/** Leavers taken out of an app, asked in business words. */
const LEAVERS_REMOVED = /\b(?:leavers|departed\s+(?:users|employees|staff)|ex-?employees|people\s+who\s+left|terminated\s+(?:users|employees))\b.*\b(?:removed|cleaned\s+(?:out|up)|deprovisioned|disabled|deleted|taken\s+out|cut\s+off)\b/i;

/** "who else?", "anyone else failing?": the others in the app just asked about. */
const WHO_ELSE = /^\s*(?:and\s+|so\s+)?(?:who|any(?:one|body)|any\s+others?|which\s+(?:other\s+)?(?:users?|people))\s+(?:else|other)(?:\s+(?:failed|failing|was\s+skipped|skipped|is\s+affected|affected|has\s+(?:it|this|that)|too|then))*\s*[?!.]*\s*$/i;

/**
 * "what apps is ravi assigned to?", "which apps does nina have access to", "what does ravi have access to",
 * "show me ravi's apps": the person's apps, each with where they stand.
 */
const APPS_OF_PERSON = [
  /^\s*(?:so\s+|hey\s+|ok\s+)?(?:what|which)\s+(?:apps?|applications?)\s+(?:is|are|does|do|has|have|did)\s+(.+?)\s+(?:assigned(?:\s+to)?|in|on|have|has|got|get|use|using|have\s+access\s+to|has\s+access\s+to|provisioned\s+(?:to|in|into))\s*[?!.]*\s*$/i,
  /^\s*(?:so\s+|hey\s+|ok\s+)?what\s+(?:does|do)\s+(.+?)\s+(?:have|get)\s+access\s+to\s*[?!.]*\s*$/i,
  /^\s*(?:so\s+|hey\s+|ok\s+)?what\s+is\s+(.+?)\s+assigned\s+to\s*[?!.]*\s*$/i,
  /^\s*(?:(?:pls|please|can\s+you|could\s+you)\s+)?(?:list|show(?:\s+me)?|give\s+me)\s+(?:all\s+)?(.+?)['’]s\s+(?:apps|applications|assignments|app\s+assignments)\s*[?!.]*\s*$/i,
  /^\s*(\p{L}[\p{L}.'-]*(?:\s+\p{L}[\p{L}.'-]*){0,2}?)(?:['’]s)?\s+(?:apps|applications|app\s+assignments)\s*[?!.]*\s*$/iu,
];

/**
 * Who an app takes in: "who is assigned to <app>", "who has access to <app>", "list the users in scope for <app>",
 * "how many users are in scope for <app>", "how many people does <app> have". The app's name is blanked out of
 * the text by then (or, without the tenant's names, is the words at the end).
 */
const POPULATION = new RegExp(
  String.raw`^\s*(?:so\s+|hey\s+|ok\s+)?(?:` +
    String.raw`who\s+(?:has|have|got|uses|use)(?!\s+access)|(?:who(?:'?s|\s+is|\s+are)?|which\s+(?:users|people|groups|accounts)(?:\s+(?:are|is|have|has))?|(?:list|show(?:\s+me)?)\s+(?:all\s+)?(?:the\s+)?(?:users|people|groups|accounts|assignments|everyone)(?:\s+(?:who\s+(?:are|is|have|has)|that\s+(?:are|have)))?)\s+` +
    String.raw`(?:assigned(?:\s+to)?|in\s+scope(?:\s+(?:for|of|in))?|(?:got|with)\s+access(?:\s+to)?|has\s+access(?:\s+to)?|have\s+access(?:\s+to)?|access(?:\s+to)?|(?:being\s+)?(?:provisioned|synced)(?:\s+(?:to|in|into))?|in|on|using)` +
    String.raw`|how\s+many(?:\s+(?:users|people|accounts|groups|members))?\s+(?:are|is|does|do|have|has)?\s*(?:(?:in\s+scope|in\s+sync|assigned|provisioned|synced|syncing)(?:\s+(?:for|to|in|into|of|on))?|in|on|for)?` +
    String.raw`)(?:\s+(\S.*?))?\s*(?:\s(?:have|has|got))?\s*[?!.]*\s*$`,
  'i',
);

/** Follow-ups of the loose form "only X", "just X", "in X", "for X": only an app or a time makes them one. */
const LOOSE_FOLLOW_UP = /^\s*(?:only|just|(?:and\s+)?(?:in|for|on))\s+/i;

/** Kinds of people and things of the trade, which the short forms above can hold instead of a name. */
const NOT_A_PERSON = new Set([
  'guests', 'guest', 'contractors', 'employees', 'staff', 'admins', 'administrators', 'interns', 'externals', 'members',
  'users', 'everyone', 'everybody', 'people', 'nobody', 'updates', 'writeback', 'exports', 'imports', 'deletes',
  'deletions', 'creates', 'changes', 'notifications', 'emails', 'failures', 'errors', 'export', 'import', 'who', 'whos',
]);

/** One to four words that can be a person's or group's name, and are no kind of people or trade word. */
function isPersonName(text: string): boolean {
  return isNameLike(text) && !foldText(text).split(/\s+/).some((w) => NOT_A_PERSON.has(w) || NOT_A_NAME.has(w) || ATTRIBUTE_WORD.test(w));
}

/** Attributes of a person ("manager", "title"), which are no one's name in "why is manager failing". */
const ATTRIBUTE_WORD = /^(?:title|jobtitle|department|dept|email|mail|manager|displayname|username|upn|phone|mobile|location|employeeid|surname|lastname|firstname|givenname|company|address)$/;

/** "is he in …", "does she have …", "is she still in …", "has he got …": a pronoun for the person of the conversation. */
const PRONOUN_IN_APP = /^\s*(?:and\s+|so\s+)?(?:is|was|does|did|has|have|can)\s+(?:he|she|they)\s+(?:still\s+)?(?:in|on|have|has|got|get\s+into|access|provisioned\s+(?:in|to|into))\b/i;

/** People in a sentence: "when will users get disabled", "which ones stopped syncing". */
const PEOPLE_WORDS = /\b(?:users?|accounts?|people|persons?|leavers|joiners|employees|members|groups?|ones|anyone|anybody|everyone|who|departed)\b/i;

/** An app's job being disabled at the end of a quarantine: "days until X gets disabled", "when will X be disabled". */
const UNTIL_DISABLED = /\b(?:until|till|before|when\s+(?:will|does|would))\b.*\b(?:get|gets|be|is|goes)\s+(?:disabled|turned\s+off|shut\s+off|switched\s+off)\b/i;

/** What may follow the app in a population question: "… actually have in sync rn", "… got in total". */
const POPULATION_TAIL = /^(?:(?:actually|really|currently|now|rn|right\s+now|have|has|got|in\s+sync|in\s+scope|synced|provisioned|assigned|in\s+total|total|today)\s*)+$/i;

/**
 * "ines says freshdesk keeps bouncing her", "tobias is in sales ops but field service never picked him up": the
 * person named first, whom the pronoun later points back at, is the one asked about.
 */
const NAMED_THEN_PRONOUN = /^\s*(\p{L}[\p{L}.'-]*(?:\s+\p{L}[\p{L}.'-]*)??)\s+(?:is|was|has|says|said|got|just|joined|moved|started|cant|can't|cannot|isnt|isn't|keeps|reports|reported|complains)\b.*\b(?:him|her|them|he|she|his)\b/iu;

/** "test it", "can you test that again": the connection of the app just asked about. */
const TEST_IT = /^\s*(?:(?:pls|please|can\s+(?:you|u)|could\s+you|ok|now|then)\s+)*(?:re-?)?test\s+(?:it|this|that|the\s+app)(?:\s+(?:again|now|please|pls))*\s*[?!.]*\s*$/i;

function readIntent(clean: string, names: TenantNames | undefined, now: Date): Intent {
  if (WHO_ELSE.test(clean)) return { topic: 'list', refersBack: true };
  const aboutThatApp = ABOUT_THAT_APP.find(([re]) => re.test(clean));
  if (aboutThatApp) return { ...aboutThatApp[1] };
  if (TEST_IT.test(clean)) return { topic: 'credentials', refersBack: true };
  const hits = findAppNames(clean, names);
  // A person, not an app nor a kind of people ("is slack there?", "which apps do guests have access to").
  const person = (name: string | undefined) =>
    !!name && name.split(/\s+(?:and|&)\s+/i).every(isPersonName) && !hits.some((h) => name.toLowerCase().includes(clean.slice(h.start, h.end).toLowerCase()));
  const inThere = IN_THERE.exec(clean)?.[1].trim();
  if (person(inThere)) return { topic: 'skipped', principal: inThere!, refersBack: true };
  const appsOf = APPS_OF_PERSON.map((re) => re.exec(clean)?.[1]?.trim()).find((name) => person(name?.replace(ROLE_AFTER_NAME, '')));
  if (appsOf) return { topic: 'access', principal: appsOf.replace(ROLE_AFTER_NAME, ''), appsOfPerson: true };
  const followUp = readFollowUp(clean);
  // "just failures", "for now", "on hold?": a follow-up of that form names an app or a time, or it is none.
  const loose =
    followUp?.kind === 'other-name' && LOOSE_FOLLOW_UP.test(clean) && !hits.length && !(followUp.name && (readWindow(followUp.name, now) || (isPersonName(followUp.name) && !/ing$/i.test(followUp.name))));
  if (followUp && !loose) return followUpIntent(followUp, clean, hits, now);
  // The apps found are cut out, so the grammar reads the rest: "Slack skipped jane" → "skipped jane".
  const rest = hits.length ? blankOut(clean, hits) : clean;
  const window = readWindow(clean, now);
  const intent = readSentence(rest, !!window);
  const hit = hits[0];
  if (hit) intent.app = hit.names.length === 1 ? hit.names[0] : clean.slice(hit.start, hit.end);
  else if (names && intent.app && (isOrdinary(intent.app) || !looksLikeAppName(intent.app))) delete intent.app;
  // Every app named, each one name only (a shared first word is a "which one?" of its own); kept by the caller
  // for the questions an overview of several apps answers.
  const several = [...new Set(hits.filter((h) => h.names.length === 1).map((h) => h.names[0]))];
  if (several.length > 1 && hits.every((h) => h.names.length === 1)) intent.apps = several;
  if (intent.topic === 'alerts') return intent;
  // "who is assigned to zendesk?", "how many users are in scope for zendesk": who the app takes in (no window:
  // "who was provisioned to zendesk today" lists the accounts made).
  const population = !window && !namesSomeone(intent) ? POPULATION.exec(rest) : null;
  // With the tenant's names, the app is one of them and nothing else follows it ("who is in zendesk and
  // failing" is no population question); without them, the words at the end.
  const after = population?.[1]?.replace(/[?!.,]+/g, ' ').trim() ?? '';
  const populationApp = !population ? undefined : hit ? (!after || POPULATION_TAIL.test(after) ? intent.app : undefined) : names ? undefined : after.replace(/^the\s+/i, '');
  if (populationApp && (hit || (!isOrdinary(populationApp) && !hasDomainWord(populationApp)))) return { topic: 'status', app: populationApp, population: true };
  // "how many users are in scope?" with no app: the one asked about before.
  if (population && !hit && !after) return { topic: 'status', population: true, refersBack: true };
  if (window) intent.window = window;
  // "who was removed from Slack this week": the people removed, not who removed them (history).
  // A list's app: the one the tenant's names found, else the words after "in" (or before "create") unless they
  // are ordinary words.
  const listedApp = (words: string) => {
    if (hit) return intent.app;
    const typed = listApp(words);
    // "who failed to be provisioned today": words of the trade after "to", no app.
    const trade = typed && foldText(typed).split(/[^a-z0-9]+/).filter(Boolean).every((w) => COMMON_WORDS.has(w) || ORDINARY_WORDS.has(w) || DOMAIN_WORDS.has(w));
    return typed && !trade && !(names && isOrdinary(typed)) ? typed : undefined;
  };
  // "are leavers being removed from zendesk?", "are leavers cleaned out of zendesk": the removals of the week.
  if (LEAVERS_REMOVED.test(rest)) {
    const app = listedApp(withoutWindow(rest));
    return { topic: 'list', window: window ?? { hours: 168, label: 'the last 7 days' }, listOf: 'removed', ...(app ? { app } : {}) };
  }
  if (!intent.principal && asksWhoWasRemoved(rest)) {
    const app = listedApp(withoutWindow(rest));
    return { topic: 'list', ...(window ? { window } : {}), listOf: 'removed', ...(app ? { app } : {}) };
  }
  if (intent.topic === 'audit' || intent.topic === 'history') return intent;
  // "Slack sync broken": a sentence that opens with the app's name is no imperative.
  const command = hit && hit.start <= clean.search(/\S/) ? undefined : readCommand(rest);
  if (command) {
    const { window: _w, ...read } = intent;
    return commandIntent(command, read, hits, names);
  }
  // "how many days until slack gets disabled", "when will servicenow get disabled": the quarantine's clock.
  if (hit && !namesSomeone(intent) && UNTIL_DISABLED.test(rest) && !PEOPLE_WORDS.test(rest)) return { topic: 'quarantine', app: intent.app };
  // "is he in atlassian cloud?", "does she have box": the person asked about before, in that app.
  if (hit && !intent.command && PRONOUN_IN_APP.test(rest)) return { topic: /\bstill\b/i.test(rest) ? 'deprovisioning' : 'skipped', app: intent.app, refersBack: true };
  // "linkedin stopped syncing overnight": the app's state says why, not a list of the people it did not fail.
  if (hit && !namesSomeone(intent) && saysStopped(rest) && !PEOPLE_WORDS.test(rest) && !/\b(?:mappings?|attributes?)\b/i.test(rest)) return { topic: 'status', app: intent.app };
  const list = readList(rest, window);
  if (list) {
    const app = listedApp(list.rest);
    return { topic: 'list', window, listOf: list.listOf, ...(app ? { app } : {}) };
  }
  // "Slack?": only the app's name (the grammar saw a lone "?").
  if (hit && intent.topic === 'help' && !intent.guessed && !hasOtherWords(rest) && !/\bhelp\b/i.test(rest)) return { topic: 'status', app: intent.app, ...onlyTheApp(rest) };
  // "what's up with lucia in tableau", "is megan in github yet": a person in the app.
  const about = hit ? (WHATS_UP_WITH.exec(rest) ?? IS_IN_YET.exec(rest)) : null;
  if (about && (intent.guessed || intent.topic === 'status') && !intent.principal) {
    const person = about[1].trim();
    if (person && !isOrdinary(person) && !hasDomainWord(person)) return { topic: 'skipped', principal: person, app: intent.app };
  }
  const possessive = hit && !intent.principal ? PERSONS_STATUS.exec(rest)?.[1].trim() : undefined;
  if (possessive && isNameLike(possessive)) return { topic: 'skipped', principal: possessive, app: intent.app };
  // "siobhan.nibhriain@fabrikam.com zendesk": an address and an app, nothing else, ask about that person there.
  const address = hit && intent.guessed ? EMAIL.exec(rest) : null;
  if (address && !hasOtherWords(rest.replace(address[0], ' '))) return { topic: 'skipped', principal: address[0], app: intent.app };
  // "pradep gupta atlasian failed", "isabella simonsen slack error", "greta lindqvist zendesk ok?": a person's
  // failure or state in the app, not the app's status.
  const tail = FAILED_AT_END.test(rest) ? FAILED_AT_END : STATE_AT_END;
  if (hit && (intent.topic === 'status' || intent.guessed) && !intent.principal && !window && tail.test(rest)) {
    const person = leftoverName(rest.replace(tail, ' '));
    if (person && !/\s{2,}/.test(person.trim()) && isNameLike(person) && person.trim().split(/\s+/).length >= 2) return { topic: 'skipped', principal: person.trim(), app: intent.app };
  }
  if (intent.guessed && hit) {
    // Names and no question word: "jane in salesforce" asks about jane there, "salesforce?" about the app;
    // anything else ("the matching attribute for salesforce") stays not understood, with the app kept.
    const person = leftoverName(rest);
    if (person) return { topic: 'skipped', principal: person, app: intent.app };
    if (!hasOtherWords(rest)) return { topic: 'status', app: intent.app, ...onlyTheApp(rest) };
  }
  if (intent.guessed && intent.topic === 'help' && !hit && isOffTopic(clean)) return { ...intent, offTopic: true };
  return intent;
}

function followUpIntent(followUp: FollowUp, clean: string, hits: NameHit[], now: Date): Intent {
  if (followUp.kind !== 'other-name') return { topic: 'help', followUp };
  // "and today?", "in the last week": the same question over another time.
  const window = followUp.name ? readWindow(followUp.name, now) : undefined;
  if (window && !withoutWindow(followUp.name!).replace(/[?!.,]/g, '').trim()) return { topic: 'help', followUp: { kind: 'other-name' }, window };
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

/** "Slack?", "and zendesk?": the app's name and nothing else ("is slack down?" and "how's slack" say more). */
function onlyTheApp(rest: string): { onlyApp?: true } {
  return /^[\s?!.,]*(?:(?:and|also|then|ok)[\s?!.,]+)?[\s?!.,]*$/i.test(rest) ? { onlyApp: true } : {};
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

const QUESTION_WORDS = new Set(['what', 'whats', 'how', 'hows', 'which', 'can', 'could', 'does', 'do', 'where', 'when', 'who']);

/** A name left once the app is cut out: "jane in" → "jane". */
/** "what's up with <someone> in <app>": the app's name is blanked out of `rest`, so the sentence ends at its preposition. */
const WHATS_UP_WITH =
  /^\s*(?:so\s+|hey\s+|ok\s+)?(?:(?:what'?s|whats|what\s+is)\s+(?:up|going\s+on|happening|wrong|the\s+(?:deal|story|problem|issue))\s+with|any\s+news\s+(?:on|about)|how\s+about)\s+([^,;:!?.]{1,60}?)\s+(?:in|on|at|for|with)\s*[?!.]*\s*$/i;

/** "<someone> <app> ok?", "<someone> <app> status": asking how that person stands there. */
const STATE_AT_END = /\s(?:ok|okay|status|state|fine|good)\s*[?!.]*\s*$/i;
/** "Aiko Tanaka's status in <app>": the person's state there. */
const PERSONS_STATUS = /^\s*(?:(?:what(?:'?s|\s+is)|whats|check|show(?:\s+me)?)\s+)?([^,;:!?.]{3,40}?)['’]s\s+(?:status|state|provisioning(?:\s+status)?|account)\s+(?:in|on|for|at)\b/i;

/** A message that ends on its failure word: "<someone> <app> failed", "… error". */
const FAILED_AT_END = /\s(?:failed|failing|fails|error|errors|errored|broken|issue|problem)\s*[?!.]*\s*$/i;
const EMAIL = /[^\s@,;:!?"'()<>]+@[^\s@,;:!?"'()<>]+\.[a-z]{2,}/i;

/** "is megan in github yet", "has tomas got into atlassian", "is olga set up in asana": the app blanked, the person before it. */
const IS_IN_YET = /^\s*(?:is|was|has|did)\s+(?:the\s+new\s+(?:starter|hire|joiner)\s+)?([^,;:!?.]{1,40}?)\s+(?:(?:all\s+)?set\s*up\s+(?:in|on|for|with)|ready(?:\s+to\s+go)?\s+(?:in|on|for|with)(?:\s+the)?|good\s+to\s+go\s+(?:in|on|for|with)|in|on|into|got\s+into|made\s+it\s+into|been\s+added\s+to)\s*(?:app\s*)?(?:yet|already|now)?\s*[?!.]*\s*$/i;

/** A word of the trade in what would be a name: "the sync", "the job" are no person. */
const hasDomainWord = (name: string) => foldText(name).split(/[^a-z0-9]+/).some((w) => DOMAIN_WORDS.has(w) || APP_TRAILERS.has(w));

function leftoverName(rest: string): string | undefined {
  const tokens = tokenize(rest);
  // "how much does Zendesk cost?" asks something the bot has no topic for: "cost" is no person.
  if (tokens.some((t) => isPlain(t) && QUESTION_WORDS.has(t.key))) return undefined;
  const name = firstNameRun(rest, tokens);
  return name && !isOrdinary(name) ? name : undefined;
}

/** Words beyond fillers and app trailers: "the Slack app?" has none, "matching attribute for Slack" has. */
function hasOtherWords(rest: string): boolean {
  return tokenize(rest).some(
    (t) => t.key && !APP_TRAILERS.has(t.key) && (DOMAIN_WORDS.has(t.key) || (!COMMON_WORDS.has(t.key) && !ORDINARY_WORDS.has(t.key))),
  );
}

/**
 * A name the grammar took for an app that the tenant does not have can still be a typo of one ("tablue"); a
 * letter or two ("r"), a verb's -ing or -ed form ("sitting", "validating", "configured") or everyday words are not.
 */
function looksLikeAppName(name: string): boolean {
  const words = foldText(name).split(/[^a-z0-9]+/).filter(Boolean);
  // "is Billing in quarantine": written with a capital, it is meant as a name.
  if (words.length === 1 && (words[0].length <= 2 || (/^[a-z]{3,}(?:ing|ed)$/.test(words[0]) && !/^\p{Lu}/u.test(name.trim())))) return false;
  // Trade words can be an app's name ("Workday"); everyday words are not.
  return !words.every((w) => COMMON_WORDS.has(w) || ORDINARY_WORDS.has(w) || NOT_A_NAME.has(w));
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

/** Topics about one user or group (or who of them), read with the same grammar as a skip question. */
const SUBJECT_TOPICS: ReadonlySet<Topic> = new Set<Topic>(['skipped', 'list', 'mapping', 'deprovisioning', 'access']);

/**
 * Words of a listing question: who or how many ("who was skipped in Slack?", "which users failed?"), and the
 * outcomes listed. A skip or status question naming no one is a list when it asks who, or names a time.
 */
const LIST_OPENERS = new Set([
  'who', 'whom', 'which', 'list', 'many', 'count', 'everyone', 'everybody', 'anyone', 'anybody', 'all', 'users', 'people',
  'accounts',
]);
const LIST_OUTCOMES = new Set([
  'skip', 'skipped', 'skips', 'skipping', 'fail', 'failed', 'fails', 'failing', 'failure', 'failures', 'error', 'errors',
  'created', 'provisioned', 'synced', 'exported', 'updated', 'syncing', 'showing', 'appearing',
]);

const YES_NO_OPENERS = new Set(['did', 'does', 'do', 'is', 'was', 'were', 'are', 'has', 'have', 'had', 'why', 'how']);

function asList(intent: Intent, tokens: Token[], hasWindow: boolean): Intent {
  if ((intent.topic !== 'skipped' && intent.topic !== 'status') || intent.principal) return intent;
  const plain = tokens.filter((t) => isPlain(t) && t.key);
  if (!plain.some((t) => LIST_OUTCOMES.has(t.word) || LIST_OUTCOMES.has(t.key))) return intent;
  // "no users are being provisioned" is about the app, not a list of people.
  if (plain.some((t, i) => LIST_OPENERS.has(t.key) && !NEGATIONS.has(plain[i - 1]?.key ?? ''))) return { ...intent, topic: 'list' };
  // "errors this week" lists them; "did the Slack sync fail last night?" asks about one cycle.
  return hasWindow && !YES_NO_OPENERS.has(plain[0].key) ? { ...intent, topic: 'list' } : intent;
}

function readSentence(clean: string, hasWindow = false): Intent {
  const tokens = tokenize(clean);
  if (!tokens.some((t) => t.key)) {
    // A lone "?" asks what the bot can do; silence or stray symbols are a guess.
    return clean.includes('?') ? { topic: 'help' } : { topic: 'help', guessed: true };
  }
  const cued = findTopic(tokens);
  if (!cued) return { topic: 'help', guessed: true };
  // "hey" or "thanks" before a question the bot did not understand is no request for help: say so instead.
  if (cued.topic === 'help') return GREETINGS.has(tokens[cued.anchor]?.word ?? '') && hasOtherWords(clean.replace(/^\W*\w+/, '')) ? { topic: 'help', guessed: true } : { topic: 'help' };
  if (SUBJECT_TOPICS.has(cued.topic)) {
    const intent = asList(subjectIntent(cued.topic, clean, tokens, cued.anchor), tokens, hasWindow);
    return intent.topic === 'mapping' ? withMappingKind(intent, clean) : intent;
  }
  if (cued.topic === 'history') {
    // Only a narrower focus is said: a whole timeline is the default.
    const focus = historyFocus(clean);
    return { ...auditIntent(cued.topic, clean, tokens), ...(focus === 'all' ? {} : { historyFocus: focus }) };
  }
  if (cued.topic === 'audit') return auditIntent(cued.topic, clean, tokens);
  if (cued.topic === 'alerts') return alertsIntent(clean, tokens);
  const failed = personFailedIn(clean);
  if (failed) return failed;
  // "search the provisioning logs for jane@contoso.com": a user's address makes it a question about that user.
  if (cued.topic === 'status' && tokens.some((t) => isAddress(t.key))) return subjectIntent('skipped', clean, tokens, cued.anchor);
  const app = prepositionApp(clean, tokens, 0, tokens.length, true) ?? firstNameRun(clean, tokens);
  return asList(app ? { topic: cued.topic, app } : { topic: cued.topic }, tokens, hasWindow);
}

/**
 * "why did Hannah Kim fail in Asana?": someone failed in an app, which is a question about that person's
 * provisioning (an app failing is "why did Asana fail?", with no second name).
 */
const PERSON_FAILED_IN = /^\s*(?:why\s+)?(?:did|does|do|has|have)\s+(.+?)\s+(?:fail|failed|fails|error|errored)\s+(?:in|to|for|on|into|with)(?:\s+(.*?))?[\s?.!]*$/i;
const TRAILING_APP_WORDS = /\s+(?:provisioning|sync|app|application)$/i;

/**
 * "is ravi still failing in zendesk?", "why is ravi failing in zendesk", "ravi still broken in tableau?": the same,
 * asked of the present. Only a name can stand there ("is provisioning failing in zendesk" is the app's).
 */
const PERSON_FAILING_IN = /^\s*(?:why\s+)?(?:(?:is|was|are|were|has|have)\s+)?(.+?)\s+(?:still\s+)?(?:been\s+)?(?:failing|erroring|broken|stuck)\s+(?:in|to|for|on|into|with)(?:\s+(.*?))?[\s?.!]*$/i;

function personFailedIn(clean: string): Intent | undefined {
  const failing = PERSON_FAILING_IN.exec(clean);
  const m = PERSON_FAILED_IN.exec(clean) ?? (failing && isPersonName(failing[1].trim()) && !hasDomainWord(failing[1]) ? failing : null);
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
      code: isCode(raw) || /^[a-z]+[A-Z][A-Za-z]*[,;:!?.]*$/.test(raw),
    });
  }
  markQuoted(tokens);
  // "does not appear to start" says "does not start": the hedge is no verb of its own.
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (HEDGES.has(tokens[i].key) && tokens[i + 1].key === 'to') tokens[i].key = tokens[i].word = 'seem';
  }
  return tokens;
}

const HEDGES = new Set(['appear', 'appears', 'appeared', 'seem', 'seems', 'seemed']);

/**
 * Error codes and skip reasons pasted from a log ("SkipReason NotEffectivelyEntitled", "StatusCode: Conflict",
 * "SystemForCrossDomainIdentityManagementCredentialValidationFailure", "REQUIRED_FIELD_MISSING"): three or more
 * capitalised parts run together, an upper-case snake, or a log field name. A product name has fewer ("ServiceNow").
 */
function isCode(raw: string): boolean {
  const word = raw.replace(/^[^\p{L}]+|[^\p{L}\d]+$/gu, '');
  return /^(?:\p{Lu}[\p{Ll}\d]+){3,}$/u.test(word) || /^\p{Lu}+(?:_\p{Lu}+)+$/u.test(word) || LOG_FIELDS.has(word.toLowerCase()) || TWO_PART_CODE.test(word);
}

/** "ImportSkipped", "EntryConflict": two capitalised parts ending in an outcome, as no one's name does. */
const TWO_PART_CODE = /^\p{Lu}\p{Ll}+(?:Skipped|Conflict|Missing|Failed|Failure|Error|Errors|Exceeded|Forbidden|Unauthorized|Entitled|Threshold|Deletes|Invalid)$/u;

const LOG_FIELDS = new Set(['skipreason', 'statuscode', 'errorcode', 'statusinfo']);

/** The topic a pasted code speaks of, by the words it is made of; any other code is about the app's errors. */
const CODE_TOPICS: ReadonlyArray<readonly [RegExp, Topic]> = [
  [/quarantine/i, 'quarantine'],
  [/credential|unauthori[sz]ed|authenticat|authoriz|token|secret/i, 'credentials'],
  [/skip|entitled|scope|notassigned/i, 'skipped'],
];

/** The topic of the first telling code in the text, anchored there; a user's address makes it a skip question. */
function codeTopic(tokens: Token[]): { topic: Topic; anchor: number } | undefined {
  let found: { topic: Topic; anchor: number } | undefined;
  tokens.forEach((t, i) => {
    // Attribute names ("userType") are codes too, but say nothing of the topic.
    if (!t.code || /^[a-z]/.test(t.raw)) return;
    const topic = CODE_TOPICS.find(([re]) => re.test(t.raw))?.[1];
    if (topic && (!found || found.topic === 'status')) found = { topic, anchor: i };
    else if (!found) found = { topic: 'status', anchor: i };
  });
  if (found?.topic === 'status' && tokens.some((t) => isAddress(t.key))) return { topic: 'skipped', anchor: found.anchor };
  return found;
}

function hasAddress(tokens: Token[], run: Span): boolean {
  return tokens.slice(run.start, run.end).some((t) => isAddress(t.key));
}

function isAddress(key: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(key);
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
  // "the test connection works but Slack provisioning fails": what follows "but" is what is asked about.
  let but = -1;
  tokens.forEach((t, i) => {
    if (isPlain(t) && (t.key === 'but' || t.key === 'then')) but = i;
  });
  const after = but > 0 ? cuedTopic(tokens, but + 1) : undefined;
  const cued = after ?? cuedTopic(tokens, 0);
  const coded = codeTopic(tokens);
  // A pasted code says more than the everyday words around it ("StatusCode: Conflict for jane@… in Slack").
  if (coded && coded.topic !== cued?.topic && (!cued || cued.topic === 'status' || cued.topic === 'help' || (coded.topic !== 'status' && cued.topic === 'skipped'))) return coded;
  return cued;
}

function cuedTopic(tokens: Token[], from: number): { topic: Topic; anchor: number } | undefined {
  const words = new Set(tokens.slice(from).map((t) => t.word));
  for (const [topic, list] of COMPILED_CUES) {
    if (TOPIC_YIELDS[topic]?.some((w) => words.has(w))) continue;
    let anchor = Number.POSITIVE_INFINITY;
    for (const cue of list) anchor = Math.min(anchor, matchCue(tokens, cue, from));
    if (anchor !== Number.POSITIVE_INFINITY) return { topic, anchor };
  }
  return undefined;
}

/** Index of the first non-negation word of the earliest match, or +∞. */
function matchCue(tokens: Token[], { slots, gap, namesBetween }: CompiledCue, from = 0): number {
  for (let i = from; i < tokens.length; i++) {
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

function subjectIntent(asked: Topic, clean: string, tokens: Token[], anchor: number): Intent {
  const topic = subjectTopic(asked, tokens, anchor);
  const span =
    contrastedSpan(tokens) ??
    possessiveSpan(tokens) ??
    principalSpan(tokens, anchor) ??
    verbObjectSpan(tokens, anchor) ??
    pronounAntecedent(tokens, anchor) ??
    laterNameSpan(tokens, anchor);
  const principal = span && nameText(clean, tokens, span);
  const after = span ? span.end : anchor;
  const app =
    prepositionApp(clean, tokens, after, tokens.length, true) ??
    prepositionApp(clean, tokens, 0, span ? span.start : anchor, false) ??
    accountApp(clean, tokens, anchor);
  const intent: Intent = { topic };
  // "changes not syncing to Slack": about the app's cycles, so no one's name.
  if (topic === 'status') return app ? { topic, app } : { topic };
  // A pasted log entry ("Result Skipped. The User 'jane@contoso.com' will be skipped…"): its address is the subject.
  const address = principal?.includes('@') ? undefined : tokens.findIndex((t) => /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(t.key));
  if (address !== undefined && address >= 0) intent.principal = nameText(clean, tokens, { start: address, end: address + 1 });
  else if (principal) intent.principal = principal;
  if (app) intent.app = app;
  return intent;
}

/** "when is the next sync", "when will Slack run next", "next cycle due?" */
const NEXT_RUN = /\bnext\s+(?:provisioning\s+)?(?:sync|syncs|cycle|cycles|run|runs|synchroni[sz]ation|attempt|retry)\b|\b(?:sync|syncs|run|runs|cycle|cycles|synchroni[sz]e)\s+next\b|\b(?:retry|retries|reattempt|reattempts|try\s+again|run\s+again|sync\s+again)\b/i;
/** "when did Slack last run successfully", "the last successful sync", "last good cycle". */
const LAST_SUCCESS = /\b(?:success|successful|successfully|succeeded|succeed)\b|\blast\s+(?:good|clean|ok|working)\s+(?:sync|cycle|run)\b/i;

/** "when did Slack last run?" → runs; "who restarted" → restarts; "who changed the credentials" → credentials. */
function historyFocus(clean: string): NonNullable<Intent['historyFocus']> {
  if (/\b(credentials?|secret|token|password)\b/i.test(clean)) return 'credentials';
  // "when does the next cycle start": the schedule, not a restart.
  if (NEXT_RUN.test(clean)) return 'next-run';
  if (/\b(re)?start(ed)?\b/i.test(clean)) return 'restarts';
  if (/\b(paused?|stopped|stop|disabled|turned\s+off|switched\s+off)\b/i.test(clean)) return 'pauses';
  if (LAST_SUCCESS.test(clean)) return 'last-success';
  if (/\b(run|ran|sync|synced|cycle)\b/i.test(clean)) return 'runs';
  return 'all';
}

// "why is jane's job title wrong", "what does X get as the user name", "the matching attribute", "the scoping filter".
const PERSON_ATTRIBUTE = /(?<![\p{L}\d])([\p{L}][\p{L}\d.-]*)['’]s\s+(.+?)\s+(?:is\s+|are\s+)?(?:wrong|incorrect|outdated|old|stale|different)(?![\p{L}\d])/iu;
/** "why does kenji have the wrong job title in field service": the attribute after "the wrong". */
const HAS_WRONG = /\b(?:have|has|had|got|gets|shows?|showing|with)\s+(?:the\s+|a\s+|an\s+)?(?:wrong|incorrect|outdated|old|stale|bad)\s+(.+?)(?:\s+(?:in|on|at|for|from)\b.*)?[\s?.!]*$/i;
const GETS_AS = /\b(?:gets?|receives?|sends?)\s+(?:as|for)\s+(?:the\s+|a\s+|an\s+)?(.+?)(?:\s+(?:in|for|from|on)\b.*)?[\s?.!]*$/i;

/** "why is her title wrong": the attribute of the person asked about before. */
const PRONOUN_ATTRIBUTE = /\b(?:his|her|their)\s+((?:job\s+)?[a-z]+)\s+(?:is\s+|are\s+)?(?:wrong|incorrect|outdated|stale|different|off|bad|empty|blank)\b/i;

/** "adele vance's title showing "Account Executive"": whose attribute, which one, and the value seen. */
/** A person's attributes as admins name them in a sentence ("job title", "display name", "email"). */
const SPOKEN_ATTRIBUTES = String.raw`(?:job\s+)?title|department|manager|e-?mail|mail|phone|display\s*name|user\s*name|upn|location|company|office`;
const ATTRIBUTE_SHOWING = new RegExp(
  String.raw`(\p{L}[\p{L}.-]*(?:\s+\p{L}[\p{L}.-]*){0,3})['’]s\s+(${SPOKEN_ATTRIBUTES}|name|employee\s*id)\s+(?:is\s+)?(?:showing|shows|says|reads|displays|is\s+set\s+to)\s+(?:as\s+)?["']?([^"'?!,;]{1,60}?)["']?(?=\s+(?:in|on|for|at)\b|\s*[?!.,;]|\s*$)`,
  'iu',
);
/** "cameron whites job title is wrong": the possessive typed without its apostrophe, before an attribute. */
const WITHOUT_APOSTROPHE = new RegExp(String.raw`\b(\p{L}+\s+\p{L}+?)s\s+(${SPOKEN_ATTRIBUTES})\s+(?:is\s+|are\s+)?(?:wrong|incorrect|outdated|stale|different|off|bad)\b`, 'iu');

/** "what does slack get for employeeNumber": an attribute's name as a schema writes it (camelCase, snake_case, dotted). */
const GETS_FOR = /\bwhat\s+(?:does|do|will)\s+\S.*?\s+(?:get|receive)\s+for\s+(?:the\s+)?([a-z]+[A-Z_.][\w.]*|[a-z]+_[a-z_]+)\s*[?!.]*\s*$/;

/** A trailing app, clause or "attribute" after the attribute's name. */
const ATTRIBUTE_END = String.raw`(?:\s+(?:attribute|field|property))?(?:\s+(?:in|for|from|on|at|of|to)\b.*)?[\s?.!]*$`;
/** The target attribute asked about in other words: "what is mapped to title", "which attribute feeds manager", "where does the title come from". */
const ATTRIBUTE_NAMED = [
  new RegExp(String.raw`\b(?:mapped|maps|goes|flows)\s+(?:in)?to\s+(?:the\s+)?(.+?)` + ATTRIBUTE_END, 'i'),
  new RegExp(String.raw`\b(?:feeds?|populates?|sets?|fills?|drives?)\s+(?:the\s+)?(.+?)` + ATTRIBUTE_END, 'i'),
  /\bwhere\s+(?:does|do|is|are)\s+(?:the\s+)?(.+?)\s+(?:come|coming|sourced|populated|read|taken)\b/i,
  /\bhow\s+(?:is|are)\s+(?:the\s+)?(.+?)\s+(?:mapped|populated|set)\b/i,
];

/** What a mapping question is about: matching, scoping, or one attribute (and whose, when the name was missed). */
function withMappingKind(intent: Intent, clean: string): Intent {
  // "the matching attribute for field service groups": the group mapping (a group asked about by name is read as one anyway).
  const object = !intent.principal && GROUPS_ASKED.test(clean) ? { object: 'group' as const } : {};
  // "the matching attribute", "what is used to match users between Entra and Box".
  if (/\bmatching\b|\bmatch(?:es|ed)?\s+(?:users|accounts|people|objects|groups|identities)\b/i.test(clean)) return { ...intent, mapping: { kind: 'matching', ...object } };
  if (/\bscop(e|ing)\b/i.test(clean)) return { ...intent, mapping: { kind: 'scoping', ...object } };
  const showing = ATTRIBUTE_SHOWING.exec(clean);
  // Without its apostrophe ("cameron whites job title") only where the grammar took the attribute into the name.
  const bare = !intent.principal || ATTRIBUTE_WORD.test(foldText(intent.principal).split(/\s+/).pop() ?? '') || /\bjob$/i.test(intent.principal) ? WITHOUT_APOSTROPHE.exec(clean) : null;
  const person = PERSON_ATTRIBUTE.exec(clean) ?? bare;
  const attribute = showing?.[2] ?? person?.[2] ?? PRONOUN_ATTRIBUTE.exec(clean)?.[1] ?? GETS_AS.exec(clean)?.[1] ?? HAS_WRONG.exec(clean)?.[1] ?? ATTRIBUTE_NAMED.map((re) => re.exec(clean)?.[1]).find(Boolean);
  const whose = showing?.[1] ?? person?.[1];
  return {
    ...intent,
    ...(whose && (!intent.principal || showing || /\s/.test(whose)) ? { principal: whose.trim() } : {}),
    mapping: { kind: 'attribute', ...(attribute ? { attribute: attribute.trim() } : {}), ...(whose ? {} : object), ...(showing ? { value: showing[3].trim() } : {}) },
  };
}

/** About the group mapping: "for groups", "the group mapping" — not "users in groups", "group members". */
const GROUPS_ASKED = /^(?!.*\b(?:users?|members?|people|person)\b).*\bgroups?\b/i;

/**
 * An audit question: the action it names ("who restarted Tableau?"), and the user or group the action was
 * done to ("who re-assigned jane in Slack?") or else the app.
 */
function auditIntent(topic: 'audit' | 'history', clean: string, tokens: Token[]): Intent {
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
  const intent: Intent = { topic };
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
  // "Jane starts monday. when will they have access?": the sentence before is not this one's subject.
  if (anchor > 0 && /[.!?]["')\]]*$/.test(tokens[anchor - 1].raw) && !isAbbreviation(tokens[anchor - 1].raw)) return objectSpan(tokens, anchor);
  let end = anchor;
  while (end > 0 && isPlain(tokens[end - 1]) && AUXILIARIES.has(tokens[end - 1].key)) end--;
  let start = 0;
  let joined = -1;
  for (let i = 0; i < end; i++) {
    const t = tokens[i];
    if (t.quoted) continue;
    if (CLAUSE_OPENERS.has(t.key) || (t.endsClause && i < end - 1)) start = i + 1;
    else if ((CONJUNCTIONS.has(t.key) || RELATIVES.has(t.key)) && i > start) joined = i;
  }
  // "Jane Doe left the company but still has an account", "a test user jane which is not provisioned": the
  // subject before the second clause, up to its own verb.
  if (joined > start && !trimSpan(tokens, { start: joined + 1, end })) {
    const first = trimSpan(tokens, { start, end: joined });
    const run = first && nameRun(tokens, first.start);
    if (first && run) return { start: first.start, end: Math.min(run.end, first.end) };
  }
  return trimSpan(tokens, { start, end }) ?? objectSpan(tokens, anchor);
}

/**
 * What a skip question is about when its subject is no one: "changes not syncing to Slack" asks about the
 * app's cycles, "null attribute not provisioned to Slack" about a mapping.
 */
function subjectTopic(topic: Topic, tokens: Token[], anchor: number): Topic {
  if (topic !== 'skipped') return topic;
  const before = tokens.slice(0, anchor).filter((t) => isPlain(t));
  // A user's address in it ("…not exported. The entry is jane@contoso.com") keeps it about that user.
  if (tokens.some((t) => isAddress(t.key))) return topic;
  // The subject's head word, not any word of it: "null attribute not provisioned" is a mapping, "the field
  // crew west group skipped" a group.
  const head = [...before].reverse().find((t) => !AUXILIARIES.has(t.key) && !ARTICLES.has(t.key) && !NEGATIONS.has(t.key));
  if (head && ATTRIBUTE_SUBJECTS.has(head.key) && !head.capitalized) return 'mapping';
  if (before.some((t) => CHANGE_SUBJECTS.has(t.key))) return 'status';
  return topic;
}

const ATTRIBUTE_SUBJECTS = new Set(['attribute', 'attributes', 'value', 'values', 'property', 'properties', 'field', 'fields']);
const CHANGE_SUBJECTS = new Set(['changes', 'updates', 'edits']);

/** "delete [jane]'s account": a possessive that is not an app's (those are cut out) names the person. */
function possessiveSpan(tokens: Token[]): Span | undefined {
  const at = tokens.findIndex((t) => isPlain(t) && /^[\p{L}][\p{L}.-]*'s[,;:!?.]*$/iu.test(t.raw) && !COMMON_WORDS.has(t.key.replace(/s$/, '')));
  if (at < 0) return undefined;
  let start = at;
  while (start > 0 && isPlain(tokens[start - 1]) && tokens[start - 1].capitalized && !COMMON_WORDS.has(tokens[start - 1].key) && !isKeyword(tokens[start - 1])) start--;
  return trimSpan(tokens, { start, end: at + 1 });
}

/** "jane got created in Slack but [Jane Doe] didn't": the one the second clause denies is asked about. */
function contrastedSpan(tokens: Token[]): Span | undefined {
  const but = tokens.findIndex((t) => isPlain(t) && t.key === 'but');
  if (but < 0) return undefined;
  const run = nameRun(tokens, but + 1);
  const next = run && tokens[run.end];
  return run && isPlain(next) && NEGATIONS.has(next!.key) ? trimSpan(tokens, run) : undefined;
}

/** Verbs whose object is the person provisioned: "when I try to sync [jane] to Slack it gets skipped". */
const PROVISION_VERBS = new Set(['sync', 'provision', 'push', 'create', 'add', 'assign', 'assigned', 'reassign', 'move', 'moved']);

function verbObjectSpan(tokens: Token[], anchor: number): Span | undefined {
  for (let i = 0; i < anchor; i++) {
    if (isPlain(tokens[i]) && PROVISION_VERBS.has(tokens[i].key)) {
      const span = objectSpan(tokens, i);
      if (span && span.end <= anchor) return span;
    }
  }
  return undefined;
}

const PRONOUNS = new Set(['she', 'he', 'they', 'her', 'his', 'their', 'him', 'them', 'hers', 'theirs']);

/** "jane left last week, why is [her] account still enabled?": the pronoun's name is the first one named. */
function pronounAntecedent(tokens: Token[], anchor: number): Span | undefined {
  if (!tokens.some((t) => isPlain(t) && PRONOUNS.has(t.key))) return undefined;
  return laterNameSpan(tokens, -1, anchor);
}

/** Words that join two clauses; a name never spans them. */
const CONJUNCTIONS = new Set(['but', 'because', 'although', 'though', 'yet']);
const RELATIVES = new Set(['which', 'who', 'whom', 'whose']);

/**
 * A name further on, not after a preposition (that is the app): "how long until [jane] is provisioned",
 * "when will [jane] get access to Slack".
 */
function laterNameSpan(tokens: Token[], anchor: number, before = tokens.length): Span | undefined {
  for (let i = anchor + 1; i < before; i++) {
    const previous = tokens[i - 1] as Token | undefined;
    const run = nameRun(tokens, i);
    const span = run && trimSpan(tokens, run);
    if (!span || isNumberRun(tokens, span)) continue;
    // After a preposition a name is the app's, unless another preposition follows: "eta for [jane] in Slack".
    const afterPreposition = isPlain(previous) && (PREPOSITIONS.has(previous!.key) || ARTICLES.has(previous!.key));
    const next = tokens[span.end];
    if (!afterPreposition || (isPlain(next) && PREPOSITIONS.has(next.key))) return span;
    i = span.end;
  }
  return undefined;
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
  while (
    start < end &&
    isPlain(tokens[start]) &&
    (LEADING_FILLERS.has(tokens[start].key) || isMention(tokens[start]) || (isKeyword(tokens[start]) && !tokens[start].capitalized && tokens[start].word === tokens[start].key))
  ) start++;
  for (let i = start; i < end; i++) {
    const t = tokens[i];
    if (t.quoted) continue;
    if (i > start && ((PREPOSITIONS.has(t.key) && t.key !== 'of') || t.raw.startsWith('(') || ((AUXILIARIES.has(t.key) || REPORTING_VERBS.has(t.key)) && !t.capitalized))) {
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
    // "in the Sales group in Salesforce": a group is not the app; "for 3 days" or "for 24h" is a duration;
    // "for jane@contoso.com" a person.
    if (run && !GROUP_WORDS.has(tokens[run.end]?.key ?? '') && !isNumberRun(tokens, run) && !hasAddress(tokens, run)) return nameText(clean, tokens, run);
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
    if (run && !isNumberRun(tokens, run) && !hasAddress(tokens, run)) return nameText(clean, tokens, run);
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
  return !t.quoted && (t.code || CUE_WORDS.has(t.word) || APP_TRAILERS.has(t.word));
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
