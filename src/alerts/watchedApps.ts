// Reads the jobs of the watched apps for one poll cycle, all in one `gateway.batch` call (20 per `$batch`), and
// says which service principals were actually read: an app whose read failed is unknown this cycle, so its
// open incidents must neither be resolved nor re-posted.
//
// Watching 'all' needs to know which of the tenant's service principals have provisioning. Graph has no filter
// for that, so discovery (list every service principal, then read every one's jobs) runs once an hour; the
// cycles in between read only the jobs of the apps found, so N apps cost about N/20 requests per cycle, plus
// one `servicePrincipals/delta` round: a service principal created or changed since the last cycle has its
// jobs read in the same `$batch`, so an app newly set up for provisioning is watched from the next cycle on.
import type { AppEvidence } from '../domain/types';
import type { BatchRequest, GraphGateway } from '../graph/gateway';
import type { GraphCollection, ServicePrincipal, SynchronizationJob } from '../graph/types';
import { appsOfJobs, listProvisioningApps, type KnownApps } from '../resolve/provisioningApps';
import { jobsPath, servicePrincipalsDeltaStart, servicePrincipalUrl } from '../graph/endpoints';

export interface WatchRequest {
  /** Some conversation watches every app with provisioning. */
  all: boolean;
  /** Apps watched by id (explicit subscriptions, apps with open incidents): spId → name to show. */
  apps: Map<string, string>;
}

export interface WatchedApps {
  /** One entry per job of every app read. */
  apps: AppEvidence[];
  /** Service principals read successfully this cycle (with or without jobs). */
  observed: Set<string>;
  /** Service principals whose read failed. */
  unread: number;
}

export const DISCOVERY_INTERVAL_MS = 60 * 60_000;

interface Discovered {
  at: number;
  servicePrincipals: ServicePrincipal[];
}

const discovered = new WeakMap<GraphGateway, Discovered>();

type DeltaItem = ServicePrincipal & { '@removed'?: unknown };

/** Per gateway: where the next `servicePrincipals/delta` round starts, or until when Graph refused tracking. */
const tracking = new WeakMap<GraphGateway, { deltaLink?: string; pausedUntil?: number }>();

/**
 * Service principals added or changed, and those removed, since the previous round (none on the first, which
 * starts tracking). When Graph cannot track changes (an expired token, no permission), none, and no round is
 * tried again for a discovery interval: the hourly discovery (or the inventory's rescan) catches up meanwhile.
 */
async function changesSinceLastRound(gateway: GraphGateway, now: Date): Promise<{ changed: ServicePrincipal[]; removed: Set<string> }> {
  const state = tracking.get(gateway);
  const none = { changed: [], removed: new Set<string>() };
  if (state?.pausedUntil && now.getTime() < state.pausedUntil) return none;
  let round: { items: DeltaItem[]; deltaLink: string };
  try {
    round = await gateway.delta<DeltaItem>(state?.deltaLink ?? servicePrincipalsDeltaStart());
  } catch {
    tracking.set(gateway, { pausedUntil: now.getTime() + DISCOVERY_INTERVAL_MS });
    return none;
  }
  tracking.set(gateway, { deltaLink: round.deltaLink });
  const items = round.items.filter((i) => typeof i.id === 'string');
  return { changed: items.filter((i) => !i['@removed']), removed: new Set(items.filter((i) => i['@removed']).map((i) => i.id)) };
}

