// Directory objects of the demo tenant: lookups, memberships and app role assignments, as Graph answers them.
import { randomBytes } from 'node:crypto';
import type { AppRoleAssignment, GraphGroup, GraphUser, ServicePrincipal } from '../graph/types';
import { badRequest, requireGuid, resourceNotFound } from './graphHttp';
import type { DemoTenantFile } from './tenantFile';

const sameId = (a: string | null | undefined, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();

/** A user by object id or userPrincipalName (Graph accepts both in /users/{id}). */
export function findUser(state: DemoTenantFile, idOrUpn: string): GraphUser {
  if (!idOrUpn.includes('@')) requireGuid(idOrUpn);
  const user = state.users.find((u) => sameId(u.id, idOrUpn) || sameId(u.userPrincipalName, idOrUpn));
  if (!user) throw resourceNotFound(idOrUpn);
  return user;
}

export function findGroup(state: DemoTenantFile, id: string): GraphGroup {
  requireGuid(id);
  const group = state.groups.find((g) => sameId(g.id, id));
  if (!group) throw resourceNotFound(id);
  return group;
}

export function findServicePrincipal(state: DemoTenantFile, id: string): ServicePrincipal {
  requireGuid(id);
  // The exact id first: a 5,000-app tenant is asked for thousands of them per alert poll.
  const sp = state.servicePrincipals.find((s) => s.id === id) ?? state.servicePrincipals.find((s) => sameId(s.id, id));
  if (!sp) throw resourceNotFound(id);
  return sp;
}

export function findServicePrincipalByAppId(state: DemoTenantFile, appId: string): ServicePrincipal {
  const sp = state.servicePrincipals.find((s) => sameId(s.appId, appId));
  if (!sp) throw resourceNotFound(`appId='${appId}'`);
  return sp;
}

type DirectoryObject = { '@odata.type': string; id: string; [property: string]: unknown };

/** A user, group or service principal by id, tagged with its `@odata.type` (mixed collections carry it). */
export function findDirectoryObject(state: DemoTenantFile, id: string): DirectoryObject | undefined {
  const user = state.users.find((u) => sameId(u.id, id));
  if (user) return { '@odata.type': '#microsoft.graph.user', ...user };
  const group = state.groups.find((g) => sameId(g.id, id));
  if (group) return { '@odata.type': '#microsoft.graph.group', ...group };
  const sp = state.servicePrincipals.find((s) => sameId(s.id, id));
  if (sp) return { '@odata.type': '#microsoft.graph.servicePrincipal', ...sp };
  return undefined;
}

/** Groups the object is a direct member of (no nesting: Graph's memberOf is direct too). */
export function directGroupIds(state: DemoTenantFile, memberId: string): string[] {
  return Object.entries(state.groupMembers)
    .filter(([, members]) => members.some((m) => sameId(m, memberId)))
    .map(([groupId]) => groupId);
}

export function memberOf(state: DemoTenantFile, memberId: string): DirectoryObject[] {
  return directGroupIds(state, memberId)
    .map((id) => findDirectoryObject(state, id))
    .filter((o): o is DirectoryObject => o !== undefined);
}

/** Groups the object belongs to directly or through nested groups (Graph's transitiveMemberOf). */
export function transitiveMemberOf(state: DemoTenantFile, memberId: string): DirectoryObject[] {
  const seen = new Set<string>();
  const queue = directGroupIds(state, memberId);
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id.toLowerCase())) continue;
    seen.add(id.toLowerCase());
    queue.push(...directGroupIds(state, id));
  }
  return [...seen].map((id) => findDirectoryObject(state, id)).filter((o): o is DirectoryObject => o !== undefined);
}

export function groupMembers(state: DemoTenantFile, groupId: string): DirectoryObject[] {
  const key = Object.keys(state.groupMembers).find((k) => sameId(k, groupId));
  return (key ? state.groupMembers[key] : [])
    .map((id) => findDirectoryObject(state, id))
    .filter((o): o is DirectoryObject => o !== undefined);
}

