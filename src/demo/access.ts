// Who is signed in to the demo tenant and what it is licensed for: the answers real Graph gives a caller whose
// role or permission is missing, or a tenant without Entra ID P1/P2, served verbatim so `npm start` shows them.
import { GraphError, type DemoRequest } from './graphHttp';

export interface DemoAccess {
  /**
   * `global-reader`: a reader role without `microsoft.directory/applications/synchronization/standard/read`, so
   * every synchronization call answers 401 while directory reads and audit logs still work. Default: an admin.
   */
  signedInAs?: 'admin' | 'global-reader';
  /** `free`: no Entra ID P1/P2, so audit-log reads answer 403. Default: `p1`. */
  licence?: 'p1' | 'free';
}

export const SIGNED_IN_AS = ['admin', 'global-reader'] as const;
export const LICENCES = ['p1', 'free'] as const;

/**
 * What Graph answers a caller without Synchronization.Read.All (or the role behind it) on any
 * /servicePrincipals/{id}/synchronization/... call: 401 with an empty message, not 403.
 * Source: microsoft/zerotrustassessment#1382 ("401 unknown error" for a Global Reader).
 */
export const SYNCHRONIZATION_UNAUTHORIZED = { status: 401, code: 'UnknownError', message: '' } as const;

/**
 * What Graph answers an audit-log read in a tenant without Entra ID P1/P2: 403 with this code and message.
 * Source: microsoftgraph/microsoft-graph-docs-contrib issue #3808 ("Error in Logic App (403)") and
 * microsoftgraph/microsoft-graph-docs issue #14118, both quoting the body.
 */
export const NON_PREMIUM_TENANT = {
  status: 403,
  code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
  message: "Neither tenant is B2C or tenant doesn't have premium license",
} as const;

function isSynchronizationCall(segments: string[]): boolean {
  const head = segments[0]?.toLowerCase() ?? '';
  const onServicePrincipal = head === 'serviceprincipals' || /^serviceprincipals\(appid=/.test(head);
  const at = head === 'serviceprincipals' ? 2 : 1;
  return onServicePrincipal && segments[at]?.toLowerCase() === 'synchronization';
}

/** Throws the error Graph would answer this caller for this request, or returns when it may go ahead. */
export function checkAccess(access: DemoAccess | undefined, req: DemoRequest): void {
  const segments = req.path.split('/').filter(Boolean);
  if (access?.signedInAs === 'global-reader' && isSynchronizationCall(segments)) {
    throw new GraphError(SYNCHRONIZATION_UNAUTHORIZED.status, SYNCHRONIZATION_UNAUTHORIZED.code, SYNCHRONIZATION_UNAUTHORIZED.message);
  }
  if (access?.licence === 'free' && segments[0]?.toLowerCase() === 'auditlogs') {
    throw new GraphError(NON_PREMIUM_TENANT.status, NON_PREMIUM_TENANT.code, NON_PREMIUM_TENANT.message);
  }
}
