// The demo Graph's routes: one request in, one response out, over the live tenant data. Throws GraphError
// for Graph's error answers; the server turns those into Graph-shaped bodies.
import type { ServicePrincipal } from '../graph/types';
import { collectionResponse, queryOption, selectProperties } from './collection';
import {
  addAssignment,
  assignmentsTo,
  deleteAssignment,
  findAssignment,
  findGroup,
  findServicePrincipal,
  findServicePrincipalByAppId,
  findUser,
  groupMembers,
  memberOf,
  transitiveMemberOf,
  groupAppRoleAssignments,
  userAppRoleAssignments,
} from './directory';
import { checkDirectoryAuditFilter } from './directoryAudits';
import { methodNotAllowed, NO_CONTENT, ok, segmentNotFound, type DemoRequest, type DemoResponse } from './graphHttp';
import {
  FILTER_OPERATORS,
  findJob,
  findSchema,
  jobsOf,
  pauseJob,
  provisionOnDemand,
  restartJob,
  startJob,
  validateCredentials,
} from './synchronization';
import { servicePrincipalsDelta } from './delta';
import type { DemoTenantFile } from './tenantFile';

export interface RouteContext {
  state: DemoTenantFile;
  /** `http://127.0.0.1:PORT/v1.0` */
  baseUrl: string;
  req: DemoRequest;
}

const DIRECTORY_PAGE = { pageSize: 100, maxPageSize: 999, errorCode: 'Request_BadRequest' };
// Provisioning logs come in no documented order: without `$orderby` the demo answers in the order the
// entries were recorded (oldest first), so only a caller that sends `$orderby=activityDateTime desc` gets the
// newest first. `$top` goes up to 1000 (the reports APIs' documented maximum); the default page size is not
// documented, and 50 makes a reader that does not follow `@odata.nextLink` see that it missed entries.
const LOGS_PAGE = { pageSize: 50, maxPageSize: 1000, errorCode: 'BadRequest' };

function allow(ctx: RouteContext, ...methods: string[]): string {
  const method = ctx.req.method.toUpperCase();
  if (!methods.includes(method)) throw methodNotAllowed(method);
  return method;
}

/** A collection at `segments` (as they appear in the URL), with Graph's query options applied. */
function collection(ctx: RouteContext, items: unknown[], segments: string[], page: Omit<Parameters<typeof collectionResponse>[2], 'url' | 'context'> = DIRECTORY_PAGE): DemoResponse {
  allow(ctx, 'GET');
  const relative = segments.map(encodeURIComponent).join('/');
  return collectionResponse(items, ctx.req, {
    ...page,
    url: `${ctx.baseUrl}/${relative}`,
    context: `${ctx.baseUrl}/$metadata#${segments.join('/')}`,
  });
}

function entity(ctx: RouteContext, item: unknown, context: string): DemoResponse {
  allow(ctx, 'GET');
  const selected = selectProperties(item, queryOption(ctx.req.query, '$select'));
  return ok({ '@odata.context': `${ctx.baseUrl}/$metadata#${context}/$entity`, ...(selected as object) });
}

function users(ctx: RouteContext, rest: string[]): DemoResponse {
  const { state } = ctx;
  if (rest.length === 0) return collection(ctx, state.users, ['users']);
  const user = findUser(state, rest[0]);
  if (rest.length === 1) return entity(ctx, user, 'users');
  const nav = rest[1].toLowerCase();
  if (rest.length === 2 && nav === 'approleassignments') {
    return collection(ctx, userAppRoleAssignments(state, user.id), ['users', user.id, 'appRoleAssignments']);
  }
  if (rest.length === 2 && nav === 'memberof') return collection(ctx, memberOf(state, user.id), ['users', user.id, 'memberOf']);
  if (rest.length === 2 && nav === 'transitivememberof') return collection(ctx, transitiveMemberOf(state, user.id), ['users', user.id, 'transitiveMemberOf']);
  throw segmentNotFound(rest[rest.length === 2 ? 1 : 2]);
}

function groups(ctx: RouteContext, rest: string[]): DemoResponse {
  const { state } = ctx;
  if (rest.length === 0) return collection(ctx, state.groups, ['groups']);
  const group = findGroup(state, rest[0]);
  if (rest.length === 1) return entity(ctx, group, 'groups');
  if (rest.length === 2 && rest[1].toLowerCase() === 'members') {
    return collection(ctx, groupMembers(state, group.id), ['groups', group.id, 'members']);
  }
  if (rest.length === 2 && rest[1].toLowerCase() === 'memberof') {
    return collection(ctx, memberOf(state, group.id), ['groups', group.id, 'memberOf']);
  }
  if (rest.length === 2 && rest[1].toLowerCase() === 'approleassignments') {
    return collection(ctx, groupAppRoleAssignments(state, group.id), ['groups', group.id, 'appRoleAssignments']);
  }
  throw segmentNotFound(rest[rest.length === 2 ? 1 : 2]);
}

