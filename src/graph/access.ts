// Which delegated permission and Entra role a Graph call needs, so a 403 can name what is missing
// (from the permissions and roles each Graph API reference page lists).
export interface RequiredAccess {
  permissions: string[];
  roles: string[];
  note?: string;
}

const READER_ROLES = ['Reports Reader', 'Security Reader', 'Global Reader', 'Application Administrator', 'Cloud Application Administrator'];
const APP_ADMIN = ['Cloud Application Administrator', 'Application Administrator'];

export function requiredAccess(method: string, path: string): RequiredAccess {
  const p = path.split('?')[0].toLowerCase();
  const write = method.toUpperCase() !== 'GET';
  if (p.startsWith('/auditlogs/provisioning')) {
    return {
      permissions: ['AuditLog.Read.All', 'Directory.Read.All'],
      roles: READER_ROLES,
      note: 'Provisioning logs also need a Microsoft Entra ID P1 or P2 licence in the tenant.',
    };
  }
  if (p.startsWith('/auditlogs/directoryaudits')) {
    return { permissions: ['AuditLog.Read.All'], roles: READER_ROLES, note: 'The Entra audit log shows who changed provisioning settings, credentials and mappings.' };
  }
  if (p.includes('/synchronization')) {
    // Global Reader cannot read provisioning configuration (it lacks
    // microsoft.directory/applications/synchronization/standard/read): only the application admin roles can.
    return write
      ? { permissions: ['Synchronization.ReadWrite.All'], roles: APP_ADMIN }
      : {
          permissions: ['Synchronization.Read.All (or Synchronization.ReadWrite.All)'],
          roles: APP_ADMIN,
          note: 'Global Reader is not enough: it cannot read provisioning jobs (Microsoft Entra Cloud Sync jobs also accept Hybrid Identity Administrator).',
        };
  }
  if (p.includes('approleassign')) {
    return write
      ? { permissions: ['AppRoleAssignment.ReadWrite.All'], roles: APP_ADMIN }
      : { permissions: ['Application.Read.All'], roles: ['Global Reader', ...APP_ADMIN] };
  }
  if (p.startsWith('/serviceprincipals')) return { permissions: ['Application.Read.All'], roles: ['Global Reader', ...APP_ADMIN] };
  if (p.startsWith('/groups')) return { permissions: ['GroupMember.Read.All'], roles: ['Directory Readers'] };
  return { permissions: ['User.Read.All'], roles: ['Directory Readers'] };
}
