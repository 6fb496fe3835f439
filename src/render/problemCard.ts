// An error as a card: what happened, what to try, and (folded away) technical detail for support.
import type { Fact } from '../domain/types';
import { breakable } from './look';
import { clip, expandFitting, firstOf, numbered, str, strings, type Rendered } from './template';

export interface Problem {
  title: string;
  whatHappened: string;
  tryThis: string[];
  /** Technical detail, e.g. a Graph request id, shown on demand. */
  detail?: Fact[];
  /** E.g. the closest names when a name matched nothing. */
  suggestions?: string[];
}

interface Limits {
  items: number;
  chars: number;
}

// The last level is small whatever the problem holds, so it always fits.
const LEVELS: Limits[] = [
  { items: 10, chars: 1000 },
  { items: 5, chars: 300 },
  { items: 3, chars: 120 },
];

const facts = (value: unknown): Fact[] =>
  Array.isArray(value) ? value.map((f) => ({ label: str(f?.label), value: str(f?.value) })) : [];

function problemView(p: Problem, limits: Limits) {
  const tryThis = firstOf(strings(p.tryThis), limits.items, 'steps not shown');
  const suggestions = firstOf(strings(p.suggestions), limits.items, 'matches not shown');
  const detail = firstOf(facts(p.detail), limits.items, 'details not shown');
  const whatHappened = clip(str(p.whatHappened), limits.chars * 2);
  const shownDetail = detail.shown.map((f) => ({ label: `${clip(f.label, 100)}: `, value: breakable(clip(f.value, limits.chars)) }));
  return {
    title: breakable(clip(str(p.title), limits.chars) || 'Something went wrong'),
    hasWhatHappened: whatHappened !== '',
    whatHappened: breakable(whatHappened),
    hasTryThis: tryThis.shown.length > 0,
    tryThis: numbered(tryThis.shown, limits.chars).map((s) => ({ number: s.number, text: breakable(s.text) })),
    hasTryThisMore: tryThis.more !== '',
    tryThisMore: tryThis.more,
    hasSuggestions: suggestions.shown.length > 0,
    suggestions: suggestions.shown.map((s) => breakable(clip(s, limits.chars))),
    hasSuggestionsMore: suggestions.more !== '',
    suggestionsMore: suggestions.more,
    hasDetail: shownDetail.length > 0,
    detail: detail.more ? [...shownDetail, { label: '', value: detail.more }] : shownDetail,
  };
}

function problemText(p: Problem): string {
  const view = problemView(p, LEVELS[0]);
  const lines = [view.title, view.whatHappened];
  if (view.hasTryThis) lines.push('What to try:', ...view.tryThis.map((s) => `${s.number} ${s.text}`), view.tryThisMore);
  if (view.hasSuggestions) lines.push(`Closest matches: ${view.suggestions.join(', ')}`, view.suggestionsMore);
  lines.push(...view.detail.map((f) => `${f.label}${f.value}`));
  // The view's values carry zero-width break points for the card; a text client needs none.
  return lines.filter((line) => line !== '').join('\n').replace(/\u200B/g, '');
}

export function renderProblem(p: Problem): Rendered {
  return { card: expandFitting('problem', LEVELS.map((limits) => problemView(p, limits))), text: problemText(p) };
}
