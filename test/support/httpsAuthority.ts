// A Microsoft Entra authority stand-in over https: the OpenID metadata MSAL reads and the token endpoint that
// answers the on-behalf-of grant and the app's own client-credentials grant. It checks a grant the way Entra
// does (grant type, requested_token_use, the client's id and secret, a known assertion or scope) and answers
// tokens or AADSTS errors in Entra's JSON error shape.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { readBody, startHttpsServer } from './tlsCertificate';

export type AssertionOutcome =
  /** The OBO grant succeeds with this Graph token, valid for `expiresIn` seconds (default 3600). */
  | { token: string; expiresIn?: number }
  /** AADSTS65001: nobody consented to the Graph permissions for this app. */
  | { error: 'consent-missing' }
  /** AADSTS500133: the assertion has expired. */
  | { error: 'assertion-expired' };

export interface AuthorityRequest {
  method: string;
  path: string;
  /** The token request's form fields (the assertion and the secret included: this is a test double). */
  form?: Record<string, string>;
}

export interface HttpsAuthority {
  /** The `authorityHost`, e.g. `https://127.0.0.1:51234`. */
  url: string;
  requests: AuthorityRequest[];
  /** OBO grants the authority answered (successfully or not). */
  tokenRequests(): AuthorityRequest[];
  /** Client-credentials grants (the app's own tokens) the authority answered. */
  appTokenRequests(): AuthorityRequest[];
  close(): Promise<void>;
}

export interface AuthorityOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** What each user assertion yields; unknown assertions get AADSTS50013 (invalid assertion). */
  assertions: Record<string, AssertionOutcome>;
  /** The app's own tokens by scope (client-credentials grant, e.g. `https://api.botframework.com/.default`). */
  appTokens?: Record<string, string>;
}

const AADSTS = {
  consent: {
    status: 400,
    error: 'invalid_grant',
    suberror: 'consent_required',
    code: 65001,
    text: "AADSTS65001: The user or administrator has not consented to use the application with ID '{client}'. Send an interactive authorization request for this user and resource.",
  },
  expired: { status: 400, error: 'invalid_grant', code: 500133, text: 'AADSTS500133: Assertion is not within its valid time range.' },
  invalidAssertion: { status: 400, error: 'invalid_grant', code: 50013, text: 'AADSTS50013: Assertion failed signature validation.' },
  badClient: { status: 401, error: 'invalid_client', code: 7000215, text: 'AADSTS7000215: Invalid client secret provided.' },
  badGrant: { status: 400, error: 'unsupported_grant_type', code: 70003, text: 'AADSTS70003: The app requested an unsupported grant type.' },
  badScope: { status: 400, error: 'invalid_scope', code: 70011, text: 'AADSTS70011: The provided value for the input parameter \'scope\' is not valid.' },
} as const;

export async function startHttpsAuthority(tls: { key: string; cert: string }, options: AuthorityOptions): Promise<HttpsAuthority> {
  const requests: AuthorityRequest[] = [];
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, failure: (typeof AADSTS)[keyof typeof AADSTS]) =>
    send(res, failure.status, {
      error: failure.error,
      error_description: `${failure.text.replace('{client}', options.clientId)}\r\nTrace ID: ${randomUUID()}\r\nCorrelation ID: ${randomUUID()}\r\nTimestamp: ${new Date().toISOString()}`,
      error_codes: [failure.code],
      timestamp: new Date().toISOString(),
      trace_id: randomUUID(),
      correlation_id: randomUUID(),
      ...('suberror' in failure ? { suberror: failure.suberror } : {}),
    });

  const issue = (res: ServerResponse, token: string, scope: string, expiresIn: number) =>
    send(res, 200, { token_type: 'Bearer', scope, expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token });

  let base = '';
  const tenantPath = `/${options.tenantId}`;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url!, base).pathname;
    const request: AuthorityRequest = { method: req.method!, path };
    requests.push(request);
    if (req.method === 'GET' && path === `${tenantPath}/v2.0/.well-known/openid-configuration`) {
      return send(res, 200, {
        issuer: `${base}/${options.tenantId}/v2.0`,
        authorization_endpoint: `${base}${tenantPath}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}${tenantPath}/oauth2/v2.0/token`,
        end_session_endpoint: `${base}${tenantPath}/oauth2/v2.0/logout`,
        jwks_uri: `${base}${tenantPath}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        tenant_region_scope: null,
        cloud_instance_name: 'microsoftonline.com',
      });
    }
    if (req.method === 'POST' && path === `${tenantPath}/oauth2/v2.0/token`) {
      const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
      request.form = form;
      const clientCredentials = form.grant_type === 'client_credentials';
      const onBehalfOf = form.grant_type === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && form.requested_token_use === 'on_behalf_of';
      if (!clientCredentials && !onBehalfOf) return fail(res, AADSTS.badGrant);
      if (form.client_id !== options.clientId || form.client_secret !== options.clientSecret) return fail(res, AADSTS.badClient);
      if (clientCredentials) {
        const appToken = options.appTokens?.[form.scope ?? ''];
        return appToken ? issue(res, appToken, form.scope!, 3600) : fail(res, AADSTS.badScope);
      }
      const outcome = options.assertions[form.assertion ?? ''];
      if (!outcome) return fail(res, AADSTS.invalidAssertion);
      if ('error' in outcome) return fail(res, outcome.error === 'consent-missing' ? AADSTS.consent : AADSTS.expired);
      const graphScopes = 'https://graph.microsoft.com/AuditLog.Read.All https://graph.microsoft.com/Synchronization.ReadWrite.All';
      return issue(res, outcome.token, graphScopes, outcome.expiresIn ?? 3600);
    }
    send(res, 404, { error: 'not_found', error_description: `The stand-in authority has no ${req.method} ${path}.` });
  };
  const server = await startHttpsServer(tls, handle);
  base = server.url;
  return {
    url: server.url,
    requests,
    tokenRequests: () => requests.filter((r) => r.form?.requested_token_use === 'on_behalf_of'),
    appTokenRequests: () => requests.filter((r) => r.form?.grant_type === 'client_credentials'),
    close: server.close,
  };
}
