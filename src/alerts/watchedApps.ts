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
  /** Where the next delta round starts; absent when Graph refused change tracking (discovery still runs hourly). */
  deltaLink?: string;
}

const discovered = new WeakMap<GraphGateway, Discovered>();

type DeltaItem = ServicePrincipal & { '@removed'?: unknown };

/** One delta round, or undefined when Graph cannot track changes now (an expired token, no permission). */
async function changedServicePrincipals(gateway: GraphGateway, from: string): Promise<{ items: DeltaItem[]; deltaLink: string } | undefined> {
  try {
    return await gateway.delta<DeltaItem>(from);
  } catch {
    return undefined;
  }
}

const deltaLinks = new WeakMap<GraphGateway, string>();

/** Service principals added or changed since the previous call (none on the first, which starts tracking). */
async function changedSinceLastCycle(gateway: GraphGateway): Promise<ServicePrincipal[]> {
  const delta = await changedServicePrincipals(gateway, deltaLinks.get(gateway) ?? servicePrincipalsDeltaStart());
  if (!delta) {
    deltaLinks.delete(gateway);
    return [];
  }
  deltaLinks.set(gateway, delta.deltaLink);
  return delta.items.filter((i) => !i['@removed'] && typeof i.id === 'string');
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

  if (watch.all && known) {
    // The app inventory says which service principals have provisioning (scanning only on a miss).
    const stored = await known.read(gateway);
    for (const sp of [...stored.apps.map((a) => a.servicePrincipal), ...stored.unreadable.map((u) => ({ id: u.spId, appId: '', displayName: u.displayName }))]) {
      sps.set(sp.id, sp);
      if (stored.scanned) result.observed.add(sp.id);
      else jobsToRead.add(sp.id);
    }
    if (stored.scanned) result.apps.push(...stored.apps);
    // Service principals created or changed since the last cycle: their jobs are read now, so an app set up
    // for provisioning meanwhile is watched (and joins the inventory) within a cycle, not at the next rescan.
    for (const sp of await changedSinceLastCycle(gateway)) {
      if (sps.has(sp.id)) continue;
      sps.set(sp.id, sp);
      jobsToRead.add(sp.id);
    }
  } else if (watch.all) {
    const cached = discovered.get(gateway);
    if (cached && now.getTime() - cached.at < discoveryIntervalMs) {
      const delta = cached.deltaLink ? await changedServicePrincipals(gateway, cached.deltaLink) : undefined;
      const removed = new Set((delta?.items ?? []).filter((i) => i['@removed']).map((i) => i.id));
      cached.servicePrincipals = cached.servicePrincipals.filter((sp) => !removed.has(sp.id));
      cached.deltaLink = delta?.deltaLink;
      for (const sp of cached.servicePrincipals) {
        sps.set(sp.id, sp);
        jobsToRead.add(sp.id);
      }
      for (const sp of delta?.items ?? []) {
        if (sp['@removed'] || typeof sp.id !== 'string' || sps.has(sp.id)) continue;
        sps.set(sp.id, sp);
        jobsToRead.add(sp.id);
        candidates.add(sp.id);
      }
    } else {
      // Discovery reads every job anyway: those answers are this cycle's observation.
      const apps = await listProvisioningApps(gateway);
      const servicePrincipals = [...new Map(apps.map((a) => [a.servicePrincipal.id, a.servicePrincipal])).values()];
      const deltaLink = (await changedServicePrincipals(gateway, servicePrincipalsDeltaStart()))?.deltaLink;
      discovered.set(gateway, { at: now.getTime(), servicePrincipals, ...(deltaLink ? { deltaLink } : {}) });
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
  // The cycle's job reads keep the inventory current: apps gone are dropped, states refreshed.
  const readSps = [...jobsToRead].filter((spId) => result.observed.has(spId) && sps.has(spId)).map((spId) => sps.get(spId)!);
  await known?.observe(gateway, readSps, { apps: result.apps.filter((a) => readSps.some((sp) => sp.id === a.app.spId)), unreadable: [] });
  return result;
}

/** A path for a stored id, or undefined when the id is not a GUID (a damaged subscription must not stop the cycle). */
function safePath(build: () => string): string | undefined {
  try {
    return build();
  } catch {
    return undefined;
  }
}
