// Turns a Teams message body into plain text: mentions of the bot removed, markup and entities gone, quotes
// made ASCII, length capped. Every pattern here is linear (bounded or negated character classes), because a
// message can be 20 KB of pasted log.

/** Raw characters looked at: enough for markup around a question, bounded so huge pastes stay cheap. */
const MAX_SCANNED = 4_000;
/** Characters of clean text kept: a question is never longer, and later steps stay fast. */
export const MAX_UTTERANCE_LENGTH = 500;

const MENTION = /<at(?:\s[^<>]{0,200})?>([^<]{0,200})<\/at>/gi;
const TAG = /<[^<>]*>/g;
const ENTITY = /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi;
const ZERO_WIDTH = /[\u200b-\u200f\u2060\ufeff\u00ad]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g;
const WHITESPACE_RUN = /\s+/g;

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  lsquo: "'",
  rsquo: "'",
  ldquo: '"',
  rdquo: '"',
};

/** Words that may precede the bot's mention ("hey @Bot, …") without making it part of the sentence. */
const GREETINGS = new Set(['hey', 'hi', 'hello', 'yo', 'ok', 'okay', 'dear', 'hiya', 'morning']);

/** Plain text of a Teams message, at most MAX_UTTERANCE_LENGTH characters; '' for anything but a string. */
export function cleanUtterance(text: string): string {
  if (typeof text !== 'string') return '';
  const scanned = text.slice(0, MAX_SCANNED);
  const withoutMentions = scanned.replace(MENTION, (whole: string, inner: string, offset: number) =>
    isAddressing(scanned, offset, offset + whole.length) ? ' ' : ` ${inner} `,
  );
  const plain = decodeEntities(withoutMentions.replace(TAG, ' '))
    .replace(ZERO_WIDTH, '')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(WHITESPACE_RUN, ' ')
    .trim();
  return capLength(plain);
}

/**
 * A mention at the start (after a greeting) or at the end addresses the bot, so it is not part of the
 * question; a mention inside the sentence names someone ("why was @Jane Doe skipped") and keeps its text.
 */
function isAddressing(text: string, start: number, end: number): boolean {
  return onlyGreetings(text.slice(0, start)) || wordsOf(text.slice(end)).length === 0;
}

function onlyGreetings(text: string): boolean {
  return wordsOf(text).every((w) => GREETINGS.has(w));
}

function wordsOf(text: string): string[] {
  return text
    .replace(TAG, ' ')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole: string, body: string) => {
    const lower = body.toLowerCase();
    if (lower.startsWith('#')) {
      const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    }
    return NAMED_ENTITIES[lower] ?? whole;
  });
}

/** Cuts at a word boundary so a name is never split in half. */
function capLength(text: string): string {
  if (text.length <= MAX_UTTERANCE_LENGTH) return text;
  const cut = text.slice(0, MAX_UTTERANCE_LENGTH);
  const lastSpace = cut.lastIndexOf(' ');
  return (lastSpace > MAX_UTTERANCE_LENGTH / 2 ? cut.slice(0, lastSpace) : cut).trim();
}
