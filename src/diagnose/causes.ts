// The one cause table for what a provisioning log entry says happened to a user or group. Reading an entry
// (classifyEntry), naming its cause in a list (CAUSES[cause].group) and building the finding for one person
// (skipped.ts, a Record over the same causes the compiler checks) all start here, so a new cause is added once.
// Microsoft's troubleshooting guide is the source: SkipReason NotEffectivelyEntitled is written for three causes
// (not assigned, out of scope, bad assignment) that the other details tell apart.
import type { ProvisioningObjectSummary } from '../graph/types';
import { errorFamily, explainProvisioningError } from './errorCodes';
import { entryError, entryFlag, entryStatus, isRedundantExport, scopeEvaluationResult, skipReason } from './readLog';

export const ENTRY_CAUSES = [
  'provisioned',
  'deprovisioned',
  'redundant-export',
  'not-assigned',
  'role-not-provisioned',
  'scoping-filter',
  'not-effectively-entitled',
  'disabled-in-source',
  'matching-attribute-empty',
  'required-attribute-empty',
  'export-failed',
  'skipped-other',
] as const;
export type EntryCause = (typeof ENTRY_CAUSES)[number];

export interface EntryReading {
  cause: EntryCause;
  /** The entry alone cannot tell the cause apart from a neighbour: SkipReason NotEffectivelyEntitled alone (not
   *  assigned, out of scope or a bad assignment), or "User has the required role: False" (no assignment, or one
   *  without a provisioned role). The assignments and the scoping filter settle it (a single-person diagnosis has
   *  them, a list does not). */
  unclear?: boolean;
  /** The error code as written, or the skip reason. */
  code?: string;
}

interface CauseSpec {
  /** How a list of many entries names the group, in plain words ("Not assigned to the app"). */
  group(reading: EntryReading, entry: ProvisioningObjectSummary): string;
  /** A problem an admin should act on (lists and status cards count these). */
  problem: boolean;
}

const fixed = (text: string) => () => text;

export const CAUSES: Record<EntryCause, CauseSpec> = {
  provisioned: { group: fixed('Provisioned'), problem: false },
  // Unassigned, out of scope, disabled or deleted in Entra: the service disables or deletes the account.
  deprovisioned: { group: (_r, e) => (e.provisioningAction === 'disable' ? 'Disabled in the app' : e.provisioningAction === 'delete' ? 'Deleted in the app' : 'Disabled or deleted in the app'), problem: false },
  'redundant-export': { group: fixed('Already up to date'), problem: false },
  'not-assigned': { group: fixed('Not assigned to the app'), problem: true },
  // The service writes "User has the required role: False" for users without any assignment as well.
  'role-not-provisioned': { group: fixed('Not assigned, or assigned without a role the app provisions'), problem: true },
  'scoping-filter': { group: fixed('Out of scope (scoping filter)'), problem: true },
  'not-effectively-entitled': {
    group: (r) => (r.unclear ? 'Not entitled (NotEffectivelyEntitled: not assigned, out of scope or a bad assignment)' : 'Not effectively entitled (re-assign to repair)'),
    problem: true,
  },
  'disabled-in-source': { group: fixed('Disabled in Microsoft Entra ID'), problem: true },
  'matching-attribute-empty': { group: fixed('Matching attribute empty'), problem: true },
  'required-attribute-empty': { group: (_r, e) => `Required attribute empty${attributeOf(e) ? ` (${attributeOf(e)})` : ''}`, problem: true },
  'export-failed': { group: (r, e) => `${explainProvisioningError(entryError(e)).title} (${r.code ?? 'no code'})`, problem: true },
  'skipped-other': { group: (r) => `Skipped${r.code ? ` (${r.code})` : ''}`, problem: true },
};

/** A Disable, Delete or StagedDelete entry: the service removing (or preparing to remove) an account. */
export function isRemoval(entry: ProvisioningObjectSummary): boolean {
  return /^(disable|delete|stageddelete)$/i.test((entry.provisioningAction ?? '').trim());
}

function attributeOf(entry: ProvisioningObjectSummary): string | undefined {
  return explainProvisioningError(entryError(entry)).attribute;
}

function scopeFailedInLog(entry: ProvisioningObjectSummary): boolean {
  if (entryFlag(entry, 'IsInProvisioningScope') === false) return true;
  if (entryFlag(entry, 'IsInProvisioningScopeDisplayName') === false) return true;
  if (entryFlag(entry, 'Scoping filter evaluation passed') === false) return true;
  return (scopeEvaluationResult(entry) ?? []).some((l) => !l.passed);
}

function readSkip(entry: ProvisioningObjectSummary): EntryReading {
  const reason = skipReason(entry);
  const code = entryError(entry)?.errorCode?.trim() || reason;
  const reading = (cause: EntryCause, extra: Partial<EntryReading> = {}): EntryReading => ({ cause, ...(code ? { code } : {}), ...extra });
  if (isRedundantExport(entry)) return reading('redundant-export');
  if (entryFlag(entry, 'Assigned to the application') === false || entryFlag(entry, 'Assigned') === false) return reading('not-assigned');
  if (entryFlag(entry, 'User has the required role') === false) return reading('role-not-provisioned', { unclear: true });
  if (scopeFailedInLog(entry)) return reading('scoping-filter');
  if (entryFlag(entry, 'IsEffectivelyEntitledForProvisioning') === false) return reading('not-effectively-entitled');
  if (entryFlag(entry, 'IsActive') === false || entryFlag(entry, 'Active in the source system') === false) return reading('disabled-in-source');
  if (errorFamily(entryError(entry)?.errorCode) === 'importskipped') return reading('matching-attribute-empty');
  if (/^noteffectivelyentitled$/i.test(reason ?? '')) return reading('not-effectively-entitled', { unclear: true });
  return reading('skipped-other');
}

/** What one log entry says happened, from the entry alone. */
export function classifyEntry(entry: ProvisioningObjectSummary): EntryReading {
  const status = entryStatus(entry);
  if (status === 'success') return { cause: isRemoval(entry) ? 'deprovisioned' : 'provisioned' };
  const error = entryError(entry);
  if (status === 'skipped' || !error) return readSkip(entry);
  const explained = explainProvisioningError(error);
  const family = explained.family ?? '';
  const code = explained.code;
  if (family === 'mandatoryfieldsmissing' || family === 'missingvalues' || (explained.attribute && family.endsWith('serviceincompatible'))) {
    return { cause: 'required-attribute-empty', code };
  }
  if (family === 'importskipped') return { cause: 'matching-attribute-empty', code };
  return { cause: 'export-failed', code };
}

export interface CauseGroup {
  cause: EntryCause;
  /** The group's name in plain words. */
  label: string;
  entries: ProvisioningObjectSummary[];
}

/** Entries grouped by cause (export failures by their explained error), biggest group first. */
export function groupByCause(entries: ReadonlyArray<ProvisioningObjectSummary | null | undefined>): CauseGroup[] {
  const groups = new Map<string, CauseGroup>();
  for (const entry of entries) {
    if (!entry) continue;
    const reading = classifyEntry(entry);
    const label = CAUSES[reading.cause].group(reading, entry);
    const group = groups.get(label) ?? { cause: reading.cause, label, entries: [] };
    group.entries.push(entry);
    groups.set(label, group);
  }
  return [...groups.values()].sort((a, b) => b.entries.length - a.entries.length);
}
