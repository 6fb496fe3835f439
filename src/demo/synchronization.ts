// Provisioning jobs of the demo tenant: the job actions (start, pause, restart, test connection) and a simple
// provision-on-demand simulation (assigned? in scope? then created in the target).
import { randomUUID } from 'node:crypto';
import type {
  ProvisioningObjectSummary,
  ProvisioningStep,
  ServicePrincipal,
  SynchronizationJob,
  SynchronizationSchema,
} from '../graph/types';
import { userAppRoleAssignments } from './directory';
import { badRequest, GraphError, requireGuid, resourceNotFound } from './graphHttp';
import { evaluateScope } from '../diagnose/scoping';
import type { DemoTenantFile } from './tenantFile';

function synchronizationOf(state: DemoTenantFile, spId: string): DemoTenantFile['synchronization'][string] | undefined {
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

function setRunning(job: SynchronizationJob, code: 'Active' | 'Paused'): void {
  job.status = { ...job.status, code };
  job.schedule = { ...job.schedule, state: code };
}

/** POST .../start: resumes a paused job and lifts quarantine. */
export function startJob(job: SynchronizationJob): void {
  setRunning(job, 'Active');
  job.status = { ...job.status, quarantine: null };
}

export function pauseJob(job: SynchronizationJob): void {
  setRunning(job, 'Paused');
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

const step = (
  provisioningStepType: string,
  name: string,
  status: string,
  description: string,
  details: Record<string, string> = {},
): ProvisioningStep => ({ provisioningStepType, name, status, description, details });

/** The `{key, value}` pair Graph answers provisionOnDemand with; `value` is a JSON string. */
export interface OnDemandResult {
  key: string;
  value: string;
}

/**
 * POST .../provisionOnDemand for one user: import, scoping (assigned directly or through a direct group, and
 * inside the User mapping's scoping filter), matching, export. Records a provisioning log like Graph does.
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

  const name = user.displayName ?? user.userPrincipalName ?? user.id;
  const steps: ProvisioningStep[] = [
    step('import', 'EntryImport', 'success', `Retrieved ${name} from Microsoft Entra ID`, {
      ReportableIdentifier: String(user.userPrincipalName ?? user.id),
    }),
  ];
  const assigned = userAppRoleAssignments(state, user.id).some((a) => a.resourceId.toLowerCase() === sp.id.toLowerCase());
  const mapping = rule.objectMappings.find((m) => m.sourceObjectName.toLowerCase() === 'user' && m.enabled !== false);
  const scope = evaluateScope(mapping?.scope, user);
  const entitled = assigned && scope.inScope && mapping !== undefined;
  const scopingDetails: Record<string, string> = {
    'Active in the source system': String(user.accountEnabled !== false),
    'Assigned to the application': assigned ? 'True' : 'False',
    'Scoping filter evaluation passed': scope.inScope ? 'True' : 'False',
    IsInProvisioningScope: scope.inScope ? 'True' : 'False',
  };
  // Written the way the logs' ScopeEvaluationResult is: "<group>.<clause>" → passed.
  const results = Object.fromEntries(scope.groups.flatMap((g) => g.clauses.map((c) => [`${g.name}.${c.clause}`, c.passed])));
  if (Object.keys(results).length > 0) scopingDetails.ScopeEvaluationResult = JSON.stringify(results);

  let result: 'Success' | 'Skipped' | 'Failure';
  let errorInformation: { errorCode: string; reason: string } | null = null;
  if (!entitled) {
    result = 'Skipped';
    steps.push(
      step('scoping', 'EntrySynchronizationSkip', 'skipped', `${name} will be skipped: not effectively entitled.`, {
        ...scopingDetails,
        SkipReason: 'NotEffectivelyEntitled',
      }),
    );
  } else {
    steps.push(step('scoping', 'EntrySynchronizationScoping', 'success', `${name} is in scope.`, scopingDetails));
    steps.push(step('matching', 'EntryImportObjectNotFound', 'success', `No matching user found in ${sp.displayName ?? 'the target'}; it will be created.`));
    const failure = state.simulation?.credentials?.[jobId];
    if (failure) {
      result = 'Failure';
      errorInformation = { errorCode: failure.code, reason: failure.message };
      steps.push(step('export', 'EntryExportAdd', 'failure', `Creating ${name} failed: ${failure.message}`, { ErrorCode: failure.code }));
    } else {
      result = 'Success';
      steps.push(step('export', 'EntryExportAdd', 'success', `${name} was created in ${sp.displayName ?? 'the target'}.`));
    }
  }

  const log: ProvisioningObjectSummary = {
    id: randomUUID(),
    activityDateTime: now.toISOString(),
    jobId,
    cycleId: randomUUID(),
    changeId: randomUUID(),
    provisioningAction: result === 'Success' ? 'create' : 'other',
    durationInMilliseconds: 800,
    provisioningStatusInfo: { status: result.toLowerCase(), errorInformation },
    provisioningSteps: steps,
    servicePrincipal: { id: sp.id, displayName: sp.displayName ?? null },
    sourceIdentity: { id: user.id, displayName: user.displayName ?? null, identityType: 'User', details: {} },
    targetIdentity: { id: '', displayName: user.displayName ?? null, identityType: 'User', details: {} },
    sourceSystem: { displayName: 'Microsoft Entra ID' },
    targetSystem: { displayName: sp.displayName ?? null },
    initiatedBy: { displayName: 'Provision on demand', initiatorType: 'user' },
    modifiedProperties: [],
  };
  state.provisioningLogs.push(log);

  const details: Record<string, string> = { ...scopingDetails, UserPrincipalName: String(user.userPrincipalName ?? '') };
  if (!entitled) details.SkipReason = 'NotEffectivelyEntitled';
  if (errorInformation) Object.assign(details, { ErrorCode: errorInformation.errorCode, Reason: errorInformation.reason });
  return {
    key: 'Microsoft.Identity.Health.CPP.Common.DataContracts.SyncFabric.StatusInfo',
    value: JSON.stringify({ result, details, provisioningSteps: steps }),
  };
}

