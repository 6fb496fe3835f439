// Mapping and scoping answers: one headline and badge, the cause in plain words with the person's values, the
// schema as a compact table (the asked rows first, a screenful at most; the rest behind Details), and the
// fix as the primary button when there is one ("Provision now").
import type { MappingView } from '../diagnose/mappingTopic';
import { breakable, SEVERITY_BADGE } from './look';
import { localizeTimes } from '../diagnose/time';
import { portalLink } from './portalLink';
import { renderFitting, type Limits } from './levels';
import { clip, executeButtons, numberedList, type Rendered } from './template';

/** Rows in the visible table: enough for the asked mapping and its neighbours within one screen. */
const VISIBLE_ROWS = 5;

export interface MappingCardOptions {
  timeZone?: string;
  locale?: string;
}

function mappingView(v: MappingView, o: MappingCardOptions, { chars, detailRows }: Limits<'mapping'>) {
  const local = (text: string) => localizeTimes(text, o.timeZone, o.locale);
  const cell = (r: MappingView['rows'][number]) => ({
    target: breakable(clip(r.target, 60)),
    source: breakable(clip(r.source, chars)),
    applies: clip(r.applies, 80),
  });
  const visible = v.rows.slice(0, VISIBLE_ROWS);
  const more = v.rows.slice(VISIBLE_ROWS, VISIBLE_ROWS + detailRows);
  const hidden = v.rows.length - visible.length - more.length;
  const scoping = v.tableTitle === 'Scoping filter';
  return {
    headline: breakable(clip(v.headline, 200)),
    badge: SEVERITY_BADGE[v.severity],
    context: `${v.app.displayName} · provisioning schema`,
    explanation: breakable(clip(local(v.explanation), chars * 2)),
    facts: v.facts.map((f) => ({ label: clip(f.label, 60), value: breakable(clip(local(f.value), chars)) })),
    hasTable: visible.length > 0,
    tableTitle: v.tableTitle,
    tableHeads: scoping ? { target: 'Group', source: 'Clause', applies: 'How' } : { target: 'In the app', source: 'From Entra', applies: 'Applies' },
    rows: visible.map(cell),
    hasMoreRows: more.length > 0,
    moreTitle: `The other ${more.length + Math.max(0, hidden)} ${scoping ? 'clauses' : 'mappings'}`,
    moreRows: more.map(cell),
    hasMoreNote: hidden > 0,
    moreNote: `+${hidden} more in the Entra admin center`,
    remedies: executeButtons(v.remedies, 'positive').slice(0, 1),
    portal: [{ url: portalLink(v.app) }],
    fix: numberedList(v.fix, v.fix.length, chars),
    caveats: v.caveats.map((text) => ({ text: clip(text, 300) })),
  };
}

function mappingText(v: MappingView): string {
  return [v.headline, v.explanation, ...v.facts.map((f) => `${f.label}: ${f.value}`)].join('\n');
}

export function renderMapping(v: MappingView, options: MappingCardOptions = {}): Rendered {
  return { card: renderFitting('mapping', (limits) => mappingView(v, options, limits)), text: mappingText(v) };
}
