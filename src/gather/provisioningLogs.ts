// Provisioning-log reads, always filtered on the server (a tenant holds thousands of routine entries), asked
// newest first (Graph's default order is not documented) and paged to a bound: the newest entries are the ones
// that explain what happens now. Sorted again here, since a Graph-compatible server may ignore $orderby.
import { BotError } from '../errors';
import type { GraphGateway } from '../graph/gateway';
import { logFilter, NEWEST_FIRST, PROVISIONING_LOGS_PATH } from '../graph/endpoints';
import type { ProvisioningObjectSummary } from '../graph/types';


const newestFirst = (entries: ProvisioningObjectSummary[]) =>
  [...entries].sort((a, b) => String(b.activityDateTime).localeCompare(String(a.activityDateTime)));

async function read(gateway: GraphGateway, filter: string, top: number, bound = top): Promise<ProvisioningObjectSummary[]> {
  return newestFirst(await gateway.list<ProvisioningObjectSummary>(PROVISIONING_LOGS_PATH, { filter, top, orderby: NEWEST_FIRST }, bound));
}

/** How many of a principal's newest entries one read returns. */
export const PRINCIPAL_LOG_PAGE = 50;

/** A user's or group's recent entries, in one app or across all apps. */
export function logsForPrincipal(gateway: GraphGateway, principalId: string, spId?: string): Promise<ProvisioningObjectSummary[]> {
  return read(gateway, logFilter.principal(principalId, spId), PRINCIPAL_LOG_PAGE);
}

const isProblem = (e: ProvisioningObjectSummary) => /^(failure|skipped)$/i.test(String(e.provisioningStatusInfo?.status ?? ''));

/** An app's recent failures and skips. Filtering on status is not documented, so a server that refuses it
 *  gets the app's recent entries and the filtering happens here. */
export async function problemsOfApp(gateway: GraphGateway, spId: string): Promise<ProvisioningObjectSummary[]> {
  const app = logFilter.app(spId);
  try {
    return await read(gateway, logFilter.problemsOfApp(spId), 100);
  } catch (error) {
    if (!(error instanceof BotError && error.code === 'graph-bad-request')) throw error;
    return (await read(gateway, app, 200)).filter(isProblem);
  }
}

/** An app's newest entries, whatever their outcome: one bounded read (what the alert poller's deletion check needs). */
export function recentOfApp(gateway: GraphGateway, spId: string): Promise<ProvisioningObjectSummary[]> {
  return read(gateway, logFilter.app(spId), 100);
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
