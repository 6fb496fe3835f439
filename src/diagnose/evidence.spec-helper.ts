// Evidence builders for the diagnose specs, in Graph's own shapes (a realistic ServiceNow-like SCIM app).
import type { AppEvidence, AppTopicEvidence, PrincipalTopicEvidence } from '../domain/types';
import type { AppRoleAssignment, GraphUser, ProvisioningObjectSummary, ScopeFilter, SynchronizationJob, SynchronizationSchema } from '../graph/types';

export const NOW = '2026-11-20T11:41:00Z';
export const SP_ID = '11111111-1111-1111-1111-111111111111';
export const JOB_ID = 'scim.0123456789abcdef.22222222-2222-2222-2222-222222222222';
export const USER_ID = '33333333-3333-3333-3333-333333333333';

export function job(status: SynchronizationJob['status'] = {}, schedule: SynchronizationJob['schedule'] = { interval: 'PT40M', state: 'Active' }): SynchronizationJob {
  return {
    id: JOB_ID,
    templateId: 'scim',
    schedule,
    status: {
      code: 'Active',
      steadyStateFirstAchievedTime: '2026-11-01T10:00:00Z',
      steadyStateLastAchievedTime: '2026-11-20T11:00:00Z',
      lastExecution: { state: 'Succeeded', timeBegan: '2026-11-20T11:20:00Z', timeEnded: '2026-11-20T11:22:00Z', countExported: 3, countImported: 120, countEscrowed: 0 },
      lastSuccessfulExecution: { state: 'Succeeded', timeEnded: '2026-11-20T11:22:00Z' },
      quarantine: null,
      ...status,
    },
  };
}

export function schema(scope: ScopeFilter | null = null, extraMappings: SynchronizationSchema['synchronizationRules'][0]['objectMappings'][0]['attributeMappings'] = []): SynchronizationSchema {
  return {
    synchronizationRules: [
      {
        id: 'rule-1',
        objectMappings: [
          {
            name: 'Provision Microsoft Entra ID Groups',
            enabled: true,
            sourceObjectName: 'Group',
            targetObjectName: 'Group',
            attributeMappings: [{ targetAttributeName: 'displayName', source: { type: 'Attribute', name: 'displayName' }, matchingPriority: 1 }],
            scope: null,
          },
          {
            name: 'Provision Microsoft Entra ID Users',
            enabled: true,
            sourceObjectName: 'User',
            targetObjectName: 'User',
            attributeMappings: [
              { targetAttributeName: 'userName', source: { type: 'Attribute', name: 'userPrincipalName' }, matchingPriority: 1 },
              { targetAttributeName: 'emails[type eq "work"].value', source: { type: 'Attribute', name: 'mail' } },
              { targetAttributeName: 'name.givenName', source: { type: 'Attribute', name: 'givenName' } },
              { targetAttributeName: 'active', source: { type: 'Function', expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")' } },
              ...extraMappings,
            ],
            scope,
          },
        ],
      },
    ],
  };
}

export const salesOnly: ScopeFilter = {
  groups: [{ name: 'Sales only', clauses: [{ sourceOperandName: 'department', operatorName: 'EQUALS', targetOperand: { values: ['Sales'] } }] }],
};

export function appEvidence(j: SynchronizationJob = job(), s: SynchronizationSchema = schema()): AppEvidence {
  return {
    app: { spId: SP_ID, appId: '22222222-2222-2222-2222-222222222222', displayName: 'ServiceNow', jobId: JOB_ID },
    servicePrincipal: { id: SP_ID, appId: '22222222-2222-2222-2222-222222222222', displayName: 'ServiceNow' },
    job: j,
    schema: s,
  };
}

export function appTopic(j: SynchronizationJob = job(), extra: Partial<AppTopicEvidence> = {}): AppTopicEvidence {
  return { now: NOW, app: appEvidence(j), ...extra };
}

export const jane: GraphUser = {
  id: USER_ID,
  displayName: 'Jane Doe',
  userPrincipalName: 'jane@contoso.com',
  mail: 'jane@contoso.com',
  givenName: 'Jane',
  department: 'Marketing',
  accountEnabled: true,
};

export const directAssignment: AppRoleAssignment = {
  id: 'assign-1',
  appRoleId: 'role-user',
  principalId: USER_ID,
  principalType: 'User',
  principalDisplayName: 'Jane Doe',
  resourceId: SP_ID,
};

/** A log entry for Jane in ServiceNow: `status` and the skip step's details (or the error). */
export function logEntry(
  status: string,
  opts: { details?: Record<string, string>; error?: { errorCode: string; reason?: string }; action?: string; at?: string; steps?: ProvisioningObjectSummary['provisioningSteps'] } = {},
): ProvisioningObjectSummary {
  return {
    id: `log-${status}`,
    activityDateTime: opts.at ?? '2026-11-20T08:41:00Z',
    jobId: JOB_ID,
    provisioningAction: opts.action ?? 'other',
    provisioningStatusInfo: { status, errorInformation: opts.error ?? null },
    provisioningSteps: opts.steps ?? [
      { name: 'EntryImportAdd', provisioningStepType: 'import', status: 'success', description: 'Received User jane@contoso.com' },
      ...(opts.details
        ? [{ name: 'EntrySynchronizationSkip', provisioningStepType: 'processing', status: 'skipped', description: 'The user was skipped', details: opts.details }]
        : []),
      ...(opts.error ? [{ name: 'EntryExportAdd', provisioningStepType: 'export', status: 'failure', description: 'Failed to create User' }] : []),
    ],
    servicePrincipal: { id: SP_ID, displayName: 'ServiceNow' },
    sourceIdentity: { id: USER_ID, displayName: 'Jane Doe', identityType: 'User' },
    targetIdentity: { id: 'sn-1', displayName: 'jane@contoso.com' },
  };
}

export function principalTopic(extra: Partial<PrincipalTopicEvidence> = {}, app: AppEvidence = appEvidence()): PrincipalTopicEvidence {
  return {
    now: NOW,
    principal: { kind: 'user', id: USER_ID, displayName: 'Jane Doe' },
    directoryObject: jane,
    logs: [],
    assignments: [directAssignment],
    apps: [app],
    focusAppSpId: SP_ID,
    ...extra,
  };
}
