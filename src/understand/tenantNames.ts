// Entity recognition against the tenant's own names: which app with provisioning a message names, wherever
// the name stands ("Slack skipped jane", "jane in salesforce", "ServiceNow's quarantine"). Names are matched
// word by word, folded (case, accents), with a typo allowed in long words; a partial name counts only from
// its first word ("atlassian" is "Atlassian Cloud", "cloud" is nobody). Pure and fast: a few hundred names.
import { foldText, isCloseMatch } from './fuzzy';
import { APP_TRAILERS, COMMON_WORDS, DOMAIN_WORDS, ORDINARY_WORDS } from './vocabulary';

/** The names `understand` may recognise: the display names of the tenant's apps with provisioning. */
export interface TenantNames {
  apps: readonly string[];
}

export interface NameHit {
  /** The app names this span of text stands for (several only when the text is a shared first word). */
  names: string[];
  /** Offsets in the text the hit was found in. */
  start: number;
  end: number;
  /** The whole name was typed (up to case, accents, punctuation and a typo), not just its first words. */
  full: boolean;
}

interface Word {
  key: string;
  start: number;
  end: number;
}

/**
 * Words a partial name may not consist of: everyday words and the generic first words of product names
 * ("Office 365 …", "Microsoft …"), so "since monday" is not "monday.com" and "office" is nobody.
 */
const NOT_ALONE = new Set([
  'the', 'a', 'an', 'my', 'our', 'app', 'apps', 'microsoft', 'office', 'azure', 'cloud', 'online', 'business',
  'service', 'services', 'enterprise', 'identity', 'power', 'monday', 'sunday', 'saturday', 'friday', 'workplace',
  'field', 'sales', 'team', 'teams', 'and', 'for', 'of', 'from', 'in', 'on', 'it', 'is', 'to', 'com', 'box',
]);

/** Nicknames admins use for a product, by the first word of its gallery name. */
const NICKNAMES: Record<string, string> = {
  snow: 'servicenow',
  sfdc: 'salesforce',
  jira: 'atlassian',
  confluence: 'atlassian',
  gh: 'github',
  ghec: 'github',
  gws: 'google',
  gsuite: 'google',
  sfsf: 'successfactors',
};

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const key = foldText(m[0]);
    // A possessive's "s" ("Slack's") is no word of the name before it.
    if (key === 's' && /['’]$/.test(text.slice(0, m.index))) continue;
    words.push({ key, start: m.index, end: m.index + m[0].length });
  }
  return words;
}

interface Candidate {
  name: string;
  words: string[];
}

/** Names indexed by their first word (and their words run together), so a message looks at a few only. */
interface Index {
  byFirst: Map<string, Candidate[]>;
  /** Names by the first word of each of their tails: "field" → "Field Service" of "Fabrikam Field Service". */
  byTail: Map<string, Candidate[]>;
  /** First words long enough to be matched with a typo. */
  longFirsts: string[];
  /** Typed word → the first words it may stand for (exact, typo or run-together). */
  near: Map<string, string[]>;
}

const compiled = new WeakMap<TenantNames, Index>();

function indexOf(names: TenantNames): Index {
  let index = compiled.get(names);
  if (!index) {
    const byFirst = new Map<string, Candidate[]>();
    const byTail = new Map<string, Candidate[]>();
    const add = (map: Map<string, Candidate[]>, key: string, c: Candidate) => map.set(key, [...(map.get(key) ?? []), c]);
    for (const name of new Set(names.apps)) {
      const words = wordsOf(name).map((w) => w.key);
      if (!words.length) continue;
      const c = { name, words };
      add(byFirst, words[0], c);
      if (words.length > 1) add(byFirst, words.join(''), c);
      for (let k = 1; k < words.length; k++) add(byTail, words[k], { name, words: words.slice(k) });
    }
    index = { byFirst, byTail, longFirsts: [...byFirst.keys()].filter((k) => k.length >= 5), near: new Map() };
    compiled.set(names, index);
  }
  return index;
}

