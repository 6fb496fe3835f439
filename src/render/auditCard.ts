// The latest recorded actions, newest first as given: one compact row each (what, when and who, the result).
import type { AuditView } from '../domain/remediationViews';
import { outcomeLook } from './outcomeCard';
import { renderFitting, type Limits } from './levels';
import { clip, firstOf, str, type Rendered } from './template';

type Row = AuditView['rows'][number];

const TEXT_ROWS = 20;
const TEXT_CHARS = 120;

const rowsOf = (v: AuditView): Row[] => (Array.isArray(v.rows) ? v.rows.filter((r) => r !== undefined && r !== null) : []);

const joined = (parts: string[], separator: string) => parts.filter((p) => p !== '').join(separator);

function rowView(r: Row, chars: number) {
  const look = outcomeLook(r.result);
  return {
    what: joined([clip(str(r.action), chars), clip(str(r.target), chars)], ' → ') || 'Action',
    byline: joined([clip(str(r.when), 80), clip(str(r.who), chars)], ' · '),
    // Said with a mark and a word, not a colour (Teams' light theme draws green text at 2.1:1).
    result: { label: clip(look.label, 40), shown: look.label ? `${look.mark} ${clip(look.label, 40)}` : '' },
  };
}

function auditView(v: AuditView, limits: Limits<'audit'>) {
  const rows = firstOf(rowsOf(v), limits.rows, 'actions not shown');
  const filter = clip(str(v.filter), limits.chars);
  const isEmpty = rows.shown.length === 0;
  return {
    title: clip(str(v.title), limits.chars) || 'Recent actions',
    hasFilter: filter !== '',
    filter,
    rows: rows.shown.map((r) => rowView(r, limits.chars)),
    hasMore: rows.more !== '',
    more: rows.more,
    isEmpty,
    empty: clip(str(v.empty), limits.chars * 2) || 'No actions recorded yet.',
  };
}

function auditText(v: AuditView): string {
  const view = auditView(v, { rows: TEXT_ROWS, chars: TEXT_CHARS });
  const lines = view.rows.map((r) => `• ${joined([r.byline, r.what], ': ')}${r.result.label ? ` (${r.result.label})` : ''}`);
  return [
    view.hasFilter ? `${view.title} · ${view.filter}` : view.title,
    ...lines,
    view.more,
    view.isEmpty ? view.empty : '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

export function renderAudit(v: AuditView): Rendered {
  return { card: renderFitting('audit', (limits) => auditView(v, limits)), text: auditText(v) };
}
