// Provisioning jobs of the demo tenant: the job actions (start, pause, restart, test connection) and a simple
// provision-on-demand simulation (assigned? in scope? then created in the target).
import { randomUUID } from 'node:crypto';
import type {
  ProvisioningObjectSummary,
  ServicePrincipal,
  SynchronizationJob,
  SynchronizationSchema,
  SynchronizationTaskExecution,
} from '../graph/types';
import { userAppRoleAssignments } from './directory';
import { badRequest, GraphError, requireGuid, resourceNotFound } from './graphHttp';
import { NEVER } from './loadTenant';
import { evaluateServiceScope } from './scoping';
import { sourceAttributes } from './sourceAttributes';
import type { DemoTenantFile } from './tenantFile';

function synchronizationOf(state: DemoTenantFile, spId: string): DemoTenantFile['synchronization'][string] | undefined {
  // Ids are stored as Graph writes them (lower case); another casing is looked for only when that misses.
  if (Object.hasOwn(state.synchronization, spId)) return state.synchronization[spId];
  const key = Object.keys(state.synchronization).find((k) => k.toLowerCase() === spId.toLowerCase());
  return key === undefined ? undefined : state.synchronization[key];
}

/** The app's jobs; none (not an error) when provisioning was never set up. */
export function jobsOf(state: DemoTenantFile, spId: string): SynchronizationJob[] {
  return synchronizationOf(state, spId)?.jobs ?? [];
}

export function findJob(state: DemoTenantFile, sp: ServicePrincipal, jobId: string): SynchronizationJob {
  const job = jobsOf(state, sp.id).find((j) => j.id === jobId);
  if (!job) throw resourceNotFound(jobId);
  return job;
}

export function findSchema(state: DemoTenantFile, sp: ServicePrincipal, jobId: string): SynchronizationSchema {
  findJob(state, sp, jobId);
  const schema = synchronizationOf(state, sp.id)?.schemas[jobId];
  if (!schema) throw resourceNotFound(`${jobId}/schema`);
  return schema;
}

/** The interval Graph shows for a job that is switched off: .NET's TimeSpan.MaxValue. */
export const NEVER_INTERVAL = 'P10675199DT2H48M5.4775807S';

/**
 * `lastExecution` of a job whose first cycle has not ended (just started, or in its initial cycle): Graph
 * reports state Failed with the never-happened date and error code None. Nothing failed.
 */
export function notYetRunExecution(): SynchronizationTaskExecution {
  return {
    activityIdentifier: null,
    countEntitled: 0, countEntitledForProvisioning: 0, countEscrowed: 0, countEscrowedRaw: 0, countExported: 0,
    countExports: 0, countImported: 0, countImportedDeltas: 0, countImportedReferenceDeltas: 0,
    error: { code: 'None', message: '', tenantActionable: false },
    state: 'Failed',
    timeBegan: NEVER,
    timeEnded: NEVER,
  };
}

/**
 * POST .../start: resumes a paused job, lifts quarantine, switches a never-started one on. Graph then reports
 * the "just started" shape until a cycle ends: code NotRun, schedule Active, the not-yet-run lastExecution.
 */
export function startJob(job: SynchronizationJob): void {
  const interval = job.schedule?.interval && job.schedule.interval !== NEVER_INTERVAL ? job.schedule.interval : 'PT40M';
  job.schedule = { ...job.schedule, state: 'Active', interval };
  job.status = { ...job.status, code: 'NotRun', quarantine: null, lastExecution: notYetRunExecution() };
}

export function pauseJob(job: SynchronizationJob): void {
  job.status = { ...job.status, code: 'Paused' };
  job.schedule = { ...job.schedule, state: 'Paused' };
}

const RESET_SCOPES = ['Escrows', 'Watermark', 'QuarantineState', 'Full', 'ForceDeletes', 'ConnectorDataStore', 'None'];

/**
 * POST .../restart. No criteria is the portal's "Restart provisioning" (quarantine, watermark and escrows
 * reset); with criteria only the named parts are reset, so a restart without QuarantineState stays quarantined.
 */