/**
 * A user's app role assignments: direct ones plus those of groups the user is a direct member of, as
 * /users/{id}/appRoleAssignments documents (assignments don't cascade to nested groups).
 */
export function userAppRoleAssignments(state: DemoTenantFile, userId: string): AppRoleAssignment[] {
  const principals = [userId, ...directGroupIds(state, userId)];
  return state.appRoleAssignments.filter((a) => principals.some((p) => sameId(a.principalId, p)));
}

/** A group's own app role assignments (what /groups/{id}/appRoleAssignments lists). */
export function groupAppRoleAssignments(state: DemoTenantFile, groupId: string): AppRoleAssignment[] {
  return state.appRoleAssignments.filter((a) => sameId(a.principalId, groupId));
}

export function assignmentsTo(state: DemoTenantFile, spId: string): AppRoleAssignment[] {
  return state.appRoleAssignments.filter((a) => sameId(a.resourceId, spId));
}

/** Graph's assignment ids are 43-character base64url strings, not GUIDs. */
function newAssignmentId(): string {
  return randomBytes(32).toString('base64url').slice(0, 43);
}

const DEFAULT_ACCESS_ROLE = '00000000-0000-0000-0000-000000000000';

/** POST /servicePrincipals/{id}/appRoleAssignedTo: validates like Graph and stores the new assignment. */
export function addAssignment(state: DemoTenantFile, sp: ServicePrincipal, body: unknown): AppRoleAssignment {
  const fields = (body ?? {}) as Record<string, unknown>;
  const principalId = requireGuid(fields.principalId);
  const appRoleId = requireGuid(fields.appRoleId);
  const resourceId = fields.resourceId;
  if (resourceId !== undefined && !sameId(String(resourceId), sp.id)) {
    throw badRequest(`The resourceId '${String(resourceId)}' does not match the service principal '${sp.id}'.`);
  }
  const principal = findDirectoryObject(state, principalId);
  if (!principal) throw badRequest(`Principal '${principalId}' does not exist or is not a user, group or service principal.`);
  const roles = sp.appRoles ?? [];
  const known = roles.some((r) => sameId(r.id, appRoleId) && r.isEnabled !== false);
  const defaultAccess = sameId(appRoleId, DEFAULT_ACCESS_ROLE) && roles.length === 0;
  if (!known && !defaultAccess) throw badRequest(`Permission being assigned was not found on application '${sp.appId}'.`);
  const duplicate = state.appRoleAssignments.some(
    (a) => sameId(a.principalId, principalId) && sameId(a.resourceId, sp.id) && sameId(a.appRoleId, appRoleId),
  );
  if (duplicate) throw badRequest('Permission being assigned already exists on the object');

  const assignment: AppRoleAssignment = {
    id: newAssignmentId(),
    appRoleId,
    createdDateTime: new Date().toISOString(),
    deletedDateTime: null,
    principalDisplayName: (principal.displayName as string | null | undefined) ?? null,
    principalId: principal.id,
    principalType: principal['@odata.type'].replace('#microsoft.graph.', '').replace(/^./, (c) => c.toUpperCase()),
    resourceDisplayName: sp.displayName ?? null,
    resourceId: sp.id,
  };
  state.appRoleAssignments.push(assignment);
  return assignment;
}

export function findAssignment(state: DemoTenantFile, sp: ServicePrincipal, assignmentId: string): AppRoleAssignment {
  const assignment = assignmentsTo(state, sp.id).find((a) => a.id === assignmentId);
  if (!assignment) throw resourceNotFound(assignmentId);
  return assignment;
}

export function deleteAssignment(state: DemoTenantFile, sp: ServicePrincipal, assignmentId: string): void {
  const assignment = findAssignment(state, sp, assignmentId);
  state.appRoleAssignments = state.appRoleAssignments.filter((a) => a !== assignment);
}
