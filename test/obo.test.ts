// On-behalf-of Graph end to end over real TLS: the bot's OnBehalfOfTokens asks a local https Entra authority
// for a Graph token with the user's assertion, and a real GraphGateway sends it to an https Graph stand-in.
// The client side (the compiled bot's modules) runs in a child process that trusts the stand-ins' certificate
// via NODE_EXTRA_CA_CERTS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpsAuthority, type HttpsAuthority } from './support/httpsAuthority';
import { createTlsCertificate, runTrusting, startHttpsServer, type HttpsStandIn, type TlsCertificate } from './support/tlsCertificate';

const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const CLIENT_SECRET = 'stand-in-client-secret-value';
const GRAPH_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ.graph-obo-token';
const SHORT_LIVED_TOKEN = 'graph-token-expiring-in-four-minutes';
const ASSERTION = 'user-assertion-for-api-botid-token';
const SHORT_LIVED_ASSERTION = 'assertion-of-a-short-lived-grant';
const NO_CONSENT_ASSERTION = 'assertion-in-a-tenant-without-consent';
const EXPIRED_ASSERTION = 'assertion-that-has-expired';
const USER = '0f1e2d3c-0000-4000-8000-00000000a11c';

interface ErrorView {
  name: string;
  code: string;
  message: string;
  details: Record<string, unknown>;
}

interface CallResult {
  ok?: boolean;
  body?: { id?: string; displayName?: string };
  /** The gateway's error. */
  error?: ErrorView;
  /** What the token provider itself rejected with (calls made with `askProvider`). */
  tokenError?: ErrorView;
}

let tls: TlsCertificate;
let authority: HttpsAuthority;
let graph: HttpsStandIn;
let graphAuthorizations: Array<string | undefined>;