export async function readWatchedApps(
  gateway: GraphGateway,
  watch: WatchRequest,
  now: Date,
  discoveryIntervalMs = DISCOVERY_INTERVAL_MS,
  known?: KnownApps,
): Promise<WatchedApps> {
  const result: WatchedApps = { apps: [], observed: new Set(), unread: 0 };
  const sps = new Map<string, ServicePrincipal>();
  const jobsToRead = new Set<string>();
  // Service principals the delta round named: watched from now on if they turn out to have provisioning.
  const candidates = new Set<string>();
  // The inventory's job ids per service principal ('?' when unreadable), to tell it only what changes its list.
  const inventoried = new Map<string, string>();

  if (watch.all && known) {
    // The app inventory says which service principals have provisioning (scanning only on a miss).
    const stored = await known.read(gateway);
    for (const sp of [...stored.apps.map((a) => a.servicePrincipal), ...stored.unreadable.map((u) => ({ id: u.spId, appId: '', displayName: u.displayName }))]) {
      sps.set(sp.id, sp);
      if (stored.scanned) result.observed.add(sp.id);
      else jobsToRead.add(sp.id);
    }
    if (stored.scanned) result.apps.push(...stored.apps);
    else for (const [spId, jobs] of jobIdsBySp(stored.apps)) inventoried.set(spId, jobs);
    for (const u of stored.unreadable) inventoried.set(u.spId, '?');
    // Service principals created or changed since the last cycle: their jobs are read now, so an app set up
    // for provisioning meanwhile is watched (and joins the inventory) within a cycle, not at the next rescan.
    for (const sp of (await changesSinceLastRound(gateway, now)).changed) {
      if (sps.has(sp.id)) continue;
      sps.set(sp.id, sp);
      jobsToRead.add(sp.id);
    }
  } else if (watch.all) {
    const cached = discovered.get(gateway);
    if (cached && now.getTime() - cached.at < discoveryIntervalMs) {
      const { changed, removed } = await changesSinceLastRound(gateway, now);
      cached.servicePrincipals = cached.servicePrincipals.filter((sp) => !removed.has(sp.id));
      for (const sp of cached.servicePrincipals) {
        sps.set(sp.id, sp);
        jobsToRead.add(sp.id);
      }
      for (const sp of changed) {
        if (sps.has(sp.id)) continue;
        sps.set(sp.id, sp);
        jobsToRead.add(sp.id);
        candidates.add(sp.id);
      }
    } else {
      // Discovery reads every job anyway: those answers are this cycle's observation.
      const apps = await listProvisioningApps(gateway);
      const servicePrincipals = [...new Map(apps.map((a) => [a.servicePrincipal.id, a.servicePrincipal])).values()];
      // Discovery has just read everything: changes are tracked from now on.
      tracking.delete(gateway);
      await changesSinceLastRound(gateway, now);
      discovered.set(gateway, { at: now.getTime(), servicePrincipals });
      for (const sp of servicePrincipals) {
        sps.set(sp.id, sp);
        result.observed.add(sp.id);
      }
      result.apps.push(...apps);
    }
  }

  const identities = new Map<string, string>();
  for (const [spId, name] of watch.apps) {
    if (result.observed.has(spId)) continue;
    jobsToRead.add(spId);
    if (!sps.has(spId)) identities.set(spId, name);
  }

  const requests: BatchRequest[] = [];
  for (const spId of jobsToRead) {
    const jobs = safePath(() => jobsPath(spId));
    if (!jobs) {
      result.unread++;
      continue;
    }
    requests.push({ id: `jobs:${spId}`, method: 'GET', url: jobs });
    // An app watched by id but not discovered: its appId (for portal links) and current name come along.
    if (identities.has(spId)) requests.push({ id: `sp:${spId}`, method: 'GET', url: servicePrincipalUrl(spId) });
  }
  if (requests.length === 0) return result;

  const answers = await gateway.batch<unknown>(requests);
  for (const spId of jobsToRead) {
    const jobs = answers.get(`jobs:${spId}`);
    if (!jobs) continue;
    // Not found: the app (or its provisioning) is gone, which is an observation too: its incidents are over.
    if (!jobs.ok && jobs.status !== 404) {
      result.unread++;
      continue;
    }
    result.observed.add(spId);
    const value = jobs.ok ? (jobs.body as GraphCollection<SynchronizationJob> | undefined)?.value : [];
    if (!Array.isArray(value)) continue;
    if (candidates.has(spId) && value.length > 0) discovered.get(gateway)?.servicePrincipals.push(sps.get(spId)!);
    const spAnswer = answers.get(`sp:${spId}`);
    const sp: ServicePrincipal =
      sps.get(spId) ??
      (spAnswer?.ok ? (spAnswer.body as ServicePrincipal) : { id: spId, appId: '', displayName: identities.get(spId) ?? spId });
    result.apps.push(...appsOfJobs(sp, value));
  }
  const readSps = [...jobsToRead].filter((spId) => result.observed.has(spId) && sps.has(spId)).map((spId) => sps.get(spId)!);
  if (known) await tellInventory(known, gateway, inventoried, readSps, result.apps);
  return result;
}

/** Each service principal's job ids as read (Graph lists them in a stable order; another order costs one needless update). */
function jobIdsBySp(apps: readonly AppEvidence[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const a of apps) {
    const earlier = ids.get(a.app.spId);
    ids.set(a.app.spId, earlier === undefined ? a.app.jobId : `${earlier}\n${a.app.jobId}`);
  }
  return ids;
}

/**
 * The cycle's job reads keep the inventory's list current: an app found (by the delta round), gone, or read
 * again after being unreadable, a job added or removed. Job states are not told: no answer shows a stored state
 * (each reads the jobs again), and telling them made every cycle read the whole stored list and serialise it
 * twice to compare, for 5,000 apps some 80 MiB of garbage. A cycle with nothing to tell leaves the list alone.
 */
async function tellInventory(known: KnownApps, gateway: GraphGateway, inventoried: Map<string, string>, read: ServicePrincipal[], apps: AppEvidence[]): Promise<void> {
  const now = jobIdsBySp(apps);
  const changed = read.filter((sp) => (inventoried.get(sp.id) ?? '') !== (now.get(sp.id) ?? ''));
  if (changed.length === 0) return;
  const ids = new Set(changed.map((sp) => sp.id));
  await known.observe(gateway, changed, { apps: apps.filter((a) => ids.has(a.app.spId)), unreadable: [] });
}

/** A path for a stored id, or undefined when the id is not a GUID (a damaged subscription must not stop the cycle). */
function safePath(build: () => string): string | undefined {
  try {
    return build();
  } catch {
    return undefined;
  }
}
