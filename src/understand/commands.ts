// Imperatives: "pause zoom", "restart salesforce and clear the quarantine", "provision jane to slack now".
// A command is read only from the start of the message (after greetings and "please"/"can you"), so a
// question that mentions an action ("who restarted Tableau?", "why doesn't Zoom start?") stays a question.
import type { Intent } from '../domain/types';
import { foldText } from './fuzzy';
import { COMMON_WORDS, DOMAIN_WORDS, ORDINARY_WORDS } from './vocabulary';

export interface CommandReading {
  command: NonNullable<Intent['command']>;
  /** The user or group named after the verb ("provision [jane doe] to slack"). */
  principal?: string;
  /** The words after the verb, where the app's name is when the tenant's names do not find it. */
  app?: string;
  /** "everyone who failed": about the app's failures, not one person. */
  everyone?: boolean;
}

/** Openers before an imperative: "hey bot, could you please …", "let's", "go ahead and". */
const OPENER =
  /^(?:(?:hey|hi|hello|ok|okay|so|bot|yo|now|then|and|alright|right)\b[\s,]*|(?:please|pls|plz|kindly)\b\s*|(?:can|could|would|will)\s+(?:you|we|u)\s+|(?:let'?s|lets)\s+|(?:go\s+ahead\s+and|i\s+(?:want|need|would\s+like)\s+to|we\s+(?:need|want|should|must)\s+to|we\s+should|i'?d\s+like\s+to|try\s+to|just)\s+)+/i;

