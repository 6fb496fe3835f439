// Evidence for "why was X skipped?": the principal's recent log entries and assignments (in parallel), then
// the apps concerned with their jobs and schemas (one `$batch`). With the app inventory, the likely apps are
// read ahead while the principal is still being found (`readAppsAhead`), and the attributes their scoping
// filters need with the logs: two round trips, counting the one that found the principal.
import type { AppEvidence, NestedGroupAssignment, PrincipalRef, PrincipalTopicEvidence } from '../domain/types';
import { objectMappingFor } from '../diagnose/mappings';
import { graphSelectFor, REFUSED_PROPERTIES } from '../diagnose/sourceAttributes';
import type { GraphGateway } from '../graph/gateway';
import { BotError } from '../errors';
import { isGuid } from '../graph/odataText';
import { noteRefused, refusedLately } from '../graph/refusedProperties';
import { jobSchemaPath, jobsPath, memberOfPath, appRoleAssignedToPath, principalAssignmentsPath, principalPath, servicePrincipalUrl, transitiveMemberOfPath, USER_FIELDS } from '../graph/endpoints';
import type { AppRoleAssignment, GraphCollection, ProvisioningObjectSummary, ServicePrincipal, SynchronizationJob, SynchronizationSchema } from '../graph/types';
import type { PrincipalMatch } from '../resolve/findPrincipal';
import { listProvisioningApps } from '../resolve/provisioningApps';
import { logsForPrincipal, logsForPrincipalInApp, readLogsIfAllowed } from './provisioningLogs';
import { keepSchema, reusedSchema } from './schemaReads';

/** More apps than this are rare for one person; the newest activity comes first. */
const MAX_APPS = 10;

/** Service principals to look at: from the newest log entries first, then from assignments. */
function appsConcerned(logs: ProvisioningObjectSummary[], assignments: AppRoleAssignment[]): string[] {
  const ids = [...logs.map((e) => e.servicePrincipal?.id), ...assignments.map((a) => a.resourceId)];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)))].slice(0, MAX_APPS);
}

/**
 * Apps read ahead for a question that names no app (a schema each, in two `$batch`es sent together): tenants
 * provision a handful to a dozen apps. With more, the apps concerned are read once the person's logs name them
 * (one round trip more).
 */
export const MAX_APPS_AHEAD = 12;

/** The apps' service principals, current jobs and schemas (one `$batch`): read before it is known which concern the person. */
export async function readAppsAhead(gateway: GraphGateway, candidates: readonly AppEvidence[]): Promise<AppEvidence[]> {
  const ids = new Map(candidates.map((c) => [c.app.spId, c.app.jobId]));
  return readApps(gateway, [...ids.keys()], ids, undefined);
}

