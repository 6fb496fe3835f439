// Service principals with provisioning: Graph has no filter for "has a synchronization job", so the jobs of
// candidate service principals are read in `$batch`es (20 per request).
import type { AppEvidence } from '../domain/types';
import { GraphGateway, graphPath } from '../graph/gateway';
import { guid } from '../graph/odataText';
import type { GraphCollection, ServicePrincipal, SynchronizationJob } from '../graph/types';
import { SERVICE_PRINCIPAL_FIELDS } from './directoryFields';
import { listLeniently } from './listLeniently';

export function jobsPath(spId: string): string {
  return `/servicePrincipals/${guid(spId, 'service principal id')}/synchronization/jobs`;
}

/** Each provisioning job of the given service principals, as an app; service principals without jobs drop out. */
export async function withJobs(gateway: GraphGateway, servicePrincipals: readonly ServicePrincipal[]): Promise<AppEvidence[]> {
  const answers = await gateway.batch<GraphCollection<SynchronizationJob>>(
    servicePrincipals.map((sp) => ({ id: sp.id, method: 'GET', url: jobsPath(sp.id) })),
  );
  const apps: AppEvidence[] = [];
  for (const sp of servicePrincipals) {
    const answer = answers.get(sp.id);
    // A missing permission hides every app: say so instead of "no app found".
    if (answer && !answer.ok && answer.error.code === 'graph-forbidden') throw answer.error;
    if (!answer?.ok || !Array.isArray(answer.body?.value)) continue;
    const jobs = answer.body.value;
    for (const job of jobs) {
      const name = sp.displayName ?? sp.appId;
      apps.push({
        app: { spId: sp.id, appId: sp.appId, displayName: jobs.length > 1 ? `${name} (${job.templateId ?? job.id})` : name, jobId: job.id },
        servicePrincipal: sp,
        job,
      });
    }
  }
  return apps;
}

const cache = new WeakMap<GraphGateway, { at: number; apps: Promise<AppEvidence[]> }>();
const CACHE_MS = 60_000;

/** Every app with provisioning in the tenant (cached for a minute per gateway). */
export function listProvisioningApps(gateway: GraphGateway): Promise<AppEvidence[]> {
  const hit = cache.get(gateway);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.apps;
  const apps = listLeniently<ServicePrincipal>(gateway, '/servicePrincipals', { select: ['id', 'appId', 'displayName'] }).then((sps) =>
    withJobs(gateway, sps),
  );
  cache.set(gateway, { at: Date.now(), apps });
  apps.catch(() => cache.delete(gateway));
  return apps;
}

/** After a change to a job (a remedy), the next overview must read the jobs again. */
export function forgetProvisioningApps(gateway: GraphGateway): void {
  cache.delete(gateway);
}

export function servicePrincipalPath(spId: string): string {
  return graphPath(`/servicePrincipals/${guid(spId, 'service principal id')}`, { select: SERVICE_PRINCIPAL_FIELDS });
}
