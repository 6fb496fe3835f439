// Reading one provisioningObjectSummary (a provisioning log entry). Casing and spelling vary across
// surfaces ("Skipped" vs "skipped", "IsInProvisioningScope" vs "Is in provisioning scope"), so every
// comparison here ignores case, and detail keys also ignore spaces.
import type { ProvisioningErrorInfo, ProvisioningObjectSummary, ProvisioningStep } from '../graph/types';

export type EntryStatus = 'success' | 'failure' | 'skipped' | 'warning' | 'unknown';

export function entryStatus(entry: ProvisioningObjectSummary | null | undefined): EntryStatus {
  const status = String(entry?.provisioningStatusInfo?.status ?? '').trim().toLowerCase();
  return status === 'success' || status === 'failure' || status === 'skipped' || status === 'warning' ? status : 'unknown';
}

function steps(entry: ProvisioningObjectSummary | null | undefined): ProvisioningStep[] {
  return Array.isArray(entry?.provisioningSteps) ? entry.provisioningSteps.filter((s): s is ProvisioningStep => !!s) : [];
}

const same = (a: string | null | undefined, b: string) => (a ?? '').trim().toLowerCase() === b.toLowerCase();

/** The step that says why the entry was skipped: `EntrySynchronizationSkip`, or any step with status skipped. */
export function skipStep(entry: ProvisioningObjectSummary | null | undefined): ProvisioningStep | undefined {
  const all = steps(entry);
  return all.find((s) => same(s.name, 'EntrySynchronizationSkip')) ?? all.find((s) => same(s.status, 'skipped'));
}

/** The first step that failed (usually the export to the target). */
export function failedStep(entry: ProvisioningObjectSummary | null | undefined): ProvisioningStep | undefined {
  return steps(entry).find((s) => same(s.status, 'failure') || same(s.status, 'failed'));
}

const normalizeKey = (key: string) => key.replace(/\s+/g, '').toLowerCase();

/** A detail of a step, the key compared ignoring case and spaces. */
export function stepDetail(step: ProvisioningStep | null | undefined, key: string): string | undefined {
  const details = step?.details;
  if (!details || typeof details !== 'object') return undefined;
  const wanted = normalizeKey(key);
  const found = Object.keys(details).find((k) => normalizeKey(k) === wanted);
  const value = found === undefined ? undefined : details[found];
  return typeof value === 'string' ? value : value === undefined || value === null ? undefined : String(value);
}

/** A detail from the skip step first, then from any other step (scoping keys live in the scoping step). */
export function entryDetail(entry: ProvisioningObjectSummary | null | undefined, key: string): string | undefined {
  const skip = skipStep(entry);
  const fromSkip = stepDetail(skip, key);
  if (fromSkip !== undefined) return fromSkip;
  for (const step of steps(entry)) {
    const value = stepDetail(step, key);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** "True"/"False" details as booleans; undefined when absent or something else. */
export function entryFlag(entry: ProvisioningObjectSummary | null | undefined, key: string): boolean | undefined {
  const value = entryDetail(entry, key)?.trim().toLowerCase();
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

export interface LoggedClause {
  /** The filter group's name, when the key carries one ("Sales only"). */
  group?: string;
  /** The clause as written: "department EQUALS 'Sales'". */
  clause: string;
  passed: boolean;
}

// "Sales only.department EQUALS 'Sales'": the group name, a dot, then an attribute name and a space. Lazy, so
// the first dot that is followed by a clause splits it (values may hold dots: "mail ENDS_WITH '@x.com'").
const GROUP_AND_CLAUSE = /^(?:(.*?)\.)?([A-Za-z][\w-]*\s+\S.*)$/s;

/**
 * The `ScopeEvaluationResult` detail: a JSON string mapping "group.clause" to true/false. Returns null when it
 * is absent or not understandable (never throws).
 */
export function scopeEvaluationResult(entry: ProvisioningObjectSummary | null | undefined): LoggedClause[] | null {
  const raw = entryDetail(entry, 'ScopeEvaluationResult');
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const clauses: LoggedClause[] = [];
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const passed = value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
    const match = GROUP_AND_CLAUSE.exec(key.trim());
    if (match?.[1]) clauses.push({ group: match[1], clause: match[2], passed });
    else clauses.push({ clause: key.trim(), passed });
  }
  return clauses.length ? clauses : null;
}

/** The entry's error, or null when it carries none. */
export function entryError(entry: ProvisioningObjectSummary | null | undefined): ProvisioningErrorInfo | null {
  const info = entry?.provisioningStatusInfo?.errorInformation;
  if (!info || (!info.errorCode && !info.reason)) return null;
  return info;
}

/** The skip reason (`SkipReason` detail), e.g. NotEffectivelyEntitled, RedundantExport. */
export function skipReason(entry: ProvisioningObjectSummary | null | undefined): string | undefined {
  return entryDetail(entry, 'SkipReason')?.trim() || undefined;
}

/** Both sides already match, so nothing was sent: the service writes RedundantExport for that. */
export function isRedundantExport(entry: ProvisioningObjectSummary | null | undefined): boolean {
  if (same(skipReason(entry), 'RedundantExport')) return true;
  if (same(entryError(entry)?.errorCode, 'RedundantExport')) return true;
  return steps(entry).some((s) => /redundantexport/i.test(`${s.description ?? ''} ${s.name ?? ''}`));
}

/** The human description of the skip or failure, as the service wrote it. */
export function entryDescription(entry: ProvisioningObjectSummary | null | undefined): string | undefined {
  return (skipStep(entry) ?? failedStep(entry))?.description?.trim() || undefined;
}
