// Service principals with provisioning: Graph has no filter for "has a synchronization job", so the jobs of
// candidate service principals are read in `$batch`es (20 per request). Which service principals are
// candidates comes from the app inventory; only a scan (on a miss, in the background) reads them all.
import type { AppEvidence } from '../domain/types';
import type { BotError } from '../errors';
import type { GraphGateway } from '../graph/gateway';
import { jobsPath, SERVICE_PRINCIPALS_PATH } from '../graph/endpoints';
import type { GraphCollection, ServicePrincipal, SynchronizationJob } from '../graph/types';
import { listLeniently } from './listLeniently';

/** A service principal whose jobs could not be read: it may have provisioning, so it is never silently dropped. */
export interface UnreadableApp {
  spId: string;
  displayName: string;
  error: BotError;
}

export interface ProvisioningInventory {
  apps: AppEvidence[];
  unreadable: UnreadableApp[];
}

/** Answers that mean "this service principal has no provisioning" (or is gone), not "could not be read". */
const NO_PROVISIONING = new Set([400, 404]);

/** One app per job; a service principal with several jobs names each by its template. */
export function appsOfJobs(sp: ServicePrincipal, jobs: readonly SynchronizationJob[]): AppEvidence[] {
  const name = sp.displayName || sp.appId || sp.id;
  return jobs
    .filter((job) => typeof job?.id === 'string')
    .map((job) => ({
      app: { spId: sp.id, appId: sp.appId ?? '', displayName: jobs.length > 1 ? `${name} (${job.templateId ?? job.id})` : name, jobId: job.id },
      servicePrincipal: sp,
      job,
    }));
}

/**
 * Each provisioning job of the given service principals, as an app; service principals without jobs drop out.
 * Those whose jobs could not be read (permission, throttling, outage) are kept apart as unreadable; when none
 * could be read because of a missing permission, that is the answer.
 */
export async function withJobs(gateway: GraphGateway, servicePrincipals: readonly ServicePrincipal[]): Promise<ProvisioningInventory> {
  const answers = await gateway.batch<GraphCollection<SynchronizationJob>>(
    servicePrincipals.map((sp) => ({ id: sp.id, method: 'GET', url: jobsPath(sp.id) })),
  );
  const inventory: ProvisioningInventory = { apps: [], unreadable: [] };
  for (const sp of servicePrincipals) {
    const answer = answers.get(sp.id);
    const name = sp.displayName ?? sp.appId;
    if (!answer) continue;
    if (!answer.ok) {
      if (!NO_PROVISIONING.has(answer.status) || answer.error.code === 'graph-forbidden') inventory.unreadable.push({ spId: sp.id, displayName: name, error: answer.error });
      continue;
    }
    inventory.apps.push(...appsOfJobs(sp, Array.isArray(answer.body?.value) ? answer.body.value : []));
  }
  // Not one job readable, and a permission is why: say that instead of "no app has provisioning".
  const refused = inventory.unreadable.find((u) => u.error.code === 'graph-forbidden');
  if (refused && inventory.apps.length === 0) throw refused.error;
  return inventory;
}

/**
 * The full scan: every service principal of the tenant, then every one's jobs. O(service principals), so it
 * runs behind the app inventory (src/storage/appInventory.ts), not per question.
 */
export async function scanProvisioningApps(gateway: GraphGateway): Promise<ProvisioningInventory> {
  const sps = await listLeniently<ServicePrincipal>(gateway, SERVICE_PRINCIPALS_PATH, { select: ['id', 'appId', 'displayName'] });
  return withJobs(gateway, sps);
}

/** What the bot knows of the tenant's apps with provisioning between scans (the app inventory). */
export interface KnownApps {
  /**
   * The apps with provisioning as last seen, their job state as last read; `scanned` when this call had to
   * scan the tenant (a miss), so the states are current.
   */
  read(gateway: GraphGateway): Promise<ProvisioningInventory & { scanned: boolean }>;
  /** Jobs just read for these service principals: apps found, changed or gone. */
  observe(gateway: GraphGateway, read: readonly ServicePrincipal[], found: ProvisioningInventory): Promise<void>;
}

/**
 * Every app with provisioning in the tenant, and those that could not be read, with their current job state:
 * the known apps' jobs in `$batch`es (N/20 requests), or the full scan without an inventory.
 */
export async function readProvisioningInventory(gateway: GraphGateway, known?: KnownApps): Promise<ProvisioningInventory> {
  if (!known) return scanProvisioningApps(gateway);
  const stored = await known.read(gateway);
  if (stored.scanned) return stored;
  const sps = [...new Map([...stored.apps.map((a) => a.servicePrincipal), ...stored.unreadable.map((u) => ({ id: u.spId, appId: '', displayName: u.displayName }))].map((sp) => [sp.id, sp])).values()];
  const current = await withJobs(gateway, sps);
  await known.observe(gateway, sps, current);
  return current;
}

/** Every app with provisioning that could be read, with its current job state. */
export async function listProvisioningApps(gateway: GraphGateway, known?: KnownApps): Promise<AppEvidence[]> {
  return (await readProvisioningInventory(gateway, known)).apps;
}