async function readApps(
  gateway: GraphGateway,
  spIds: string[],
  jobIdsSeen: Map<string, string>,
  focus: AppEvidence | undefined,
  ahead: readonly AppEvidence[] = [],
): Promise<AppEvidence[]> {
  const early = new Map(ahead.filter((a) => a.schema && (!jobIdsSeen.has(a.app.spId) || jobIdsSeen.get(a.app.spId) === a.app.jobId)).map((a) => [a.app.spId, a]));
  if (focus && early.has(focus.app.spId)) return [{ ...focus, schema: early.get(focus.app.spId)!.schema }];
  // The focus app's jobs were read while resolving its name, so a schema read lately may serve.
  const focusSchema = focus && reusedSchema(gateway, focus.app.spId, focus.app.jobId);
  if (focus && focusSchema) return [{ ...focus, schema: focusSchema }];
  const reused = (spId: string) => (jobIdsSeen.has(spId) ? reusedSchema(gateway, spId, jobIdsSeen.get(spId)!) : undefined);
  const readEarly = focus ? [] : spIds.filter((spId) => early.has(spId)).map((spId) => early.get(spId)!);
  spIds = spIds.filter((spId) => !early.has(spId));
  if (!focus && !spIds.length) return readEarly;
  // The focus app was read while resolving its name: only its schema is missing.
  const requests = focus
    ? [{ id: `schema:${focus.app.spId}`, method: 'GET' as const, url: jobSchemaPath(focus.app.spId, focus.app.jobId) }]
    : spIds.flatMap((spId) => [
        { id: `sp:${spId}`, method: 'GET' as const, url: servicePrincipalUrl(spId) },
        { id: `jobs:${spId}`, method: 'GET' as const, url: jobsPath(spId) },
        ...(jobIdsSeen.has(spId) && !reused(spId) ? [{ id: `schema:${spId}`, method: 'GET' as const, url: jobSchemaPath(spId, jobIdsSeen.get(spId)!) }] : []),
      ]);
  const answers = await gateway.batch(requests);

  const apps: AppEvidence[] = [...readEarly];
  const refused = new Set<string>();
  if (focus) {
    const schema = answers.get(`schema:${focus.app.spId}`);
    apps.push({ ...focus, schema: schema?.ok ? keepSchema(gateway, focus.app.spId, focus.app.jobId, schema.body as SynchronizationSchema) : undefined });
  }
  for (const spId of focus ? [] : spIds) {
    const sp = answers.get(`sp:${spId}`);
    const jobs = answers.get(`jobs:${spId}`);
    // A deleted app or one without provisioning is not a cause; a missing permission is reported.
    for (const answer of [sp, jobs]) if (answer && !answer.ok && answer.error.code === 'graph-forbidden') throw answer.error;
    if (!sp?.ok || !jobs?.ok) continue;
    const servicePrincipal = sp.body as ServicePrincipal;
    const jobList = (jobs.body as GraphCollection<SynchronizationJob>)?.value ?? [];
    const job = jobList.find((j) => j.id === jobIdsSeen.get(spId)) ?? jobList[0];
    if (!job) continue;
    const schema = answers.get(`schema:${spId}`);
    const current = job.id === jobIdsSeen.get(spId);
    apps.push({
      app: { spId, appId: servicePrincipal.appId, displayName: servicePrincipal.displayName ?? servicePrincipal.appId, jobId: job.id },
      servicePrincipal,
      job,
      // Another question's schema stands in only for one not asked for: a read Graph refused this admin stays refused.
      schema: !current ? undefined : schema ? (schema.ok ? keepSchema(gateway, spId, job.id, schema.body as SynchronizationSchema) : undefined) : reused(spId),
    });
    if (schema && !schema.ok) refused.add(spId);
  }
  await readMissingSchemas(gateway, apps, refused);
  return apps;
}

/** Schemas of jobs that no log entry named (assignments only): one more `$batch`, only when needed. */
async function readMissingSchemas(gateway: GraphGateway, apps: AppEvidence[], refused: ReadonlySet<string>): Promise<void> {
  for (const app of apps) if (!refused.has(app.app.spId)) app.schema ??= reusedSchema(gateway, app.app.spId, app.app.jobId);
  const missing = apps.filter((a) => !a.schema);
  if (!missing.length) return;
  const answers = await gateway.batch(missing.map((a) => ({ id: a.app.spId, method: 'GET' as const, url: jobSchemaPath(a.app.spId, a.app.jobId) })));
  for (const app of missing) {
    const answer = answers.get(app.app.spId);
    if (answer?.ok) app.schema = keepSchema(gateway, app.app.spId, app.app.jobId, answer.body as SynchronizationSchema);
  }
}

/** Per schema (shared schemas are frozen and kept a minute): the user properties its scoping filters read. */
const scopeReads = new WeakMap<SynchronizationSchema, string[]>();

/** The user properties beyond USER_FIELDS that these schemas' scoping filters read (extension attributes…). */
const USUAL = new Set<string>(USER_FIELDS);

export function scopeAttributes(schemas: ReadonlyArray<SynchronizationSchema | undefined>): string[] {
  const extra = new Set<string>();
  for (const schema of schemas) {
    if (!schema) continue;
    let reads = scopeReads.get(schema);
    if (!reads) {
      const names = (objectMappingFor(schema, 'User')?.scope?.groups ?? []).flatMap((g) => (g?.clauses ?? []).map((c) => c?.sourceOperandName));
      reads = graphSelectFor(names);
      if (Object.isFrozen(schema)) scopeReads.set(schema, reads);
    }
    for (const p of reads) if (!USUAL.has(p)) extra.add(p);
  }
  return [...extra];
}