export function restartJob(job: SynchronizationJob, body: unknown): void {
  const criteria = (body as { criteria?: { resetScope?: unknown } } | undefined)?.criteria;
  const scope = criteria?.resetScope;
  if (scope !== undefined && scope !== null && typeof scope !== 'string') {
    throw badRequest('criteria.resetScope must be a comma-separated string.', 'BadRequest');
  }
  const tokens = (scope ?? 'QuarantineState, Watermark, Escrows').split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  const unknown = tokens.filter((t) => !RESET_SCOPES.some((s) => s.toLowerCase() === t));
  if (unknown.length > 0) {
    throw badRequest(`Invalid resetScope value '${unknown.join(', ')}'. Valid values: ${RESET_SCOPES.join(', ')}.`, 'BadRequest');
  }
  const resets = (name: string) => tokens.includes(name.toLowerCase()) || tokens.includes('full');
  const status = { ...job.status };
  if (resets('QuarantineState')) {
    status.quarantine = null;
    status.countSuccessiveCompleteFailures = 0;
  }
  if (resets('Escrows') && status.lastExecution) {
    status.lastExecution = { ...status.lastExecution, countEscrowed: 0, countEscrowedRaw: 0 };
  }
  status.code = status.quarantine ? 'Quarantine' : 'Active';
  job.status = status;
  job.schedule = { ...job.schedule, state: 'Active' };
}

/** POST .../validateCredentials: the simulated target's answer for this job, or nothing when it accepts. */
export function validateCredentials(state: DemoTenantFile, jobId: string): void {
  const failure = state.simulation?.credentials?.[jobId];
  if (failure) throw new GraphError(failure.status, failure.code, failure.message);
}

/** Graph's filterOperatorSchema list; names as the portal shows them. */
export const FILTER_OPERATORS = [
  ['EQUALS', 'Binary', ['String', 'Integer', 'Reference', 'Boolean', 'DateTime']],
  ['NOT EQUALS', 'Binary', ['String', 'Integer', 'Reference', 'Boolean', 'DateTime']],
  ['IS TRUE', 'Unary', ['Boolean']],
  ['IS FALSE', 'Unary', ['Boolean']],
  ['IS NULL', 'Unary', ['String', 'Integer', 'Reference', 'Boolean', 'DateTime', 'Binary']],
  ['IS NOT NULL', 'Unary', ['String', 'Integer', 'Reference', 'Boolean', 'DateTime', 'Binary']],
  ['REGEX MATCH', 'Binary', ['String']],
  ['NOT REGEX MATCH', 'Binary', ['String']],
  ['Includes', 'Binary', ['String']],
  ['ENDS_WITH', 'Binary', ['String']],
  ['Greater_Than', 'Binary', ['Integer']],
  ['Greater_Than_OR_EQUALS', 'Binary', ['Integer']],
  ['&', 'Binary', ['Integer']],
  ['!&', 'Binary', ['Integer']],
].map(([name, arity, supportedAttributeTypes]) => ({ name, arity, multivaluedComparisonType: 'Any', supportedAttributeTypes }));

interface OnDemandRequest {
  ruleId: string;
  objectId: string;
}

function onDemandRequest(body: unknown): OnDemandRequest {
  const parameters = (body as { parameters?: unknown } | undefined)?.parameters;
  const first = Array.isArray(parameters) ? (parameters[0] as { ruleId?: unknown; subjects?: unknown } | undefined) : undefined;
  const subjects = first?.subjects;
  if (!first || typeof first.ruleId !== 'string' || !Array.isArray(subjects) || subjects.length !== 1) {
    throw badRequest(
      'The body must be {"parameters":[{"ruleId":"<rule id>","subjects":[{"objectId":"<id>","objectTypeName":"User"}]}]}.',
      'BadRequest',
    );
  }
  const subject = subjects[0] as { objectId?: unknown; objectTypeName?: unknown };
  if (typeof subject.objectTypeName !== 'string' || subject.objectTypeName.toLowerCase() !== 'user') {
    throw badRequest(`Subject type '${String(subject.objectTypeName)}' is not supported by the demo tenant; use User.`, 'BadRequest');
  }
  return { ruleId: first.ruleId, objectId: requireGuid(subject.objectId) };
}

/** One step as provisionOnDemand writes it: `type` and status capitalised (`Import`, `Success`), a timestamp. */
interface OnDemandStep {
  name: string;
  type: 'Import' | 'Matching' | 'Scoping' | 'Export';
  status: 'Success' | 'Skipped' | 'Failure';
  description: string;
  timestamp: string;
  details: Record<string, string>;
}

