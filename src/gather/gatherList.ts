// Evidence for a list over a time window: the window as times (the clock is here, not in understand), the
// statuses and action it asks for, and the log entries read with all of that filtered on the server.
import type { ListEvidence } from '../diagnose/list';
import type { AppRef, Intent, ListKind } from '../domain/types';
import type { LogWindowQuery } from '../graph/endpoints';
import type { GraphGateway } from '../graph/gateway';
import { logsInWindow, readLogsIfAllowed } from './provisioningLogs';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An ISO time as OData takes it unquoted (no milliseconds). */
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The window's start (and end, for "yesterday") in UTC; the label says what the card shows. */
export function windowBounds(window: NonNullable<Intent['window']>, now: Date): { since: string; until?: string; label: string } {
  const t = now.getTime();
  // "the last 24 hours" reads in a headline as "… skipped in Slack in the last 24 hours".
  const label = /^(the\s+)?(last|past)\b/i.test(window.label) ? `in ${window.label}` : window.label;
  const since = window.since ? Date.parse(window.since) : NaN;
  // A calendar day ("yesterday") is a start and a length; other windows run until now.
  if (!Number.isNaN(since)) return { since: iso(since), ...(window.hours && window.hours > 0 ? { until: iso(since + window.hours * HOUR) } : {}), label };
  if (window.hours && window.hours > 0) return { since: iso(t - window.hours * HOUR), label };
  // A window without a start or a length (an old or altered button): the last day.
  return { since: iso(t - DAY), label: 'in the last 24 hours' };
}

const QUERY: Record<ListKind, Pick<LogWindowQuery, 'statuses' | 'actions'>> = {
  skipped: { statuses: ['skipped'] },
  failure: { statuses: ['failure'] },
  problems: { statuses: ['failure', 'skipped'] },
  created: { statuses: ['success'], actions: ['create'] },
  removed: { statuses: ['success'], actions: ['disable', 'delete'] },
};

export async function gatherList(
  gateway: GraphGateway,
  intent: Pick<Intent, 'window' | 'listOf'>,
  app: AppRef | undefined,
  now: Date,
): Promise<ListEvidence & { since: string }> {
  const kind = intent.listOf ?? 'problems';
  const bounds = windowBounds(intent.window ?? { hours: 24, label: 'in the last 24 hours' }, now);
  let atLeast: number | undefined;
  let readBackTo: string | undefined;
  const read = await readLogsIfAllowed(
    logsInWindow(gateway, { spId: app?.spId, since: bounds.since, until: bounds.until, ...QUERY[kind] }).then((r) => {
      ({ atLeast, readBackTo } = r);
      return r.entries;
    }),
  );
  return {
    kind,
    windowLabel: bounds.label,
    since: bounds.since,
    ...(app ? { app } : {}),
    entries: read.entries,
    ...(atLeast !== undefined ? { atLeast } : {}),
    ...(readBackTo ? { readBackTo } : {}),
    ...(read.unavailable ? { logsUnavailable: read.unavailable } : {}),
  };
}
