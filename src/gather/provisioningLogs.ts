// Provisioning-log reads, always filtered on the server (a tenant holds thousands of routine entries), asked
// newest first (Graph's default order is not documented) and paged until the read holds the evidence the
// answer needs or reaches a bound: the newest entries explain what happens now, and a person's failure
// behind a hundred newer entries is still found. Sorted again here, since a Graph-compatible server may
// ignore $orderby. Graph allows 5 log requests per 10 s per tenant, so an app's newest entries are read once
// and shared by every question about that app for a minute (coalesced while the read is in flight).
import { BotError } from '../errors';
import type { GraphGateway } from '../graph/gateway';
import { logFilter, NEWEST_FIRST, PROVISIONING_LOGS_PATH, type LogWindowQuery } from '../graph/endpoints';
import type { ProvisioningObjectSummary } from '../graph/types';

const newestFirst = (entries: ProvisioningObjectSummary[]) =>
  [...entries].sort((a, b) => String(b.activityDateTime).localeCompare(String(a.activityDateTime)));

/** Entries per request: a person behind a hundred newer entries costs two requests, not three. */
export const LOG_PAGE = 100;
/** Most entries one person's read pages through before the answer rests on what was read. */
export const PRINCIPAL_LOG_BOUND = 500;

interface Paged {
  entries: ProvisioningObjectSummary[];
  /** True when the server had no more entries (not cut by the bound or by `until`). */
  complete: boolean;
}

async function read(
  gateway: GraphGateway,
  filter: string,
  top: number,
  bound: number,
  until?: (entries: readonly ProvisioningObjectSummary[]) => boolean,
): Promise<Paged> {
  const { items, truncated } = await gateway.listBounded<ProvisioningObjectSummary>(PROVISIONING_LOGS_PATH, { filter, top, orderby: NEWEST_FIRST }, bound, until);
  const complete = !truncated && items.length < bound && !until?.(items);
  return { entries: newestFirst(items), complete };
}

const isProblem = (e: ProvisioningObjectSummary) => /^(failure|skipped)$/i.test(String(e.provisioningStatusInfo?.status ?? ''));
const sameId = (a: string | null | undefined, b: string) => !!a && a.toLowerCase() === b.toLowerCase();
const inApp = (spId: string) => (e: ProvisioningObjectSummary) => sameId(e.servicePrincipal?.id, spId);
const ofPrincipal = (principalId: string) => (e: ProvisioningObjectSummary) => sameId(e.sourceIdentity?.id, principalId);

/**
 * A user's or group's entries across all apps, newest first. Paged until a failure or skip is among them
 * (the evidence a "why" answer needs) or the bound: a run of routine entries does not hide an older problem.
 */
export async function logsForPrincipal(gateway: GraphGateway, principalId: string): Promise<ProvisioningObjectSummary[]> {
  return (await read(gateway, logFilter.principal(principalId), LOG_PAGE, PRINCIPAL_LOG_BOUND, (read) => read.some(isProblem))).entries;
}

/** A person's newest entries in one app: the narrowest filter, and one entry is all the diagnosis needs. */
async function principalInApp(gateway: GraphGateway, principalId: string, spId: string): Promise<ProvisioningObjectSummary[]> {
  return (await read(gateway, logFilter.principal(principalId, spId), LOG_PAGE, LOG_PAGE)).entries;
}

// ---- an app's newest entries, shared --------------------------------------------------------------------

/** How long an app's newest entries answer questions about that app (a remedy on the app forgets them). */
export const APP_LOG_CACHE_MS = 60_000;
/** Entries of an app read at once: one request, kept for APP_LOG_CACHE_MS. */
export const APP_LOG_PAGE = 500;

interface AppLogs {
  at: number;
  read: Promise<Paged>;
  /** Until it settles, a read is shared even where reads are not reused (coalescing only). */
  settled: boolean;
}

// Per tenant and app. The read is an unbroken newest-first run of the app's entries of every status, so a
// person found in it has their newest entry in it: a read of failures and skips only could miss a newer success.
const appLogs = new Map<string, AppLogs>();
const appKey = (tenant: string, spId: string) => `${tenant}|${spId.toLowerCase()}`;

/** The app's newest entries, from a read at most APP_LOG_CACHE_MS old; concurrent callers share one request. */
function appNewest(gateway: GraphGateway, spId: string, now = Date.now()): Promise<Paged> {
  const key = appKey(gateway.tenant, spId);
  const ttl = gateway.reusesLogReads ? APP_LOG_CACHE_MS : 0;
  const fresh = (v: AppLogs) => !v.settled || now - v.at < ttl;
  const cached = appLogs.get(key);
  if (cached && fresh(cached)) return cached.read;
  for (const [k, v] of appLogs) if (!fresh(v)) appLogs.delete(k);
  const entry: AppLogs = { at: now, read: read(gateway, logFilter.app(spId), APP_LOG_PAGE, APP_LOG_PAGE), settled: false };
  appLogs.set(key, entry);
  entry.read.then(
    () => {
      entry.settled = true;
      if (ttl === 0 && appLogs.get(key) === entry) appLogs.delete(key);
    },
    // A failed read is not kept: the next question tries again (and reports its own error).
    () => {
      entry.settled = true;
      if (appLogs.get(key) === entry) appLogs.delete(key);
    },
  );
  return entry.read;
}