/** Scoping filters may read attributes beyond the usual set (extension attributes): fetch those not read yet. */
export async function completeAttributes(gateway: GraphGateway, principal: PrincipalMatch, apps: AppEvidence[]): Promise<Record<string, unknown>> {
  if (principal.ref.kind !== 'user') return principal.object;
  const read = new Set(principal.selected);
  const wanted = scopeAttributes(apps.map((a) => a.schema)).filter((p) => !read.has(p));
  // Graph refuses a property behind a permission of its own (403) or one it no longer knows (400): the rest of
  // the answer stands, and the clauses on those properties say they could not be checked, and why.
  const refused = refusedLately(gateway, wanted);
  const extra = wanted.filter((p) => !refused.has(p));
  const withRefused = (object: Record<string, unknown>, why: Map<string, string>) =>
    why.size ? { ...object, [REFUSED_PROPERTIES]: Object.fromEntries(why) } : object;
  if (!extra.length) return withRefused(principal.object, refused);
  try {
    const more = await gateway.get<Record<string, unknown>>(principalPath('user', principal.ref.id), { select: ['id', ...extra] });
    return withRefused({ ...principal.object, ...more }, refused);
  } catch (error) {
    if (!(error instanceof BotError && (error.code === 'graph-forbidden' || error.code === 'graph-bad-request'))) throw error;
    const now = noteRefused(gateway, extra, error.code === 'graph-forbidden' ? 'forbidden' : 'unknown');
    return withRefused(principal.object, new Map([...refused, ...now]));
  }
}

export interface PrincipalActivity {
  logs: ProvisioningObjectSummary[];
  assignments: AppRoleAssignment[];
  /** Why the logs could not be read (licence, permission), when they could not. */
  logsUnavailable?: string;
}

/**
 * The principal's log entries and assignments: in the app named (from the app's shared read when it holds
 * them), else across all apps, so it can start before any app is known. `guessed`: the principal is a guess
 * being checked meanwhile (a remembered name), so a refused assignment list is not worked around app by app.
 */
export async function readPrincipalActivity(
  gateway: GraphGateway,
  principal: Pick<PrincipalRef, 'kind' | 'id'>,
  focusSpId?: string,
  options: { guessed?: boolean } = {},
): Promise<PrincipalActivity> {
  const logs = readLogsIfAllowed(focusSpId ? logsForPrincipalInApp(gateway, principal.id, focusSpId) : logsForPrincipal(gateway, principal.id));
  logs.catch(() => undefined); // awaited below; the assignments may fail first
  const appsInLogs = async () => [...new Set((await logs).entries.map((e) => e.servicePrincipal?.id).filter(isGuid))];
  const assignments = await readAssignments(gateway, principal, appsInLogs, !options.guessed);
  const { entries, unavailable } = await logs;
  return { logs: entries, assignments, ...(unavailable ? { logsUnavailable: unavailable } : {}) };
}

/** Statuses with which a Graph-compatible server says it has no such endpoint. */
const UNSUPPORTED = new Set([400, 404, 405, 501]);

/** Whether a read failed because the server has no such endpoint (rather than throttling, a permission…). */
export const isUnsupportedEndpoint = (error: unknown): boolean => error instanceof BotError && UNSUPPORTED.has(Number(error.details.status));

/**
 * The principal's own assignment list. Not every Graph-compatible server has it; then the assignments are
 * read app by app (each app's appRoleAssignedTo) for the apps given, or every app with provisioning,
 * and matched against the principal and the groups it is a direct member of.
 */
export async function readAssignments(
  gateway: GraphGateway,
  principal: Pick<PrincipalRef, 'kind' | 'id'>,
  appsToCheck: () => Promise<string[]>,
  appByApp = true,
): Promise<AppRoleAssignment[]> {
  try {
    return await gateway.list<AppRoleAssignment>(principalAssignmentsPath(principal.kind, principal.id), {}, 500);
  } catch (error) {
    if (!appByApp || !isUnsupportedEndpoint(error)) throw error;
  }
  const hinted = await appsToCheck();
  const spIds = hinted.length ? hinted : (await listProvisioningApps(gateway)).map((a) => a.app.spId);
  const groups =
    principal.kind === 'user' ? await gateway.list<{ id: string }>(memberOfPath(principal.id), {}, 500).catch(() => []) : [];
  const principals = new Set([principal.id, ...groups.map((g) => g.id)].map((id) => id.toLowerCase()));
  const perApp = await Promise.all(
    spIds.map((spId) => gateway.list<AppRoleAssignment>(appRoleAssignedToPath(spId), {}, 50_000).catch(() => [])),
  );
  return perApp.flat().filter((a) => principals.has(String(a.principalId).toLowerCase()));
}

