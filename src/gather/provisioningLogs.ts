// Provisioning-log reads, always filtered on the server (a tenant holds thousands of routine entries) and
// one page at most: the newest entries are the ones that explain what happens now.
import { BotError } from '../errors';
import type { GraphGateway } from '../graph/gateway';
import { guid } from '../graph/odataText';
import type { GraphCollection, ProvisioningObjectSummary } from '../graph/types';

const LOGS = '/auditLogs/provisioning';

const newestFirst = (entries: ProvisioningObjectSummary[]) =>
  [...entries].sort((a, b) => String(b.activityDateTime).localeCompare(String(a.activityDateTime)));

async function read(gateway: GraphGateway, filter: string, top: number): Promise<ProvisioningObjectSummary[]> {
  const page = await gateway.get<GraphCollection<ProvisioningObjectSummary>>(LOGS, { filter, top });
  return newestFirst(Array.isArray(page?.value) ? page.value : []);
}

/** How many of a principal's newest entries one read returns. */
export const PRINCIPAL_LOG_PAGE = 50;

/** A user's or group's recent entries, in one app or across all apps. */
export function logsForPrincipal(gateway: GraphGateway, principalId: string, spId?: string): Promise<ProvisioningObjectSummary[]> {
  const filter = `sourceIdentity/id eq '${guid(principalId)}'` + (spId ? ` and servicePrincipal/id eq '${guid(spId)}'` : '');
  return read(gateway, filter, PRINCIPAL_LOG_PAGE);
}

const isProblem = (e: ProvisioningObjectSummary) => /^(failure|skipped)$/i.test(String(e.provisioningStatusInfo?.status ?? ''));

/** An app's recent failures and skips. Filtering on status is not documented, so a server that refuses it
 *  gets the app's recent entries and the filtering happens here. */
export async function problemsOfApp(gateway: GraphGateway, spId: string): Promise<ProvisioningObjectSummary[]> {
  const app = `servicePrincipal/id eq '${guid(spId)}'`;
  try {
    return await read(gateway, `${app} and (provisioningStatusInfo/status eq 'failure' or provisioningStatusInfo/status eq 'skipped')`, 100);
  } catch (error) {
    if (!(error instanceof BotError && error.code === 'graph-bad-request')) throw error;
    return (await read(gateway, app, 200)).filter(isProblem);
  }
}
