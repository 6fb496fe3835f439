// Ranks directory objects against a typed name: exact beats whole-word prefix beats typo-tolerant match.
// Accents and case never matter (tomas ≈ Tomás). Pure.
import { foldText, isCloseMatch, similarity } from '../understand/fuzzy';

export enum MatchLevel {
  None = 0,
  Close = 1,
  Prefix = 2,
  Exact = 3,
}

/** The best level at which `typed` matches any of `names` (display name, given name, UPN prefix…). */
export function matchLevel(typed: string, names: ReadonlyArray<string | null | undefined>): MatchLevel {
  const t = foldText(typed);
  if (!t) return MatchLevel.None;
  let best = MatchLevel.None;
  for (const raw of names) {
    if (!raw) continue;
    const n = foldText(raw);
    if (n === t) return MatchLevel.Exact;
    // "jane" and "doe" both reach "Jane Doe"; "jane.doe" reaches "jane.doe@contoso.com".
    const words: string[] = n.split(/[\s._@-]+/);
    if (n.startsWith(t) || words.some((_, i) => words.slice(i).join(' ').startsWith(t))) best = Math.max(best, MatchLevel.Prefix);
    else if (isCloseMatch(t, n) || words.some((w) => isCloseMatch(t, w))) best = Math.max(best, MatchLevel.Close);
  }
  return best;
}

export interface Ranked<T> {
  item: T;
  level: MatchLevel;
}

/** The candidates at the best level found (several = ambiguous, none = no match). */
export function bestMatches<T>(typed: string, items: readonly T[], namesOf: (item: T) => Array<string | null | undefined>): T[] {
  const ranked: Ranked<T>[] = items.map((item) => ({ item, level: matchLevel(typed, namesOf(item)) }));
  const top = Math.max(MatchLevel.None, ...ranked.map((r) => r.level));
  return top === MatchLevel.None ? [] : ranked.filter((r) => r.level === top).map((r) => r.item);
}

/** Up to `count` names closest to what was typed, for "did you mean…". */
export function closestNames(typed: string, names: ReadonlyArray<string | null | undefined>, count = 3): string[] {
  const t = foldText(typed);
  const unique = [...new Set(names.filter((n): n is string => !!n))];
  return unique
    .map((name) => ({ name, score: Math.max(similarity(t, foldText(name)), ...foldText(name).split(' ').map((w: string) => similarity(t, w))) }))
    .filter((s) => s.score >= 0.4)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, count)
    .map((s) => s.name);
}

/** Upper- and lower-case first letters with their accented forms, for server-side prefix queries. */
export function firstLetterVariants(typed: string): string[] {
  const first = foldText(typed).charAt(0);
  if (!first) return [];
  const accented: Record<string, string> = {
    a: 'áàâäãå',
    c: 'ç',
    e: 'éèêë',
    i: 'íìîï',
    n: 'ñ',
    o: 'óòôöõø',
    u: 'úùûü',
    y: 'ýÿ',
    s: 'š',
    z: 'ž',
  };
  return [first, ...(accented[first] ?? '')];
}
