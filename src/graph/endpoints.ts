// Every Microsoft Graph path and query the bot uses, built here from typed parameters. Ids are checked before
// they reach a URL, user text only enters through `odataString`/`searchPhrase`, and no other module writes a
// Graph path by hand: a new Graph call starts with a function in this file.
import { BotError } from '../errors';
import { guid, jobIdSegment, odataString } from './odataText';

export interface Query {
  filter?: string;
  search?: string;
  select?: readonly string[];
  top?: number;
  orderby?: string;
  count?: boolean;
}

/** A relative Graph path with its query string, every value percent-encoded. */
export function graphPath(path: string, query: Query = {}): string {
  const parts: string[] = [];
  const add = (key: string, value: string) => parts.push(`${key}=${encodeURIComponent(value)}`);
  if (query.filter) add('$filter', query.filter);
  if (query.search) add('$search', query.search);
  if (query.select?.length) add('$select', query.select.join(','));
  if (query.orderby) add('$orderby', query.orderby);
  if (query.top !== undefined) add('$top', String(query.top));
  if (query.count) add('$count', 'true');
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

// The directory properties the bot reads. Users carry the attributes scoping filters and mappings commonly
// use, so one read serves both resolving the name and evaluating the scope (Graph returns only a small
// default set without $select).
export const USER_FIELDS = [
  'id', 'displayName', 'givenName', 'surname', 'userPrincipalName', 'mail', 'mailNickname', 'accountEnabled',
  'department', 'jobTitle', 'country', 'city', 'state', 'companyName', 'employeeId', 'employeeType',
  'usageLocation', 'officeLocation', 'userType', 'preferredLanguage', 'mobilePhone', 'businessPhones',
  'onPremisesExtensionAttributes', 'streetAddress', 'postalCode', 'faxNumber', 'employeeHireDate',
] as const;
export const GROUP_FIELDS = ['id', 'displayName', 'mail', 'mailNickname', 'description', 'securityEnabled', 'mailEnabled'] as const;
export const SERVICE_PRINCIPAL_FIELDS = ['id', 'appId', 'displayName', 'accountEnabled', 'appRoles'] as const;

export type PrincipalKind = 'user' | 'group';
/** The job operations Graph offers as POST actions. */
export type JobAction = 'start' | 'pause' | 'restart' | 'provisionOnDemand' | 'validateCredentials';

export const BATCH_PATH = '/$batch';
export const PROVISIONING_LOGS_PATH = '/auditLogs/provisioning';
export const DIRECTORY_AUDITS_PATH = '/auditLogs/directoryAudits';
export const SERVICE_PRINCIPALS_PATH = '/servicePrincipals';
export const USERS_PATH = '/users';
export const GROUPS_PATH = '/groups';
/** Logs are asked newest first: Graph's default order is not documented. */
export const NEWEST_FIRST = 'activityDateTime desc';

// App role assignment ids are base64url strings, not GUIDs.
const ASSIGNMENT_ID = /^[A-Za-z0-9_-]{1,128}$/;
export const isAssignmentId = (id: unknown): id is string => typeof id === 'string' && ASSIGNMENT_ID.test(id);

export const servicePrincipalPath = (spId: string) => `${SERVICE_PRINCIPALS_PATH}/${guid(spId, 'service principal id')}`;
/** One service principal with the fields the bot reads, ready for a `$batch`. */
/**
 * The start of change tracking on service principals: `$deltatoken=latest` answers with no items, only the
 * `@odata.deltaLink` from which later rounds return what was created, changed or deleted since.
 */
export const servicePrincipalsDeltaStart = () => `${graphPath(`${SERVICE_PRINCIPALS_PATH}/delta`, { select: ['id', 'appId', 'displayName'] })}&$deltatoken=latest`;
export const servicePrincipalUrl = (spId: string) => graphPath(servicePrincipalPath(spId), { select: SERVICE_PRINCIPAL_FIELDS });
export const jobsPath = (spId: string) => `${servicePrincipalPath(spId)}/synchronization/jobs`;
export const jobPath = (spId: string, jobId: string) => `${jobsPath(spId)}/${jobIdSegment(jobId)}`;
export const jobActionPath = (spId: string, jobId: string, action: JobAction) => `${jobPath(spId, jobId)}/${action}`;
export const jobSchemaPath = (spId: string, jobId: string) => `${jobPath(spId, jobId)}/schema`;
export const appRoleAssignedToPath = (spId: string) => `${servicePrincipalPath(spId)}/appRoleAssignedTo`;
export function appRoleAssignmentPath(spId: string, assignmentId: string): string {
  if (!isAssignmentId(assignmentId)) throw new BotError('graph-bad-response', 'Microsoft Graph returned an assignment id I cannot use.');
  return `${appRoleAssignedToPath(spId)}/${assignmentId}`;
}
export const principalPath = (kind: PrincipalKind, id: string) => `${kind === 'user' ? USERS_PATH : GROUPS_PATH}/${guid(id, `${kind} id`)}`;
export const principalAssignmentsPath = (kind: PrincipalKind, id: string) => `${principalPath(kind, id)}/appRoleAssignments`;
export const memberOfPath = (userId: string) => `${principalPath('user', userId)}/memberOf`;
export const groupMembersPath = (groupId: string) => `${principalPath('group', groupId)}/members`;

/** What a windowed log read asks for: an app (or all), a time window, statuses and an action. */
export interface LogWindowQuery {
  spId?: string;
  /** ISO date-times: entries after `since`, before `until`. */
  since?: string;
  until?: string;
  statuses?: ReadonlyArray<'success' | 'failure' | 'skipped' | 'warning'>;
  actions?: ReadonlyArray<'create' | 'update' | 'delete' | 'disable' | 'stagedDelete' | 'other'>;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?Z$/;
/** Date-times are unquoted in OData: only a strict ISO UTC form reaches the filter. */
function dateTime(value: string): string {
  if (!ISO_DATE_TIME.test(value)) throw new BotError('invalid-input', 'That time is not one I can ask Microsoft Graph about.');
  return value;
}

/** Provisioning-log filters: always narrowed on the server (a tenant holds thousands of routine entries). */
export const logFilter = {
  principal: (principalId: string, spId?: string) =>
    `sourceIdentity/id eq ${odataString(guid(principalId))}` + (spId ? ` and servicePrincipal/id eq ${odataString(guid(spId))}` : ''),
  app: (spId: string) => `servicePrincipal/id eq ${odataString(guid(spId))}`,
  problemsOfApp: (spId: string) =>
    `${logFilter.app(spId)} and (provisioningStatusInfo/status eq 'failure' or provisioningStatusInfo/status eq 'skipped')`,
  /** Graph documents gt and lt for activityDateTime (not ge): "since" is read as strictly after. */
  window: (q: LogWindowQuery) =>
    [
      q.spId ? logFilter.app(q.spId) : '',
      q.since ? `activityDateTime gt ${dateTime(q.since)}` : '',
      q.until ? `activityDateTime lt ${dateTime(q.until)}` : '',
      q.statuses?.length ? `(${q.statuses.map((s) => `provisioningStatusInfo/status eq ${odataString(s)}`).join(' or ')})` : '',
      q.actions?.length ? `(${q.actions.map((a) => `provisioningAction eq ${odataString(a)}`).join(' or ')})` : '',
    ]
      .filter(Boolean)
      .join(' and '),
};

/** The job's settings kept as secrets (SkipOutOfScopeDeletions, SyncNotificationSettings); passwords read as "*". */
export const synchronizationSecretsPath = (spId: string) => `${servicePrincipalPath(spId)}/synchronization/secrets`;
/** Groups a user belongs to directly or through other groups. */
export const transitiveMemberOfPath = (userId: string) => `${principalPath('user', userId)}/transitiveMemberOf`;
/** Entra audit-log filters: changes to one app's provisioning (category ProvisioningManagement). */
export const directoryAuditFilter = {
  provisioningOfApp: (spId: string) =>
    `category eq 'ProvisioningManagement' and targetResources/any(t:t/id eq ${odataString(guid(spId))})`,
};
