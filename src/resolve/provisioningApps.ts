// Service principals with provisioning: Graph has no filter for "has a synchronization job", so the jobs of
// candidate service principals are read in `$batch`es (20 per request).
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
    const jobs = Array.isArray(answer.body?.value) ? answer.body.value : [];
    for (const job of jobs) {
      inventory.apps.push({
        app: { spId: sp.id, appId: sp.appId, displayName: jobs.length > 1 ? `${name} (${job.templateId ?? job.id})` : name, jobId: job.id },
        servicePrincipal: sp,
        job,
      });
    }
  }
  // Not one job readable, and a permission is why: say that instead of "no app has provisioning".
  const refused = inventory.unreadable.find((u) => u.error.code === 'graph-forbidden');
  if (refused && inventory.apps.length === 0) throw refused.error;
  return inventory;
}

const cache = new WeakMap<GraphGateway, { at: number; inventory: Promise<ProvisioningInventory> }>();
const CACHE_MS = 60_000;

/** Every app with provisioning in the tenant, and those that could not be read (cached for a minute per gateway). */
export function readProvisioningInventory(gateway: GraphGateway): Promise<ProvisioningInventory> {
  const hit = cache.get(gateway);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.inventory;
  const inventory = listLeniently<ServicePrincipal>(gateway, SERVICE_PRINCIPALS_PATH, { select: ['id', 'appId', 'displayName'] }).then((sps) =>
    withJobs(gateway, sps),
  );
  cache.set(gateway, { at: Date.now(), inventory });
  inventory.catch(() => cache.delete(gateway));
  return inventory;
}

/** Every app with provisioning that could be read. */
export async function listProvisioningApps(gateway: GraphGateway): Promise<AppEvidence[]> {
  return (await readProvisioningInventory(gateway)).apps;
}

/** After a change to a job (a remedy), the next overview must read the jobs again. */
export function forgetProvisioningApps(gateway: GraphGateway): void {
  cache.delete(gateway);
}