/**
 * Assigned groups a user is in only through nesting, for the apps the user has no assignment to. Two reads
 * (the user's transitive groups, each such app's assignments), made only when there is such an app; a read
 * that fails leaves the limit unsaid rather than the question unanswered.
 */
async function readNestedGroupAssignments(
  gateway: GraphGateway,
  principal: PrincipalRef,
  assignments: AppRoleAssignment[],
  apps: AppEvidence[],
): Promise<NestedGroupAssignment[]> {
  if (principal.kind !== 'user') return [];
  const assignedApps = new Set(assignments.map((a) => a.resourceId.toLowerCase()));
  const unassigned = apps.filter((a) => !assignedApps.has(a.app.spId.toLowerCase()));
  if (!unassigned.length) return [];
  try {
    const [groups, ...perApp] = await Promise.all([
      gateway.list<{ id: string; displayName?: string | null; '@odata.type'?: string }>(transitiveMemberOfPath(principal.id), {}, 999),
      ...unassigned.map((a) => gateway.list<AppRoleAssignment>(appRoleAssignedToPath(a.app.spId), {}, 999)),
    ]);
    const mine = new Map(groups.filter((g) => !g['@odata.type'] || /group$/i.test(g['@odata.type'])).map((g) => [g.id.toLowerCase(), g]));
    return perApp.flatMap((assignments, i) =>
      assignments
        .filter((a) => mine.has(String(a.principalId).toLowerCase()))
        .map((a) => ({ groupId: a.principalId, groupName: a.principalDisplayName ?? mine.get(a.principalId.toLowerCase())?.displayName ?? a.principalId, spId: unassigned[i].app.spId })),
    );
  } catch {
    return [];
  }
}

/** What was read ahead of `gatherPrincipal`: likely apps, and the person's attributes their filters need. */
export interface ReadAhead {
  apps: AppEvidence[];
  directoryObject: Promise<Record<string, unknown>>;
}

export async function gatherPrincipal(
  gateway: GraphGateway,
  principal: PrincipalMatch,
  focus: AppEvidence | undefined,
  now: Date,
  activity: Promise<PrincipalActivity> = readPrincipalActivity(gateway, principal.ref, focus?.app.spId),
  ahead?: ReadAhead,
): Promise<PrincipalTopicEvidence> {
  const { logs: allLogs, assignments, logsUnavailable } = await activity;
  const logs = focus ? allLogs.filter((e) => e.servicePrincipal?.id?.toLowerCase() === focus.app.spId.toLowerCase()) : allLogs;
  const jobIdsSeen = new Map<string, string>();
  for (const entry of [...logs].reverse()) {
    if (entry.servicePrincipal?.id && entry.jobId) jobIdsSeen.set(entry.servicePrincipal.id, entry.jobId);
  }
  const spIds = focus ? [focus.app.spId] : appsConcerned(logs, assignments);
  const apps = await readApps(gateway, spIds, jobIdsSeen, focus, ahead?.apps);
  // The attributes read ahead cover every app read ahead; an app beyond those needs its own.
  const covered = ahead && apps.every((a) => ahead.apps.some((b) => b.app.spId === a.app.spId && b.schema));
  const [directoryObject, nested] = await Promise.all([
    covered ? ahead.directoryObject : completeAttributes(gateway, principal, apps),
    readNestedGroupAssignments(gateway, principal.ref, assignments, apps),
  ]);
  return {
    now: now.toISOString(),
    principal: principal.ref,
    directoryObject: directoryObject as PrincipalTopicEvidence['directoryObject'],
    logs,
    assignments,
    apps,
    focusAppSpId: focus?.app.spId,
    ...(logsUnavailable ? { logsUnavailable } : {}),
    ...(nested.length ? { nestedGroupAssignments: nested } : {}),
  };
}

