// An error as a card: what happened, what to try, and (folded away) technical detail for support.
import type { Fact } from '../domain/types';
import { breakable } from './look';
import { renderFitting, richest, type Limits } from './levels';
import { clip, firstOf, numberedList, str, strings, type Rendered } from './template';

export interface Problem {
  title: string;
  whatHappened: string;
  tryThis: string[];
  /** Technical detail, e.g. a Graph request id, shown on demand. */
  detail?: Fact[];
  /** E.g. the closest names when a name matched nothing. */
  suggestions?: string[];
}

const facts = (value: unknown): Fact[] =>
  Array.isArray(value) ? value.map((f) => ({ label: str(f?.label), value: str(f?.value) })) : [];

function problemView(p: Problem, limits: Limits<'problem'>) {
  const suggestions = firstOf(strings(p.suggestions), limits.items, 'matches not shown');
  const detail = firstOf(facts(p.detail), limits.items, 'details not shown');
  const whatHappened = clip(str(p.whatHappened), limits.chars * 2);
  const shownDetail = detail.shown.map((f) => ({ label: `${clip(f.label, 100)}: `, value: breakable(clip(f.value, limits.chars)) }));
  return {
    title: breakable(clip(str(p.title), limits.chars) || 'Something went wrong'),
    hasWhatHappened: whatHappened !== '',
    whatHappened: breakable(whatHappened),
    tryThis: numberedList(strings(p.tryThis), limits.items, limits.chars),
    hasSuggestions: suggestions.shown.length > 0,
    suggestions: suggestions.shown.map((s) => breakable(clip(s, limits.chars))),
    hasSuggestionsMore: suggestions.more !== '',
    suggestionsMore: suggestions.more,
    hasDetail: shownDetail.length > 0,
    detail: detail.more ? [...shownDetail, { label: '', value: detail.more }] : shownDetail,
  };
}

function problemText(p: Problem): string {
  const view = problemView(p, richest('problem'));
  const lines = [view.title, view.whatHappened];
  if (view.tryThis.has) lines.push('What to try:', ...view.tryThis.items.map((s) => `${s.number} ${s.text}`), view.tryThis.more);
  if (view.hasSuggestions) lines.push(`Closest matches: ${view.suggestions.join(', ')}`, view.suggestionsMore);
  lines.push(...view.detail.map((f) => `${f.label}${f.value}`));
  // The view's values carry zero-width break points for the card; a text client needs none.
  return lines.filter((line) => line !== '').join('\n').replace(/\u200B/g, '');
}

export function renderProblem(p: Problem): Rendered {
  return { card: renderFitting('problem', (limits) => problemView(p, limits)), text: problemText(p) };
}