/** The `{key, value}` pair Graph answers provisionOnDemand with; both strings hold JSON. */
export interface OnDemandResult {
  key: string;
  value: string;
}

const REDUNDANT_MESSAGE = 'The state of the user in both the source and target systems already match.';

/** The user's object id in the app's target, when the newest log entry of this job for them names one. */
function idInTarget(state: DemoTenantFile, jobId: string, userId: string): string | undefined {
  for (let i = state.provisioningLogs.length - 1; i >= 0; i--) {
    const entry = state.provisioningLogs[i];
    if (entry.jobId === jobId && entry.sourceIdentity?.id?.toLowerCase() === userId.toLowerCase()) return entry.targetIdentity?.id || undefined;
  }
  return undefined;
}

/**
 * POST .../provisionOnDemand for one user, answered in the documented shape (microsoft-graph-docs-contrib
 * api-reference/v1.0/api/synchronization-synchronizationjob-provisionondemand.md, example 1): `key` =
 * `{"result":"Success|Skipped|Failure","details":{"errorCode","errorMessage"}}`, `value` = the run with steps
 * Import, Matching, Scoping, Export. A user already in the target in the same state is Skipped with
 * RedundantExport. Scoping filters are evaluated on the source attributes, as the service does. Records a
 * provisioning log entry like Graph does.
 */
