// Safe pieces of Graph URLs. User text only ever reaches a URL through these helpers.
import { BotError } from '../errors';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Job ids look like `{templateId}.{tenantId}.{appId}`: letters, digits, dots, dashes and underscores.
const JOB_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

/** A GUID for a URL segment or a filter; anything else is refused before a request is made. */
export function guid(value: unknown, what = 'id'): string {
  if (!isGuid(value)) throw new BotError('invalid-id', `The ${what} ${JSON.stringify(String(value)).slice(0, 60)} is not a valid object id.`);
  return value.toLowerCase();
}

export function isJobId(value: unknown): value is string {
  return typeof value === 'string' && JOB_ID.test(value);
}

export function jobIdSegment(value: unknown): string {
  if (!isJobId(value)) throw new BotError('invalid-id', `The provisioning job id ${JSON.stringify(String(value)).slice(0, 60)} is not valid.`);
  return encodeURIComponent(value);
}

/** An OData string literal: quotes doubled, so `' or 1 eq 1` stays text inside the literal. */
export function odataString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A `$search` term: double quotes and backslashes escaped inside the quoted phrase. */
export function searchPhrase(property: string, text: string): string {
  return `"${property}:${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
