// The demo tenant file: one Microsoft Entra tenant's provisioning data in Graph's own JSON shapes, which the
// built-in Graph-compatible server (src/demo) serves. Only `simulation` is not Graph data: it says how the
// simulated target systems answer (test connection, provision on demand).
import type { AppRoleAssignment, DirectoryAudit, GraphGroup, GraphUser, ProvisioningObjectSummary, ServicePrincipal, SynchronizationJob, SynchronizationSchema } from '../graph/types';

export interface DemoTenantFile {
  tenant: { id: string; displayName: string; defaultDomain: string };
  /**
   * The moment the data was captured. When the server loads the file, every ISO date-time in it is shifted by
   * (server start − asOf), so "last cycle 12 minutes ago" stays true whenever the demo runs. The sentinel
   * `0001-01-01T00:00:00Z` is never shifted.
   */
  asOf: string;
  users: GraphUser[];
  groups: GraphGroup[];
  /** groupId → ids of its direct members (users or groups). */
  groupMembers: Record<string, string[]>;
  servicePrincipals: ServicePrincipal[];
  /** App role assignments; `resourceId` is the service principal, `principalId` a user or group. */
  appRoleAssignments: AppRoleAssignment[];
  /** servicePrincipalId → its synchronization jobs and their schemas (by job id). */
  synchronization: Record<string, { jobs: SynchronizationJob[]; schemas: Record<string, SynchronizationSchema> }>;
  /** In the order they were recorded (oldest first); the server keeps that order unless `$orderby` is sent. */
  provisioningLogs: ProvisioningObjectSummary[];
  /** servicePrincipalId → its synchronization secrets as Graph returns them (passwords and tokens as "*"). */
  synchronizationSecrets?: Record<string, Array<{ key: string; value: string }>>;
  /** Entra audit-log entries (`directoryAudit`), oldest first; absent in tenants without audit history. */
  directoryAudits?: DirectoryAudit[];
  simulation?: {
    /** jobId → how `validateCredentials` answers; absent = 204 (credentials fine). */
    credentials?: Record<string, { status: number; code: string; message: string }>;
  };
}