function servicePrincipal(ctx: RouteContext, sp: ServicePrincipal, rest: string[]): DemoResponse {
  const { state, req } = ctx;
  if (rest.length === 0) return entity(ctx, sp, 'servicePrincipals');
  const nav = rest[0].toLowerCase();
  if (nav === 'approleassignedto') {
    if (rest.length === 1) {
      if (allow(ctx, 'GET', 'POST') === 'GET') {
        return collection(ctx, assignmentsTo(state, sp.id), ['servicePrincipals', sp.id, 'appRoleAssignedTo']);
      }
      return ok(addAssignment(state, sp, req.body), 201);
    }
    if (rest.length === 2) {
      if (allow(ctx, 'GET', 'DELETE') === 'GET') return entity(ctx, findAssignment(state, sp, rest[1]), 'appRoleAssignments');
      deleteAssignment(state, sp, rest[1]);
      return NO_CONTENT;
    }
  }
  if (nav === 'synchronization' && rest[1]?.toLowerCase() === 'jobs') return jobs(ctx, sp, rest.slice(2));
  if (nav === 'synchronization' && rest[1]?.toLowerCase() === 'secrets' && rest.length === 2) {
    allow(ctx, 'GET');
    // Graph answers every app's secrets with values masked; the demo stores only the settings it needs.
    const value = state.synchronizationSecrets?.[sp.id] ?? [];
    return ok({ '@odata.context': `${ctx.baseUrl}/$metadata#servicePrincipals('${sp.id}')/synchronization/secrets`, value });
  }
  throw segmentNotFound(nav === 'synchronization' ? (rest[1] ?? 'synchronization') : rest[0]);
}

function jobs(ctx: RouteContext, sp: ServicePrincipal, rest: string[]): DemoResponse {
  const { state, req } = ctx;
  const jobsPath = ['servicePrincipals', sp.id, 'synchronization', 'jobs'];
  if (rest.length === 0) return collection(ctx, jobsOf(state, sp.id), jobsPath);
  const job = findJob(state, sp, rest[0]);
  if (rest.length === 1) return entity(ctx, job, jobsPath.join('/'));
  const action = rest[1].toLowerCase();
  if (action === 'schema') {
    const schema = findSchema(state, sp, job.id);
    if (rest.length === 2) return entity(ctx, schema, `${jobsPath.join('/')}/schema`);
    if (rest.length === 3 && rest[2].toLowerCase() === 'filteroperators') {
      allow(ctx, 'GET');
      return ok({ '@odata.context': `${ctx.baseUrl}/$metadata#Collection(microsoft.graph.filterOperatorSchema)`, value: FILTER_OPERATORS });
    }
    throw segmentNotFound(rest[2]);
  }
  if (rest.length !== 2) throw segmentNotFound(rest[2]);
  switch (action) {
    case 'start':
      allow(ctx, 'POST');
      startJob(job);
      return NO_CONTENT;
    case 'pause':
      allow(ctx, 'POST');
      pauseJob(job);
      return NO_CONTENT;
    case 'restart':
      allow(ctx, 'POST');
      restartJob(job, req.body);
      return NO_CONTENT;
    case 'validatecredentials':
      allow(ctx, 'POST');
      validateCredentials(state, job.id);
      return NO_CONTENT;
    case 'provisionondemand': {
      allow(ctx, 'POST');
      const pair = provisionOnDemand(state, sp, job.id, req.body);
      return ok({ '@odata.context': `${ctx.baseUrl}/$metadata#microsoft.graph.stringKeyStringValuePair`, ...pair });
    }
    default:
      throw segmentNotFound(rest[1]);
  }
}

/** Routes one request (path after /v1.0, already percent-decoded and split by the server). */
export function route(ctx: RouteContext): DemoResponse {
  const segments = ctx.req.path.split('/').filter(Boolean);
  const [head = '', ...rest] = segments;
  const byAppId = /^servicePrincipals\(appId='((?:[^']|'')*)'\)$/i.exec(head);
  if (byAppId) return servicePrincipal(ctx, findServicePrincipalByAppId(ctx.state, byAppId[1].replace(/''/g, "'")), rest);
  switch (head.toLowerCase()) {
    case 'users':
      return users(ctx, rest);
    case 'groups':
      return groups(ctx, rest);
    case 'serviceprincipals':
      if (rest.length === 0) return collection(ctx, ctx.state.servicePrincipals, ['servicePrincipals']);
      if (rest.length === 1 && rest[0].toLowerCase() === 'delta') {
        allow(ctx, 'GET');
        return servicePrincipalsDelta(ctx.state, ctx.req.query, ctx.baseUrl);
      }
      return servicePrincipal(ctx, findServicePrincipal(ctx.state, rest[0]), rest.slice(1));
    case 'auditlogs':
      if (rest.length === 1 && rest[0].toLowerCase() === 'provisioning') {
        return collection(ctx, ctx.state.provisioningLogs, ['auditLogs', 'provisioning'], LOGS_PAGE);
      }
      if (rest.length === 1 && rest[0].toLowerCase() === 'directoryaudits') {
        checkDirectoryAuditFilter(ctx.req);
        return collection(ctx, ctx.state.directoryAudits ?? [], ['auditLogs', 'directoryAudits'], LOGS_PAGE);
      }
      throw segmentNotFound(rest[0] ?? head);
    default:
      throw segmentNotFound(head);
  }
}
