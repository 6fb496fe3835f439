// Evidence for an app's history: Entra's audit log for the app (filtered on the server to its service principal
// and category ProvisioningManagement, newest first, bounded) and this bot's own records for the app. The job
// itself was read while resolving the app.
import type { BotAction, HistoryEvidence } from '../diagnose/history';
import type { AppEvidence } from '../domain/types';
import { BotError } from '../errors';
import { DIRECTORY_AUDITS_PATH, directoryAuditFilter, NEWEST_FIRST } from '../graph/endpoints';
import type { GraphGateway } from '../graph/gateway';
import type { DirectoryAudit } from '../graph/types';
import { VERB_LABELS } from '../remediation/remediate';
import type { AuditLog } from '../storage/auditLog';

/** Entries read from Entra's audit log per question: a few pages of history, not the whole month. */
export const DIRECTORY_AUDIT_BOUND = 100;
const BOT_RECORDS = 100;

async function readDirectoryAudits(gateway: GraphGateway, spId: string): Promise<{ audits: DirectoryAudit[]; note?: string; cut?: boolean }> {
  try {
    const read = await gateway.listBounded<DirectoryAudit>(
      DIRECTORY_AUDITS_PATH,
      { filter: directoryAuditFilter.provisioningOfApp(spId), orderby: NEWEST_FIRST, top: 50 },
      DIRECTORY_AUDIT_BOUND,
    );
    const audits = [...read.items].sort((a, b) => String(b.activityDateTime).localeCompare(String(a.activityDateTime)));
    const cut = Boolean(read.truncated) || audits.length >= DIRECTORY_AUDIT_BOUND;
    return { audits, ...(cut ? { note: `Only the newest ${audits.length} entries of the Entra audit log were read.`, cut } : {}) };
  } catch (error) {
    if (!(error instanceof BotError)) throw error;
    if (error.code === 'graph-forbidden') {
      return {
        audits: [],
        note: `The Entra audit log could not be read: your account needs ${error.details.permissions} and one of the roles ${error.details.roles}. Shown: this bot's records and the job's own status.`,
      };
    }
    if (error.code === 'licence-required') {
      return { audits: [], note: 'The Entra audit log could not be read: the tenant has no Microsoft Entra ID P1 or P2 licence.' };
    }
    throw error;
  }
}

export async function gatherHistory(gateway: GraphGateway, audit: AuditLog, tenantId: string, app: AppEvidence, now: Date): Promise<HistoryEvidence> {
  const [entra, records] = await Promise.all([
    readDirectoryAudits(gateway, app.app.spId),
    audit.latest(tenantId, { limit: BOT_RECORDS, targetSpId: app.app.spId }),
  ]);
  const botActions: BotAction[] = records.map((r) => ({
    at: r.at,
    who: r.actor.name,
    verb: r.verb,
    action: VERB_LABELS[r.verb as keyof typeof VERB_LABELS] ?? r.verb,
    result: r.result,
    ...(r.target.userName ? { target: r.target.userName } : {}),
  }));
  return {
    now: now.toISOString(),
    app,
    directoryAudits: entra.audits,
    ...(entra.note ? { directoryAuditsNote: entra.note } : {}),
    ...(entra.cut ? { directoryAuditsCut: true } : {}),
    botActions,
  };
}