beforeAll(async () => {
  tls = await createTlsCertificate();
  authority = await startHttpsAuthority(tls, {
    tenantId: TENANT,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    assertions: {
      [ASSERTION]: { token: GRAPH_TOKEN },
      [SHORT_LIVED_ASSERTION]: { token: SHORT_LIVED_TOKEN, expiresIn: 240 },
      [NO_CONSENT_ASSERTION]: { error: 'consent-missing' },
      [EXPIRED_ASSERTION]: { error: 'assertion-expired' },
    },
  });
  graphAuthorizations = [];
  // Graph answers only requests that carry a token the authority issued.
  graph = await startHttpsServer(tls, (req, res) => {
    graphAuthorizations.push(req.headers.authorization);
    const known = [GRAPH_TOKEN, SHORT_LIVED_TOKEN].map((t) => `Bearer ${t}`);
    res.setHeader('content-type', 'application/json');
    if (!known.includes(req.headers.authorization ?? '')) {
      res.writeHead(401);
      res.end(JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty or invalid.' } }));
      return;
    }
    res.writeHead(200);
    res.end(JSON.stringify({ id: 'sp-servicenow', displayName: 'ServiceNow' }));
  });
});

afterAll(async () => {
  await graph?.close();
  await authority?.close();
  await tls?.dispose();
});

/**
 * Runs Graph calls in a child process, one gateway per call as the bot has one per turn. With `askProvider`,
 * the child first asks the user's token provider directly, to see the error it gives the gateway.
 */
async function callGraph(calls: Array<{ user: string; assertion: string; askProvider?: boolean }>): Promise<{ results: CallResult[]; logs: string }> {
  const plan = {
    settings: { tenantId: TENANT, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, authorityHost: authority.url, disableInstanceDiscovery: true },
    graphBaseUrl: `${graph.url}/v1.0`,
    calls,
  };
  const script = `
    const { OnBehalfOfTokens } = require('./dist/src/auth/onBehalfOf');
    const { GraphGateway } = require('./dist/src/graph/gateway');
    const { createLogger } = require('./dist/src/log');
    const plan = ${JSON.stringify(plan)};
    let logs = '';
    const logger = createLogger({ level: 'trace', destination: { write: (line) => { logs += line; } } });
    const tokens = new OnBehalfOfTokens({ ...plan.settings, logger });
    const view = (error) => ({ name: error.name, code: error.code, message: error.message, details: error.details });
    (async () => {
      const results = [];
      for (const call of plan.calls) {
        const provider = tokens.tokenProviderFor(call.user, call.assertion);
        const result = {};
        if (call.askProvider) await provider.getToken().catch((error) => { result.tokenError = view(error); });
        const gateway = new GraphGateway({ baseUrl: plan.graphBaseUrl, tenantKey: plan.settings.tenantId, tokens: provider, logger });
        try {
          result.body = await gateway.get('/servicePrincipals/sp-servicenow');
          result.ok = true;
        } catch (error) {
          logger.error({ err: error }, 'graph call failed');
          result.error = view(error);
        }
        results.push(result);
      }
      process.stdout.write(JSON.stringify({ results, logs }));
    })().catch((error) => { console.error(error); process.exit(1); });`;
  return JSON.parse(await runTrusting(tls.caFile, script)) as { results: CallResult[]; logs: string };
}

function grantsFor(assertion: string) {
  return authority.tokenRequests().filter((r) => r.form?.assertion === assertion);
}

describe('on-behalf-of Microsoft Graph', () => {
  it('exchanges the user assertion for a Graph token and sends it to Graph', async () => {
    const before = graphAuthorizations.length;
    const { results } = await callGraph([{ user: USER, assertion: ASSERTION }]);
    expect(results).toEqual([{ ok: true, body: { id: 'sp-servicenow', displayName: 'ServiceNow' } }]);
    expect(graphAuthorizations.slice(before)).toEqual([`Bearer ${GRAPH_TOKEN}`]);
    const [grant] = grantsFor(ASSERTION);
    expect(grant.path).toBe(`/${TENANT}/oauth2/v2.0/token`);
    expect(grant.form).toMatchObject({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      requested_token_use: 'on_behalf_of',
      client_id: CLIENT_ID,
    });
    expect(grant.form?.scope?.split(' ')).toContain('https://graph.microsoft.com/.default');
  });

  it('asks the authority once for two Graph calls of the same user', async () => {
    const before = grantsFor(ASSERTION).length;
    const { results } = await callGraph([
      { user: USER, assertion: ASSERTION },
      { user: USER, assertion: ASSERTION },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(grantsFor(ASSERTION).length - before).toBe(1);
  });

  it('asks again when the token would expire within five minutes', async () => {
    const { results } = await callGraph([
      { user: USER, assertion: SHORT_LIVED_ASSERTION },
      { user: USER, assertion: SHORT_LIVED_ASSERTION },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(grantsFor(SHORT_LIVED_ASSERTION)).toHaveLength(2);
  });

  it('reports missing consent with the admin-consent link, and calls no Graph', async () => {
    const before = graphAuthorizations.length;
    const { results } = await callGraph([{ user: USER, assertion: NO_CONSENT_ASSERTION, askProvider: true }]);
    expect(results[0].ok).toBeUndefined();
    expect(results[0].error).toEqual(results[0].tokenError);
    expect(results[0].tokenError).toMatchObject({
      name: 'BotError',
      code: 'consent-required',
      details: { aadsts: 'AADSTS65001', consentUrl: `${authority.url}/${TENANT}/adminconsent?client_id=${CLIENT_ID}` },
    });
    expect(graphAuthorizations.length).toBe(before);
  });

  it('asks the user to sign in again when the assertion has expired', async () => {
    const before = graphAuthorizations.length;
    const { results } = await callGraph([{ user: USER, assertion: EXPIRED_ASSERTION, askProvider: true }]);
    expect(results[0].ok).toBeUndefined();
    expect(results[0].error).toEqual(results[0].tokenError);
    expect(results[0].tokenError).toMatchObject({ name: 'BotError', code: 'sign-in-expired', details: { aadsts: 'AADSTS500133' } });
    expect(graphAuthorizations.length).toBe(before);
  });

  it('never writes the Graph token, the assertion or the client secret to the logs', async () => {
    const { results, logs } = await callGraph([
      { user: USER, assertion: ASSERTION },
      { user: USER, assertion: NO_CONSENT_ASSERTION, askProvider: true },
    ]);
    expect(results[0].ok).toBe(true);
    expect(results[1].tokenError?.code).toBe('consent-required');
    // The logs did record both turns, so their silence about secrets means something.
    expect(logs).toContain('graph request');
    expect(logs).toContain('on-behalf-of token request failed');
    for (const secret of [GRAPH_TOKEN, 'graph-obo-token', ASSERTION, NO_CONSENT_ASSERTION, CLIENT_SECRET]) expect(logs).not.toContain(secret);
  });
});
