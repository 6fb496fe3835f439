// A list over a time window as a card: one headline with the count, one badge, the top causes with counts and
// a few names each, "retry all (N)" as the primary button when there are failures to retry, and the people
// (each with a "Why <name>?" button) behind a toggle. Pure.
import type { ActionButton } from '../domain/remediationViews';
import type { ListedPerson, ListResult } from '../diagnose/list';
import { breakable, SEVERITY_BADGE } from './look';
import { portalLink } from './portalLink';
import { renderFitting, type Limits } from './levels';
import { clip, executeButtons, firstOf, str, type Rendered } from './template';

export interface ListCardOptions {
  /** The "Why?" button of one person (the bot's question for that person in that app). */
  why(person: ListedPerson): { verb: string; data: Record<string, unknown> } | undefined;
  /** "Retry all (N)", when some failures can be retried in one app. */
  retry?: ActionButton;
}

const KIND_HEADING: Record<ListResult['kind'], string> = {
  skipped: 'Skipped',
  failure: 'Failed',
  problems: 'Failures and skips',
  created: 'Created',
  removed: 'Disabled or deleted',
};

function view(r: ListResult, options: ListCardOptions, l: Limits<'list'>) {
  const groups = firstOf(r.groups, l.groups, r.groups.length - l.groups === 1 ? 'cause not shown' : 'causes not shown');
  const people = firstOf(r.people, l.people, 'not shown: open the provisioning logs for all');
  const portal = r.app
    ? [{ url: portalLink(r.app), note: `“Open in Entra” opens ${r.app.displayName} in the Entra admin center; choose Provisioning logs in its menu.` }]
    : [];
  const titles = new Map<string, number>();
  const rows = people.shown.flatMap((p) => {
    const why = options.why(p);
    if (!why) return [];
    // Every button's title is its own ("Why Omar Farouk?"): two people of the same name are numbered.
    const base = `Why ${clip(p.displayName, 60)}?`;
    const n = (titles.get(base) ?? 0) + 1;
    titles.set(base, n);
    return [{ title: n > 1 ? `${base} (${n})` : base, cause: breakable(clip(r.app ? p.label : `${p.app.displayName} · ${p.label}`, l.chars)), verb: why.verb, data: { ...why.data } }];
  });
  return {
    headline: breakable(clip(r.headline, 200)),
    badge: SEVERITY_BADGE[r.severity],
    context: `${KIND_HEADING[r.kind]} · ${r.app ? r.app.displayName : 'all apps'} · ${r.windowLabel}`,
    scope: clip(r.scope, 400),
    groups: groups.shown.map((g) => {
      const shown = g.people.slice(0, l.names).map((p) => p.displayName);
      const hidden = g.people.length - shown.length;
      return {
        count: String(g.people.length),
        label: breakable(clip(g.label, l.chars)),
        names: breakable(clip(` — ${[...shown, ...(hidden > 0 ? [`+${hidden} more`] : [])].join(', ')}`, l.chars)),
      };
    }),
    hasGroupsMore: groups.more !== '',
    groupsMore: groups.more,
    primary: executeButtons(options.retry ? [options.retry] : []).map((b) => ({ title: b.title, verb: b.verb, data: b.data })),
    hasPeople: rows.length > 0,
    people: rows,
    hasPeopleMore: rows.length > 0 && people.more !== '',
    peopleMore: people.more,
    portal,
  };
}

function text(r: ListResult): string {
  const groups = r.groups.slice(0, 6).map((g) => `- ${g.label}: ${g.people.length} (${g.people.slice(0, 5).map((p) => p.displayName).join(', ')}${g.people.length > 5 ? ', …' : ''})`);
  return [r.summary, ...groups].join('\n');
}

export function renderList(result: ListResult, options: ListCardOptions): Rendered {
  return { card: renderFitting('list', (l) => view(result, options, l)), text: str(text(result)) };
}
