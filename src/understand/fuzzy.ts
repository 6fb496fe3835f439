// Typo- and accent-tolerant string comparison, shared by `understand` (keywords) and `resolve` (names).
// Pure and allocation-light: both callers run it many times per question.

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const WHITESPACE_RUN = /\s+/g;

/** Lower case, accents removed (Tomás → tomas), whitespace collapsed and trimmed. */
export function foldText(s: string): string {
  if (typeof s !== 'string') return '';
  return s.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase().replace(WHITESPACE_RUN, ' ').trim();
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions: "quarantien" is one edit from
 * "quarantine"). With `max`, stops early and returns `max + 1` once the distance is known to exceed it.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let before = new Array<number>(b.length + 1);
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, before[j - 2] + 1);
      }
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
}

/** 1 for equal texts (after folding), falling towards 0 as more of the longer text must be edited. */
export function similarity(a: string, b: string): number {
  const x = foldText(a);
  const y = foldText(b);
  const longest = Math.max(x.length, y.length);
  if (longest === 0) return 1;
  return 1 - editDistance(x, y) / longest;
}

/** Edits tolerated for a word of this length: none under 4 characters, 1 up to 7, 2 beyond. */
export function allowedEdits(length: number): number {
  if (length < 4) return 0;
  return length <= 7 ? 1 : 2;
}

/** True when `typed` is `candidate` up to case, accents and a typo or two (judged on the shorter of the two). */
export function isCloseMatch(typed: string, candidate: string): boolean {
  const t = foldText(typed);
  const c = foldText(candidate);
  if (!t || !c) return false;
  if (t === c) return true;
  const max = allowedEdits(Math.min(t.length, c.length));
  return max > 0 && editDistance(t, c, max) <= max;
}