function candidatesFor(index: Index, typed: string): Candidate[] {
  let keys = index.near.get(typed);
  if (!keys) {
    keys = typed.length >= 5 ? index.longFirsts.filter((k) => Math.abs(k.length - typed.length) <= 2 && sameWord(typed, k)) : [];
    if (index.byFirst.has(typed) && !keys.includes(typed)) keys.push(typed);
    if (index.near.size > 10_000) index.near.clear();
    index.near.set(typed, keys);
  }
  return [...new Set(keys.flatMap((k) => index.byFirst.get(k) ?? []))];
}

const sameWord = (typed: string, word: string) => typed === word || (word.length >= 5 && typed.length >= 5 && isCloseMatch(typed, word));

/** How many of the name's words match the text from word `at` on (0 = none). */
function matchedWords(text: Word[], at: number, name: string[]): number {
  let n = 0;
  while (n < name.length && at + n < text.length && sameWord(text[at + n].key, name[n])) n++;
  // "monday.com" typed as "monday com", "mondaycom" or "monday": joined words count too.
  if (n < name.length && at < text.length && text[at].key === name.join('')) return name.length;
  return n;
}

/** The word at `next` continues the name typed before it (no punctuation between, and not an everyday word). */
function runsOn(text: string, words: Word[], next: number): boolean {
  const word = words[next];
  if (!word) return false;
  if (/[,;:!?.()"]/.test(text.slice(words[next - 1].end, word.start))) return false;
  const key = word.key;
  // "Dropbox answered HTTP 401": a verb in the past tense after the name ends it ("contoso billing" goes on).
  return !(COMMON_WORDS.has(key) || ORDINARY_WORDS.has(key) || DOMAIN_WORDS.has(key) || APP_TRAILERS.has(key) || ENDS_A_NAME.has(key) || /^\d+$/.test(key) || /^[a-z]{3,}ed$/.test(key));
}

/** Words of access and of the service's actions: "atlassian access", "atlassian create failing" end the name. */
const ENDS_A_NAME = new Set(['access', 'account', 'accounts', 'license', 'licence', 'licenses', 'seat', 'seats', 'create', 'creates', 'update', 'updates', 'delete', 'deletes', 'disable', 'export', 'import']);

/** A group word within the next few words: "Salesforce [Admins group]". */
function namesGroup(words: Word[], from: number): boolean {
  return words.slice(from, from + 4).some((w) => w.key === 'group' || w.key === 'groups');
}

const everyday = (w: string) => COMMON_WORDS.has(w) || ORDINARY_WORDS.has(w) || DOMAIN_WORDS.has(w) || APP_TRAILERS.has(w);

/**
 * A tail that can stand for its app: one word that is nobody's everyday or provisioning word ("intranet"), or
 * several with at least one such word ("field service"; never "user provisioning" of "Workday to … User
 * Provisioning", which every question about users could contain).
 */
function distinctiveTail(words: string[]): boolean {
  if (words.length === 1) return words[0].length >= 5 && !NOT_ALONE.has(words[0]) && !everyday(words[0]);
  return words.some((w) => !everyday(w));
}

/**
 * The best name starting at typed word `at`, read from `view` (the words from there on, the first perhaps two
 * typed words run together: `joined` extra words). `length` counts typed words.
 */
function bestNameAt(index: Index, words: Word[], at: number, view: Word[], joined: number): { length: number; full: boolean; names: string[]; tail?: boolean } | undefined {
  let best: { length: number; full: boolean; names: string[]; tail?: boolean } | undefined;
  const first = view[0].key;
  for (const c of candidatesFor(index, first)) {
    const n = matchedWords(view, 0, c.words);
    if (n === 0) continue;
    const full = n === c.words.length;
    const typedWords = (full && first === c.words.join('') && c.words.length > 1 ? 1 : n) + joined;
    // A partial name needs a distinctive first word: "atlassian", not "cloud" or "office".
    if (!full && (NOT_ALONE.has(first) || first.length < 3)) continue;
    // A single short everyday-looking word is only a name when it is the app's whole name.
    if (full && c.words.length === 1 && c.words[0].length < 3) continue;
    if (!best || typedWords > best.length || (typedWords === best.length && full && !best.full)) best = { length: typedWords, full, names: [c.name] };
    else if (typedWords === best.length && full === best.full) best.names.push(c.name);
  }
  // The name without its first word (the company's, as admins leave it out): "field service" for "Fabrikam
  // Field Service". The whole tail, typed exactly, of two words or one distinctive word; a partial name.
  if (!best && !joined) {
    for (const c of index.byTail.get(first) ?? []) {
      if (matchedWords(view, 0, c.words) !== c.words.length || !distinctiveTail(c.words)) continue;
      if (!best || c.words.length > best.length) best = { length: c.words.length, full: false, names: [c.name], tail: true };
      else if (c.words.length === best.length && !best.names.includes(c.name)) best.names.push(c.name);
    }
  }
  return best && at + best.length <= words.length ? best : undefined;
}

/**
 * Every app name in the text, longest first and without overlaps: a whole name beats a partial one, and a
 * partial name that several apps start with stands for all of them (the caller asks which one).
 */
export function findAppNames(text: string, names: TenantNames | undefined): NameHit[] {
  if (!names || names.apps.length === 0) return [];
  // An e-mail address or user name is a person's, whatever app name it contains ("jane@contoso.com").
  const index = indexOf(names);
  const words = wordsOf(text.replace(/\S*@\S*/g, (m) => ' '.repeat(m.length))).map((w) => {
    // Admins' nicknames for a product ("SNOW", "SFDC", "jira"): the product's name, when the tenant has it.
    const product = NICKNAMES[w.key];
    return product && index.byFirst.has(product) ? { ...w, key: product } : w;
  });
  const found: Array<NameHit & { length: number }> = [];
  const tails = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    // The name as typed from here, or with this word and the next run together: "drop box" is "Dropbox",
    // "service now" is "ServiceNow" (and longer than the "Box" the second word alone would be).
    const here = bestNameAt(index, words, i, words.slice(i), 0);
    const next = words[i + 1];
    // Only two words that make a name's first word exactly (no typo), the first no everyday word: "service
    // now" is ServiceNow, "in smartsheet" stays two words.
    const joined =
      next && !/[,;:!?.()"]/.test(text.slice(words[i].end, next.start)) && !COMMON_WORDS.has(words[i].key) && index.byFirst.has(words[i].key + next.key)
        ? bestNameAt(index, words, i, [{ key: words[i].key + next.key, start: words[i].start, end: next.end }, ...words.slice(i + 2)], 1)
        : undefined;
    const best = joined && (!here || joined.length > here.length) ? joined : here;
    if (!best) continue;
    const { length, full, names: hitNames } = best;
    // "Contoso Expense Tracker" is not "Contoso Intranet": a partial name must not run on into another name,
    // and "the Salesforce Admins group" is a group, not the app.
    if (runsOn(text, words, i + length) && (!full || namesGroup(words, i + length))) continue;
    // "field service groups" are the app's groups; "the Field Service group", a group of that name.
    if (best.tail && words[i + length]?.key !== 'groups' && namesGroup(words, i + length)) continue;
    if (best.tail) tails.add(found.length);
    found.push({ names: hitNames, start: words[i].start, end: words[i + length - 1].end, full, length });
  }
  // A name without its company word is a guess: any app named in full or by its first word wins over it
  // ("jane from learning and development isn't in box" is about Box).
  if (found.some((_, k) => !tails.has(k))) for (const k of [...tails].sort((a, b) => b - a)) found.splice(k, 1);
  // Longest first, then leftmost; drop any hit that overlaps one already kept.
  found.sort((a, b) => b.length - a.length || Number(b.full) - Number(a.full) || a.start - b.start);
  const kept: NameHit[] = [];
  for (const h of found) {
    if (kept.some((k) => h.start < k.end && k.start < h.end)) continue;
    kept.push({ names: h.names, start: h.start, end: h.end, full: h.full });
  }
  return kept.sort((a, b) => a.start - b.start);
}