export function provisionOnDemand(
  state: DemoTenantFile,
  sp: ServicePrincipal,
  jobId: string,
  body: unknown,
  now = new Date(),
): OnDemandResult {
  const { ruleId, objectId } = onDemandRequest(body);
  const schema = findSchema(state, sp, jobId);
  const rule = schema.synchronizationRules.find((r) => r.id === ruleId);
  if (!rule) throw badRequest(`The rule '${ruleId}' is not in the schema of job '${jobId}'.`, 'BadRequest');
  const user = state.users.find((u) => u.id.toLowerCase() === objectId.toLowerCase());
  if (!user) throw badRequest(`The subject '${objectId}' was not found in the source directory.`, 'BadRequest');

  const timestamp = now.toISOString();
  const target = rule.targetDirectoryName ?? sp.displayName ?? 'the target';
  const upn = String(user.userPrincipalName ?? user.id);
  const source = sourceAttributes(user);
  const step = (name: string, type: OnDemandStep['type'], status: OnDemandStep['status'], description: string, details: Record<string, string> = {}): OnDemandStep =>
    ({ name, type, status, description, timestamp, details });

  const assigned = userAppRoleAssignments(state, user.id).some((a) => a.resourceId.toLowerCase() === sp.id.toLowerCase());
  const mapping = rule.objectMappings.find((m) => m.sourceObjectName.toLowerCase() === 'user' && m.enabled !== false);
  const scope = evaluateServiceScope(mapping?.scope, source);
  const active = user.accountEnabled !== false;
  const entitled = active && assigned && scope.inScope && mapping !== undefined;
  const existingId = idInTarget(state, jobId, user.id);
  const inTarget = existingId !== undefined;
  const failure = state.simulation?.credentials?.[jobId];
  const bool = (b: boolean) => (b ? 'True' : 'False');

  const steps: OnDemandStep[] = [
    step('EntryImport', 'Import', 'Success', `Retrieved User '${upn}' from Azure Active Directory`, {
      objectId: user.id,
      accountEnabled: bool(active),
      displayName: String(user.displayName ?? ''),
      mailNickname: String(user.mailNickname ?? ''),
      userPrincipalName: upn,
      IsSoftDeleted: String(source.IsSoftDeleted),
    }),
    inTarget
      ? step('EntryImport', 'Matching', 'Success', `Retrieved  '${upn}' from ${target}`, { userName: upn })
      : step('EntryImportObjectNotFound', 'Matching', 'Success', `User '${upn}' was not found in ${target}`),
    step('EntrySynchronizationScoping', 'Scoping', entitled ? 'Success' : 'Skipped', 'Determine if User in scope by evaluating against each scoping filter', {
      IsActive: bool(active),
      Assigned: bool(assigned),
      IsEffectivelyEntitledForProvisioning: bool(entitled),
      IsInProvisioningScopeDisplayName: bool(scope.inScope),
      ScopeEvaluationResult: JSON.stringify(scope.result),
    }),
  ];

  let result: 'Success' | 'Skipped' | 'Failure';
  let details: { errorCode?: string; errorMessage?: string } = {};
  if (!entitled) {
    result = 'Skipped';
    const message = `The User '${upn}' will be skipped because it is not effectively entitled for provisioning.`;
    details = { errorCode: 'NotEffectivelyEntitled', errorMessage: message };
    steps.push(step('EntrySynchronizationSkip', 'Scoping', 'Skipped', message, { SkipReason: 'NotEffectivelyEntitled' }));
  } else if (inTarget) {
    result = 'Skipped';
    details = { errorCode: 'RedundantExport', errorMessage: REDUNDANT_MESSAGE };
    steps.push(
      step('EntrySynchronizationSkip', 'Export', 'Skipped', `${REDUNDANT_MESSAGE} No change to the User '${upn}' currently needs to be made.`, {
        SkipReason: 'RedundantExport',
      }),
    );
  } else if (failure) {
    result = 'Failure';
    details = { errorCode: failure.code, errorMessage: failure.message };
    steps.push(step('EntryExportAdd', 'Export', 'Failure', `Failed to create User '${upn}' in ${target}`, { ReportableIdentifier: upn }));
  } else {
    result = 'Success';
    steps.push(step('EntryExportAdd', 'Export', 'Success', `Created User '${upn}' in ${target}`, { ReportableIdentifier: upn }));
  }

  const targetId = existingId ?? (result === 'Success' ? randomUUID() : '');
  const statusInfo = {
    status: result,
    errorCode: details.errorCode && result === 'Failure' ? details.errorCode : null,
    reason: result === 'Failure' ? (details.errorMessage ?? null) : null,
    additionalDetails: null,
    errorCategory: null,
    recommendedAction: null,
  };
  const changeId = randomUUID();
  const run = {
    action: result === 'Success' ? 'Create' : 'Other',
    changeId,
    endTime: timestamp,
    modifiedProperties: [
      { displayName: 'objectId', oldValue: null, newValue: user.id },
      { displayName: 'accountEnabled', oldValue: null, newValue: bool(active) },
      { displayName: 'displayName', oldValue: null, newValue: String(user.displayName ?? '') },
      { displayName: 'userPrincipalName', oldValue: null, newValue: upn },
      { displayName: 'IsSoftDeleted', oldValue: null, newValue: String(source.IsSoftDeleted) },
    ],
    provisioningSteps: steps,
    reportableIdentifier: upn,
    startTime: timestamp,
    statusInfo,
    sourceIdentity: { id: user.id, type: 'User', displayName: null, details: null },
    sourceSystem: { id: null, name: 'Azure Active Directory', details: null },
    targetIdentity: { id: targetId || null, type: mapping?.targetObjectName ?? 'User', displayName: null, details: null },
    targetSystem: { id: null, name: target, details: null },
  };

  const log: ProvisioningObjectSummary = {
    id: randomUUID(),
    activityDateTime: timestamp,
    jobId,
    cycleId: randomUUID(),
    changeId,
    provisioningAction: result === 'Success' ? 'create' : 'other',
    durationInMilliseconds: 800,
    provisioningStatusInfo: {
      status: result === 'Failure' ? 'failure' : result.toLowerCase(),
      errorInformation: result === 'Failure' ? { errorCode: details.errorCode ?? null, reason: details.errorMessage ?? null } : null,
    },
    // The logs write the same steps with lower-case types and statuses.
    provisioningSteps: steps.map((s) => ({
      name: s.name,
      provisioningStepType: s.type.toLowerCase(),
      status: s.status.toLowerCase(),
      description: s.description,
      details: s.details,
    })),
    servicePrincipal: { id: sp.id, displayName: sp.displayName ?? null },
    sourceIdentity: { id: user.id, displayName: user.displayName ?? null, identityType: 'User', details: {} },
    targetIdentity: { id: targetId, displayName: targetId ? upn : '', identityType: mapping?.targetObjectName ?? 'User', details: {} },
    sourceSystem: { displayName: 'Azure Active Directory' },
    targetSystem: { displayName: target },
    initiatedBy: { displayName: 'Provision on demand', initiatorType: 'user' },
    modifiedProperties: [],
  };
  state.provisioningLogs.push(log);

  return {
    key: JSON.stringify({ result, details }),
    value: JSON.stringify(run),
  };
}
