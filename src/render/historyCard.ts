// The history of an app as a timeline card: one headline, one badge, the job's cycle facts, one page of
// entries newest first (who, what, when), "Older"/"Newer" buttons to page, and the caveats behind Details.
import type { HistoryView, TimelineEntry } from '../diagnose/history';
import { breakable, SEVERITY_BADGE } from './look';
import { localizeTimes } from '../diagnose/time';
import { portalLink } from './portalLink';
import { renderFitting, type Limits } from './levels';
import { clip, type Rendered } from './template';

/** Entries on one page: keeps the card within a screen (≤ 700 px at 450 px wide). */
export const HISTORY_PAGE_SIZE = 5;

const SOURCE_WORDS: Record<TimelineEntry['source'], string> = { bot: 'this bot', entra: 'Entra audit log', job: 'job status' };

export interface HistoryCardOptions {
  /** Zero-based page of the timeline. */
  page: number;
  /** The button that shows another page: verb and data, built by the caller (the card knows no questions). */
  pageButton(page: number): { verb: string; data: Record<string, unknown> };
  timeZone?: string;
  locale?: string;
}

function historyView(v: HistoryView, o: HistoryCardOptions, { chars }: Limits<'history'>) {
  const local = (text: string) => localizeTimes(text, o.timeZone, o.locale);
  const pages = Math.max(1, Math.ceil(v.entries.length / HISTORY_PAGE_SIZE));
  const page = Math.min(Math.max(0, o.page), pages - 1);
  const shown = v.entries.slice(page * HISTORY_PAGE_SIZE, (page + 1) * HISTORY_PAGE_SIZE);
  return {
    headline: breakable(clip(local(v.headline), 200)),
    badge: SEVERITY_BADGE[v.severity],
    context: `${v.app.displayName} · newest first · page ${page + 1} of ${pages} (${v.entries.length} ${v.entries.length === 1 ? 'entry' : 'entries'})`,
    facts: page === 0 ? v.facts.map((f) => ({ label: f.label, value: breakable(clip(local(f.value), chars)) })) : [],
    rows: shown.map((e) => ({
      what: breakable(clip(e.what, chars)),
      byline: breakable(clip([local(e.when), e.who, e.result, SOURCE_WORDS[e.source]].filter(Boolean).join(' · '), chars)),
    })),
    isEmpty: shown.length === 0,
    empty: 'Nothing of this kind is recorded by this bot, in the Entra audit log or in the job’s status.',
    older: page + 1 < pages ? [o.pageButton(page + 1)] : [],
    newer: page > 0 ? [o.pageButton(page - 1)] : [],
    portal: [{ url: portalLink(v.app) }],
    notes: [
      ...v.caveats.map((text) => ({ text: clip(text, 300) })),
      { text: 'In the Entra admin center: the app → Activity → Audit logs (and Provisioning logs).' },
    ],
  };
}

function historyText(v: HistoryView): string {
  return [v.headline, ...v.entries.slice(0, HISTORY_PAGE_SIZE).map((e) => `• ${e.when} · ${e.who}: ${e.what}`)].join('\n');
}

export function renderHistory(v: HistoryView, options: HistoryCardOptions): Rendered {
  return { card: renderFitting('history', (limits) => historyView(v, options, limits)), text: historyText(v) };
}