/** A remedy changed the app (a restart, provision on demand): its next question reads the logs afresh. */
export function forgetAppLogs(gateway: Pick<GraphGateway, 'tenant'>, spId: string): void {
  appLogs.delete(appKey(gateway.tenant, spId));
}

/**
 * A person's entries in one app: from the app's shared read when it holds them (or holds every entry the
 * app has), else one read of that person in that app.
 */
export async function logsForPrincipalInApp(gateway: GraphGateway, principalId: string, spId: string): Promise<ProvisioningObjectSummary[]> {
  // An admin Graph has not yet let read the logs reads them as themselves: a shared read is never a way round a role.
  if (!(await gateway.mayShareLogReads())) return principalInApp(gateway, principalId, spId);
  const shared = await appNewest(gateway, spId);
  const theirs = shared.entries.filter(ofPrincipal(principalId));
  if (theirs.length || shared.complete) return theirs;
  return principalInApp(gateway, principalId, spId);
}

/** An app's recent failures and skips. Filtering on status is not documented, so a server that refuses it
 *  gets the app's recent entries and the filtering happens here. */
export async function problemsOfApp(gateway: GraphGateway, spId: string): Promise<ProvisioningObjectSummary[]> {
  try {
    return (await read(gateway, logFilter.problemsOfApp(spId), 100, 100)).entries;
  } catch (error) {
    if (!(error instanceof BotError && error.code === 'graph-bad-request')) throw error;
    const recent = (await gateway.mayShareLogReads()) ? await appNewest(gateway, spId) : await read(gateway, logFilter.app(spId), APP_LOG_PAGE, APP_LOG_PAGE);
    return recent.entries.filter(isProblem).filter(inApp(spId)).slice(0, 100);
  }
}

// ---- a time window ---------------------------------------------------------------------------------------

/** Entries a list reads at most; past it the answer says "the newest N of at least M". */
export const WINDOW_BOUND = 1000;
const WINDOW_PAGE = 500;

export interface WindowRead {
  entries: ProvisioningObjectSummary[];
  /** Set when the window holds more than was read: how many matching entries were seen (a lower bound). */
  atLeast?: number;
  /** Set when the window holds more than was read: the oldest moment read; nothing before it is known. */
  readBackTo?: string;
}

/**
 * The entries of a time window (one app or all), filtered on the server by app, time, status and action. A
 * server that refuses the status or action filter (Graph does not document them) gets the window only, and
 * the rest is filtered here.
 */
export async function logsInWindow(gateway: GraphGateway, query: LogWindowQuery): Promise<WindowRead> {
  const keep = (e: ProvisioningObjectSummary) =>
    (!query.statuses?.length || query.statuses.some((s) => s === String(e.provisioningStatusInfo?.status ?? '').toLowerCase())) &&
    (!query.actions?.length || query.actions.some((a) => a.toLowerCase() === String(e.provisioningAction ?? '').toLowerCase()));
  let result: Paged;
  try {
    result = await read(gateway, logFilter.window(query), WINDOW_PAGE, WINDOW_BOUND + 1);
  } catch (error) {
    if (!(error instanceof BotError && error.code === 'graph-bad-request') || (!query.statuses && !query.actions)) throw error;
    result = await read(gateway, logFilter.window({ spId: query.spId, since: query.since, until: query.until }), WINDOW_PAGE, WINDOW_BOUND + 1);
  }
  const entries = result.entries.filter(keep);
  if (result.complete) return { entries };
  // Read unfiltered, the bound may be reached before any match: "none" would then be said of an unread past.
  const oldest = result.entries[result.entries.length - 1]?.activityDateTime;
  return { entries: entries.slice(0, WINDOW_BOUND), atLeast: entries.length, ...(oldest ? { readBackTo: oldest } : {}) };
}

/** An app's newest entries, whatever their outcome: one bounded read (what the alert poller's deletion check needs). */
export async function recentOfApp(gateway: GraphGateway, spId: string): Promise<ProvisioningObjectSummary[]> {
  return read(gateway, logFilter.app(spId), 100, 100).then((r) => r.entries);
}

export interface LogRead {
  entries: ProvisioningObjectSummary[];
  /** Why the logs could not be read (no licence, no permission); the diagnosis goes on without them. */
  unavailable?: string;
}

/**
 * Logs that the tenant's licence or the admin's permissions do not allow are not the end of an answer: jobs,
 * schemas and assignments still tell a lot. Other failures (outages, throttling) still fail the question.
 */
export async function readLogsIfAllowed(logs: Promise<ProvisioningObjectSummary[]>): Promise<LogRead> {
  try {
    return { entries: await logs };
  } catch (error) {
    if (!(error instanceof BotError)) throw error;
    if (error.code === 'licence-required') {
      return { entries: [], unavailable: 'the tenant has no Microsoft Entra ID P1 or P2 licence, which the provisioning logs need' };
    }
    if (error.code === 'graph-forbidden') {
      return { entries: [], unavailable: `your account may not read them (needs ${error.details.permissions}, and one of the roles ${error.details.roles})` };
    }
    throw error;
  }
}
