// Microsoft Graph v1.0 shapes the bot reads and writes: only the properties it uses, with Graph's own names.
// From Graph's published v1.0 metadata and API reference. Everything may be missing or null in a real tenant.

export interface GraphCollection<T> {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
}

export interface GraphUser {
  id: string;
  displayName?: string | null;
  givenName?: string | null;
  surname?: string | null;
  userPrincipalName?: string | null;
  mail?: string | null;
  mailNickname?: string | null;
  accountEnabled?: boolean | null;
  department?: string | null;
  jobTitle?: string | null;
  [property: string]: unknown;
}

export interface GraphGroup {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  mailNickname?: string | null;
  description?: string | null;
  securityEnabled?: boolean | null;
  mailEnabled?: boolean | null;
  [property: string]: unknown;
}

export interface AppRole {
  id: string;
  displayName?: string | null;
  value?: string | null;
  description?: string | null;
  allowedMemberTypes?: string[];
  isEnabled?: boolean;
}

export interface ServicePrincipal {
  id: string;
  appId: string;
  displayName?: string | null;
  accountEnabled?: boolean | null;
  servicePrincipalType?: string | null;
  tags?: string[];
  appRoles?: AppRole[];
  [property: string]: unknown;
}

export interface AppRoleAssignment {
  id: string;
  appRoleId: string;
  principalId: string;
  principalType?: 'User' | 'Group' | 'ServicePrincipal' | string | null;
  principalDisplayName?: string | null;
  resourceId: string;
  resourceDisplayName?: string | null;
  createdDateTime?: string | null;
  deletedDateTime?: string | null;
}

export type JobStatusCode = 'NotConfigured' | 'NotRun' | 'Active' | 'Paused' | 'Quarantine';

export type QuarantineReason =
  | 'EncounteredBaseEscrowThreshold'
  | 'EncounteredTotalEscrowThreshold'
  | 'EncounteredEscrowProportionThreshold'
  | 'EncounteredQuarantineException'
  | 'Unknown'
  | 'QuarantinedOnDemand'
  | 'TooManyDeletes'
  | 'IngestionInterrupted';

export interface SynchronizationError {
  code?: string | null;
  message?: string | null;
  tenantActionable?: boolean | null;
}

export interface SynchronizationQuarantine {
  currentBegan?: string | null;
  nextAttempt?: string | null;
  reason?: QuarantineReason | string | null;
  seriesBegan?: string | null;
  seriesCount?: number | null;
  error?: SynchronizationError | null;
}

export interface SynchronizationTaskExecution {
  activityIdentifier?: string | null;
  countEntitled?: number | null;
  countEntitledForProvisioning?: number | null;
  countEscrowed?: number | null;
  countEscrowedRaw?: number | null;
  countExported?: number | null;
  countExports?: number | null;
  countImported?: number | null;
  countImportedDeltas?: number | null;
  countImportedReferenceDeltas?: number | null;
  error?: SynchronizationError | null;
  state?: 'Succeeded' | 'Failed' | 'EntryLevelErrors' | string | null;
  timeBegan?: string | null;
  timeEnded?: string | null;
}

export interface SynchronizationProgress {
  completedUnits?: number | null;
  totalUnits?: number | null;
  units?: string | null;
  progressObservationDateTime?: string | null;
}

export interface SynchronizationStatus {
  code?: JobStatusCode | string | null;
  countSuccessiveCompleteFailures?: number | null;
  escrowsPruned?: boolean | null;
  lastExecution?: SynchronizationTaskExecution | null;
  lastSuccessfulExecution?: SynchronizationTaskExecution | null;
  lastSuccessfulExecutionWithExports?: SynchronizationTaskExecution | null;
  progress?: SynchronizationProgress[] | null;
  quarantine?: SynchronizationQuarantine | null;
  steadyStateFirstAchievedTime?: string | null;
  steadyStateLastAchievedTime?: string | null;
  synchronizedEntryCountByType?: Array<{ key: string; value: number }> | null;
  troubleshootingUrl?: string | null;
}

export interface SynchronizationSchedule {
  expiration?: string | null;
  interval?: string | null;
  state?: 'Active' | 'Disabled' | 'Paused' | string | null;
}

export interface SynchronizationJob {
  id: string;
  templateId?: string | null;
  schedule?: SynchronizationSchedule | null;
  status?: SynchronizationStatus | null;
  synchronizationJobSettings?: Array<{ name: string; value: string }> | null;
}

export interface FilterClause {
  sourceOperandName: string;
  operatorName: string;
  targetOperand?: { values?: string[] | null } | null;
}

