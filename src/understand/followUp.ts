// Follow-ups: short messages that only make sense after an answer ("and in Atlassian?", "what about tomas?",
// "why?", "fix it", "the other one"). Read from the whole message, so a full question is never one.
import type { FollowUp } from '../domain/types';
import { readCommand } from './commands';
import { foldText } from './fuzzy';
import { COMMON_WORDS, DOMAIN_WORDS, ORDINARY_WORDS } from './vocabulary';

const OTHER_NAME = /^(?:and|also|but|ok(?:ay)?\s+and|now)?\s*(?:what|how)\s+about\s+(?:in\s+|for\s+|on\s+|with\s+)?(.+)$|^(?:and|also|now|ok(?:ay)?\s+now|same(?:\s+thing)?\s+(?:for|with|in)|only|just|(?:and\s+)?(?:in|for|on))\s+(?:(?:in|for|on|with)\s+)?(.+)$|^(?:same|ditto)\s+(?:for|with|in)\s+(.+)$/i;
const AGAIN = /^(?:(?:but\s+|and\s+|ok(?:ay)?\s+|so\s+)?(?:why|how\s+come|why\s+(?:is|was)\s+(?:that|it)|why\s+not|why\s+so|what\s+happened|what'?s\s+(?:wrong|the\s+(?:problem|issue|cause|reason))|reason)|try\s+again|again|retry|once\s+more|one\s+more\s+time|check\s+again|ask\s+again|re-?check|refresh|any\s+(?:update|change)s?|(?:give\s+me\s+|show\s+(?:me\s+)?|tell\s+me\s+)?more(?:\s+(?:details?|info(?:rmation)?))?|(?:more\s+)?details(?:\s+please)?|tell\s+me\s+more|elaborate|explain(?:\s+(?:it|that|more))?|go\s+on|and\s+then|how\s+(?:do|can|should|would)\s+(?:i|we|you)\s+(?:fix|solve|resolve|repair|sort)(?:\s+(?:it|this|that))?(?:\s+out)?|how\s+to\s+fix(?:\s+(?:it|this|that))?|what\s+(?:do|should|can)\s+(?:i|we)\s+do(?:\s+(?:now|about\s+(?:it|this|that)))?|what\s+now|now\s+what|what'?s\s+the\s+fix|(?:any\s+)?fix\s*\?|next\s+steps?)$/i;
const FIX = /^(?:(?:ok(?:ay)?|yes|yeah|yep|sure|great|cool|please|pls|then|so)[\s,]+)*(?:(?:please\s+)?(?:fix|repair|sort|resolve|solve)\s+(?:it|this|that|that\s+one|the\s+problem|the\s+issue)(?:\s+(?:out|up|for\s+me|please|now))*|do\s+(?:it|that|this|the\s+fix)(?:\s+(?:please|now|then))*|go\s+ahead|go\s+for\s+it|apply\s+(?:it|the\s+fix|that|the\s+suggested\s+fix)|make\s+it\s+so|proceed|let'?s\s+do\s+it|run\s+(?:it|the\s+fix))(?:\s+please)?$/i;
/** Chat words that are no one's name: "why tho?", "why lol", "k", "nope". */
export const CHAT_WORDS = new Set([
  'tho', 'though', 'lol', 'lmao', 'haha', 'ok', 'okay', 'k', 'kk', 'nah', 'nope', 'yep', 'yup', 'yeah', 'meh', 'hmm',
  'noted', 'thanks', 'thx', 'ty', 'cool', 'great', 'nice', 'sure', 'second', 'first', 'third', 'last', 'paused',
  'stuck', 'failed', 'failing', 'skipped', 'broken', 'disabled', 'quarantined', 'again', 'exactly', 'really', 'seriously',
]);

/** Words that can only be a name: letters (accents, dots, hyphens, apostrophes), three or more, no chat or trade word. */
export function isNameLike(text: string): boolean {
  const words = foldText(text).split(/\s+/).filter(Boolean);
  return (
    words.length > 0 &&
    words.length <= 4 &&
    words.join('').length >= 3 &&
    words.every((w) => /^[a-z][a-z.'-]*$/.test(w) && !CHAT_WORDS.has(w) && !COMMON_WORDS.has(w) && !DOMAIN_WORDS.has(w) && !ORDINARY_WORDS.has(w))
  );
}

const REMOVE_THEM = /^(?:(?:ok(?:ay)?|yes|yeah|then|so|please|pls)[\s,]+)*(?:disable|remove|deprovision|offboard)\s+(?:her|him|them|that\s+(?:user|person|account)|this\s+(?:user|person|account))(?:\s+(?:now|please|then|too))*$/i;
const WHY_NAME = /^(?:and\s+|but\s+|ok(?:ay)?\s+|so\s+)?(?:why|how\s+come)\s+(?:not\s+)?(\S+(?:\s+\S+){0,2}?)(?:\s+then)?$/i;
const OTHER_CHOICE = /^(?:no[,\s]+)?(?:i\s+meant\s+)?(?:the\s+other\s+(?:one|app|user|person|group)|the\s+other|other\s+one|not\s+(?:that|this)\s+one[,\s]*(?:the\s+other(?:\s+one)?)?)(?:\s+please)?$/i;

/** Everything but words, so "why??", "Why." and "why ?" read alike. */
function bare(clean: string): string {
  return clean
    .replace(/[?!.,;:…]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(LEAD_IN, '');
}

/** Hesitations and polite requests before a follow-up: "hm why", "can you try again", "pls more details". */
const LEAD_IN = /^(?:(?:hm+|um+|uh+|well|hey)\s+)*(?:(?:can|could|would)\s+(?:you|u)\s+(?:please\s+)?|please\s+|pls\s+)?(?=\S)/i;

/** The follow-up the message is, if it is one; `rest` of an other-name follow-up is the name as typed. */
export function readFollowUp(clean: string): FollowUp | undefined {
  const text = bare(clean);
  if (!text || text.length > 80) return undefined;
  if (OTHER_CHOICE.test(text)) return { kind: 'other-choice' };
  if (FIX.test(text)) return { kind: 'fix' };
  // "disable her now", "remove him": the last answer's removal of that person, never a pause of the app.
  if (REMOVE_THEM.test(text)) return { kind: 'fix', removal: true };
  if (AGAIN.test(text)) return { kind: 'again' };
  // "why wei?", "why wei chen" after a list: that person, in the same app.
  const why = WHY_NAME.exec(text);
  if (why && isNameLike(why[1])) return { kind: 'other-name', name: why[1] };
  const m = OTHER_NAME.exec(text);
  if (m) {
    const name = (m[1] ?? m[2] ?? m[3] ?? '').replace(/^(?:the\s+)/i, '').replace(/\s+(?:then|instead|too|as\s+well|please)$/i, '').trim();
    // "and why was jane skipped" is a question of its own: a follow-up names, it does not ask.
    // "ok now restart zendesk" is a command of its own.
    if (name && name.split(' ').length <= 6 && !/\b(?:why|how|was|is|were|did|does|skipped|provisioned|quarantine|status|scoping|filter|mappings?|matching|attributes?|threshold|history)\b/i.test(name) && !readCommand(name)) {
      return { kind: 'other-name', name: name.replace(/'s$/i, '') };
    }
  }
  return undefined;
}
