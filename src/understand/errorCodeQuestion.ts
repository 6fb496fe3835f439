// "ZendeskMandatoryFieldsMissing what does it mean", "what's EntryExportErrorInvalidValue?", a code pasted alone:
// an error code of a provisioning log asked about by itself, not a person's failure.

/** A word of two or more capitalised parts, as logs write error codes (EntryConflict, AzureActiveDirectoryForbidden). */
const CODE = /(?<![\w@.])([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+)(?![\w@.])/g;
const PARTS = /[A-Z][a-z0-9]*/g;
const CODE_SUFFIX = /(?:Error|Errors|Failure|Failed|Exception|Missing|Conflict|Invalid\w*|Exceeded|Forbidden|Unauthorized|NotFound|Threshold|Deletes|Incompatible|Unavailable|Timeout|Value|Mismatch)$/;
/** Asking what it means ("getting X in zendesk"); a code pasted alone ("X?") asks it too. */
const ASKS_MEANING = /\b(?:mean|means|meaning|explain|what\s+is|whats|what'?s|what\s+does|why\s+do\s+i\s+get|getting|seeing|got|keep\s+getting)\b/i;

/**
 * The error code the text asks about, or undefined. `apps`: the tenant's apps, never read as a code
 * ("SharePointOnline"). A word of four or more parts counts (HybridSynchronizationActiveDirectoryInvalidGroupType),
 * or of two or three ending in an error word (EntryConflict, TooManyDeletes); "ServiceNow" does not.
 */
export function readErrorCode(text: string, apps: readonly string[] = []): string | undefined {
  const appKeys = new Set(apps.map((a) => a.replace(/\s+/g, '').toLowerCase()));
  const codes = [...text.matchAll(CODE)]
    .map((m) => m[1])
    .filter((c) => c.length >= 12 && !appKeys.has(c.toLowerCase()) && ((c.match(PARTS)?.length ?? 0) >= 4 || CODE_SUFFIX.test(c)));
  if (codes.length !== 1) return undefined;
  const rest = text.replace(codes[0], ' ').replace(/[^\p{L}\s']/gu, ' ').trim();
  // A code with an app and nothing else ("X on Zoom") is read as that app's problem, as before.
  return ASKS_MEANING.test(rest) || !rest ? codes[0] : undefined;
}