export interface FilterGroup {
  name?: string | null;
  clauses: FilterClause[];
}

export interface ScopeFilter {
  groups?: FilterGroup[] | null;
  inputFilterGroups?: FilterGroup[] | null;
  categoryFilterGroups?: FilterGroup[] | null;
}

export interface AttributeMappingSource {
  type: 'Attribute' | 'Constant' | 'Function' | string;
  name?: string | null;
  expression?: string | null;
  parameters?: Array<{ key: string; value: AttributeMappingSource }> | null;
}

export interface AttributeMapping {
  targetAttributeName: string;
  source?: AttributeMappingSource | null;
  matchingPriority?: number | null;
  defaultValue?: string | null;
  flowType?: string | null;
  flowBehavior?: string | null;
  exportMissingReferences?: boolean | null;
}

export interface ObjectMapping {
  name?: string | null;
  enabled?: boolean | null;
  sourceObjectName: string;
  targetObjectName: string;
  flowTypes?: string | null;
  attributeMappings: AttributeMapping[];
  scope?: ScopeFilter | null;
}

export interface SynchronizationRule {
  id: string;
  name?: string | null;
  sourceDirectoryName?: string | null;
  targetDirectoryName?: string | null;
  editable?: boolean | null;
  objectMappings: ObjectMapping[];
}

export interface SynchronizationSchema {
  id?: string;
  version?: string | null;
  synchronizationRules: SynchronizationRule[];
  directories?: unknown[];
}

export type ProvisioningStatus = 'success' | 'failure' | 'skipped' | 'warning' | string;

export interface ProvisioningErrorInfo {
  errorCode?: string | null;
  reason?: string | null;
  additionalDetails?: string | null;
  errorCategory?: string | null;
  recommendedAction?: string | null;
}

export interface ProvisioningStep {
  name?: string | null;
  provisioningStepType?: string | null;
  status?: ProvisioningStatus | null;
  description?: string | null;
  details?: Record<string, string> | null;
}

export interface ProvisionedIdentity {
  id?: string | null;
  displayName?: string | null;
  identityType?: string | null;
  details?: Record<string, string> | null;
}

export interface ProvisioningObjectSummary {
  id: string;
  activityDateTime: string;
  jobId?: string | null;
  cycleId?: string | null;
  changeId?: string | null;
  provisioningAction?: string | null;
  durationInMilliseconds?: number | null;
  provisioningStatusInfo?: { status?: ProvisioningStatus | null; errorInformation?: ProvisioningErrorInfo | null } | null;
  provisioningSteps?: ProvisioningStep[] | null;
  servicePrincipal?: { id?: string | null; displayName?: string | null } | null;
  sourceIdentity?: ProvisionedIdentity | null;
  targetIdentity?: ProvisionedIdentity | null;
  sourceSystem?: { id?: string | null; displayName?: string | null } | null;
  targetSystem?: { id?: string | null; displayName?: string | null } | null;
  initiatedBy?: { id?: string | null; displayName?: string | null; initiatorType?: string | null } | null;
  modifiedProperties?: Array<{ displayName?: string | null; oldValue?: string | null; newValue?: string | null }> | null;
}

/** One entry of the Entra audit log (`directoryAudit`): who did what to which object, and when. */
export interface DirectoryAudit {
  id: string;
  category?: string | null;
  correlationId?: string | null;
  result?: 'success' | 'failure' | 'timeout' | string | null;
  resultReason?: string | null;
  activityDisplayName?: string | null;
  activityDateTime: string;
  loggedByService?: string | null;
  operationType?: string | null;
  initiatedBy?: {
    user?: { id?: string | null; displayName?: string | null; userPrincipalName?: string | null; ipAddress?: string | null } | null;
    app?: { appId?: string | null; displayName?: string | null; servicePrincipalId?: string | null; servicePrincipalName?: string | null } | null;
  } | null;
  targetResources?: Array<{
    id?: string | null;
    displayName?: string | null;
    type?: string | null;
    userPrincipalName?: string | null;
    modifiedProperties?: Array<{ displayName?: string | null; oldValue?: string | null; newValue?: string | null }> | null;
  }> | null;
  additionalDetails?: Array<{ key?: string | null; value?: string | null }> | null;
}

/** Graph's error body: `{ error: { code, message, innerError: { 'request-id', date } } }`. */
export interface GraphErrorBody {
  error: { code: string; message: string; innerError?: { 'request-id'?: string; 'client-request-id'?: string; date?: string } };
}