// "kick zendesk again": a restart in chat words; "kick off" and "kick start" are a start (START).
const RESTART = /^(?:re-?start|re-?run|reset|rerun|kick(?!\s*(?:off|start)\b|\s+(?:\S+\s+){0,3}?off\b))\b/i;
const FULL_RESTART = /^(?:do\s+|run\s+|trigger\s+|force\s+|kick\s+off\s+)?(?:a\s+)?(?:full|complete|hard)\s+(?:re-?start|re-?sync|resync|sync|cycle)\b(?:\s+(?:of|for|on))?/i;
const START = /^(?:start|resume|unpause|un-pause|enable|kick\s*off|kick\s+(?:\S+\s+){0,3}?off|kick\s+start|kickstart|turn\s+on|switch\s+on|re-?enable|turn\s+(?:\S+\s+){0,3}?(?:back\s+)?on|switch\s+(?:\S+\s+){0,3}?(?:back\s+)?on|put\s+(?:\S+\s+){0,3}?back\s+on)\b/i;
const PAUSE = /^(?:pause|stop|halt|suspend|disable|freeze|turn\s+off|switch\s+off|turn\s+(?:\S+\s+){0,3}?off|switch\s+(?:\S+\s+){0,3}?off)\b/i;
const CLEAR = /^(?:clear|lift|release|remove|reset|end|get|take|bring|pull)\s+(?:(?:the|its|\S+'s)\s+)?(?:\S+\s+){0,3}?(?:quarantine|quarantined|out\s+of\s+quarantine)\b|^(?:unquarantine|un-quarantine|de-?quarantine)\b|^(?:clear|lift)\s+(?:it|that|this)(?:\s+(?:now|please|pls))?\s*$/i;
/** "run provision on demand for ravi", "do an on-demand provisioning of ravi": the verb is the noun's. */
const PROVISION = /^(?:(?:run|do|trigger|perform)\s+(?:an?\s+|the\s+)?(?:provision(?:ing)?\s+on[\s-]demand|on[\s-]demand\s+provision(?:ing)?)(?:\s+(?:for|of))?|provision|push|sync|re-?provision|re-?sync|provision\s+on\s+demand)\b/i;
const REASSIGN = /^(?:(?:un-?assign|remove)\s+and\s+)?(?:re-?assign|reassign|re-?add)\b/i;
const RETRY = /^(?:retry|re-?try)\b/i;
const EVERYONE = /^(?:every(?:one|body)|them\s+all|all\s+of\s+them|all(?:\s+(?:the\s+)?(?:users|failures|failed(?:\s+users)?|errors))?|the\s+(?:failures|failed(?:\s+(?:users|ones))?|errors)|failed(?:\s+users)?|failures)\b/i;

/** Words that end a name after the verb: the app's preposition, "now", "on demand", a clause. */
const NAME_END = /\s+(?:now|again|right\s+now|asap|on\s+demand|please|pls)\b|\s+(?:in|into|to|for|on|at|with|from|via)(?:\s+|$)|[,;:!?.](?=\s|$)|$/i;
/** Words after the verb that are not the app's name. */
const FILLER = /^(?:the\s+|its\s+|our\s+|my\s+|provisioning\s+(?:for|of|in|on)\s+|sync(?:ing)?\s+(?:for|of|in|on)\s+|provisioning\s+|job\s+(?:for|of)\s+)*/i;
const TRAILER = /\s+(?:provisioning|provision|sync|syncing|app|job|connector|now|again|please|pls|asap|right\s+now|back\s+on|back|up|on|off|too|as\s+well|and\s+.*)$/i;

/** Verbs whose typos are read as them ("pasue zoom", "restrat slack", "reasign tomas"). */
const TYPO_VERBS = ['pause', 'restart', 'start', 'resume', 'unpause', 'retry', 'reassign', 'provision', 'enable', 'disable', 'suspend', 'unquarantine'];

/**
 * The verb a first word is a typo of: two neighbouring letters swapped or one letter left out, in a word of
 * five letters or more. Never another letter in its place: "cause" and "paused" are words of their own.
 */
function verbTypo(word: string): string | undefined {
  if (word.length < 5) return undefined;
  return TYPO_VERBS.find((verb) => {
    if (verb.length === word.length) {
      const at = [...verb].findIndex((c, i) => c !== word[i]);
      return at >= 0 && verb[at] === word[at + 1] && verb[at + 1] === word[at] && verb.slice(at + 2) === word.slice(at + 2);
    }
    return verb.length === word.length + 1 && [...verb].some((_, i) => verb.slice(0, i) + verb.slice(i + 1) === word);
  });
}

function stripOpeners(text: string): string {
  // "re assign tomas", "re start zoom": the prefix typed apart.
  const bare = text.replace(/^[\s@]*/, '').replace(OPENER, '').replace(/^re\s+(?=(?:assign|start|run|sync|provision|try|enable|add)\b)/i, 're').trim();
  const first = /^[a-z]+/i.exec(bare)?.[0] ?? '';
  const verb = verbTypo(first.toLowerCase());
  return verb ? verb + bare.slice(first.length) : bare;
}

/** The command at the start of the message, if it opens with one. */
export function readCommand(clean: string): CommandReading | undefined {
  const text = stripOpeners(clean.replace(/[?]+$/, '').trim());
  if (!text) return undefined;
  const lower = text.toLowerCase();
  if (CLEAR.test(lower)) return { command: { verb: 'clearQuarantine' }, app: appAfter(text.replace(/\b(?:out\s+of\s+)?(?:the\s+)?quarantine[d]?\b/i, ' '), CLEAR_VERB) };
  if (FULL_RESTART.test(lower)) return { command: { verb: 'restartProvisioning', restartOption: 'Full' }, app: appName(text.replace(FULL_RESTART, '')) };
  if (RESTART.test(lower)) {
    const rest = text.replace(RESTART, '').trim();
    if (/\b(?:clear|lift|release|out\s+of)\b.*\bquarantine|\bquarantine\b/i.test(rest)) {
      return { command: { verb: 'clearQuarantine' }, app: appName(rest.replace(/\b(?:and\s+)?(?:clear|lift|release)?\s*(?:the\s+)?quarantine\b.*$/i, '')) };
    }
    // "re-run provisioning for greta in zendesk": one person in an app is provisioned on demand; restarting the
    // job would run a whole cycle for everyone.
    // (The app's name may already be blanked out of the text: nothing need follow the preposition.)
    const person = /^(?:(?:the\s+)?(?:provisioning|sync(?:ing)?)\s+)?(?:for|of)\s+(\S.*?)\s+(?:in|into|to|on|at)(?:\s+\S.*|\s*)$/i.exec(rest);
    if (person && looksLikeName(person[1]) && !/\b(?:full(?:y)?|complete|hard|cycle|from\s+scratch)\b/i.test(rest)) {
      return principalCommand('provisionOnDemand', rest.replace(/^(?:(?:the\s+)?(?:provisioning|sync(?:ing)?)\s+)?(?:for|of)\s+/i, ''));
    }
    const full = /\b(?:full(?:y)?|from\s+scratch|complete(?:ly)?|everything|hard)\b/i.test(rest);
    const cleaned = rest.replace(/\b(?:a\s+)?(?:full(?:y)?|complete(?:ly)?|hard)\b\s*(?:restart\s+(?:of|for)\s+)?|\bfrom\s+scratch\b|\b(?:a\s+)?(?:full\s+)?cycle\b/gi, ' ');
    return { command: full ? { verb: 'restartProvisioning', restartOption: 'Full' } : { verb: 'restartProvisioning' }, app: appName(cleaned) };
  }
  if (RETRY.test(lower)) {
    const rest = text.replace(RETRY, '').replace(/^\s*(?:for\s+)?/i, '').trim();
    // "retry everyone who failed": provision each failed user on demand (one confirmation for all of them).
    if (EVERYONE.test(rest) || rest === '') return { command: { verb: 'retryFailed' }, app: appName(afterPreposition(rest)), everyone: true };
    return principalCommand('provisionOnDemand', rest);
  }
  if (REASSIGN.test(lower)) return principalCommand('reassignUser', text.replace(REASSIGN, ''));
  if (PROVISION.test(lower)) {
    const rest = text.replace(PROVISION, '').replace(/^\s*on\s+demand\b/i, '').trim();
    // "sync zoom now" names an app, not a person: left to the tenant's names to tell apart.
    return principalCommand('provisionOnDemand', rest);
  }
  if (PAUSE.test(lower)) return { command: { verb: 'pauseProvisioning' }, app: appAfter(text, PAUSE) };
  if (START.test(lower)) return { command: { verb: 'startProvisioning' }, app: appAfter(text, START) };
  return undefined;
}

/**
 * One to four words that can be a person's or group's name: none of them an everyday, time or provisioning
 * word ("now", "everyone", "tonight", "the app"), no digit-only word.
 */
function looksLikeName(text: string): boolean {
  const words = foldText(text).split(/[^a-z0-9@.'-]+/).filter(Boolean);
  return words.length > 0 && words.length <= 4 && words.every((w) => !/^\d+$/.test(w) && !COMMON_WORDS.has(w) && !ORDINARY_WORDS.has(w) && !DOMAIN_WORDS.has(w) && !EVERYONE_WORDS.has(w));
}
const EVERYONE_WORDS = new Set(['everyone', 'everybody', 'all', 'users', 'people', 'tonight', 'tomorrow']);

const CLEAR_VERB = /^(?:clear|lift|release|remove|reset|end|get|take|bring|pull|unquarantine|un-quarantine|de-?quarantine)\b/i;

function appAfter(text: string, verb: RegExp): string | undefined {
  return appName(text.replace(verb, ''));
}

function afterPreposition(text: string): string {
  const m = /\s(?:in|into|to|for|on|at|with)\s+(.+)$/i.exec(` ${text}`);
  return m ? m[1] : '';
}

/** "the Salesforce Sandbox provisioning now" → "Salesforce Sandbox". */
function appName(text: string): string | undefined {
  let name = text.trim().replace(FILLER, '').replace(/^(?:it|this|that|them|provisioning|sync|everything)\b/i, '').replace(/\s+back\s+on$/i, '').trim();
  for (let i = 0; i < 4; i++) name = name.replace(TRAILER, '').replace(/[,;:!?.]+$/, '').trim();
  name = name.replace(/^(?:in|for|of|on|to)\s+/i, '').replace(/^the\s+/i, '').replace(/'s$/i, '').trim();
  return name && !/^(?:it|this|that|them|back|again|now)$/i.test(name) ? name : undefined;
}

function principalCommand(verb: 'provisionOnDemand' | 'reassignUser', rest: string): CommandReading {
  const body = rest.trim().replace(/^(?:user|the\s+user|group|the\s+group)\s+/i, '');
  const end = NAME_END.exec(body);
  const principal = (end ? body.slice(0, end.index) : body).trim().replace(/^["']|["']$/g, '').replace(/'s$/i, '');
  const app = end && /^\s+(?:in|into|to|for|on|at|with|from|via)\s*$/i.test(end[0]) ? appName(body.slice(end.index + end[0].length)) : undefined;
  return {
    command: { verb },
    // "provision him now", "reassign her": the person is the conversation's, as for "it" and the app.
    ...(principal && !/^(?:it|them|this|that|again|now|him|her|he|she|they|his|hers|their|theirs|this\s+(?:user|person|one)|that\s+(?:user|person|one))$/i.test(principal) ? { principal } : {}),
    ...(app ? { app } : {}),
  };
}
