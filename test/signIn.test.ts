// Production mode end to end, the way Teams and Azure drive it: the compiled bot in its own process, configured
// only from the environment, receives activities signed by a channel authority, gets the admin's token from a
// Bot Framework token service, exchanges it on behalf of the admin at an https Entra authority, and reads an
// https Graph that answers only that on-behalf-of token (from the demo tenant behind it). Every stand-in but the
// channel authority and the connector speaks TLS with a self-signed certificate the bot trusts through
// NODE_EXTRA_CA_CERTS.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoTenant, shiftTimes, startDemoGraph, type DemoGraph, type DemoRequest } from '../src/demo';
import { cardButtons, cardText, cardsOf, onlyCard, type CardButton } from './support/cards';
import { startChannelAuthority, type ChannelAuthority } from './support/channelAuthority';
import { startConnector, type Connector, type ConnectorCall } from './support/connector';
import { startHttpsAuthority, type HttpsAuthority } from './support/httpsAuthority';
import { startHttpsGraph, type HttpsGraph } from './support/httpsGraph';
import { TENANTS } from './support/tenants';
import type { Activity, Card, InvokeBody, Person } from './support/testBot';
import { createTlsCertificate, type TlsCertificate } from './support/tlsCertificate';
import { startTokenService, type TokenService } from './support/tokenService';

const root = join(__dirname, '..');
const BOT_ID = randomUUID();
const BOT_PASSWORD = 'bot-client-secret~StandIn.7Qx';
const CONNECTION = 'graph-sign-in';
const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';
const APP_TOKEN = 'bot-framework-app-token-of-the-bot';

/** A Teams user, with the token the OAuth connection holds once they sign in and the Graph token it is exchanged for. */
interface Admin extends Person {
  connectionToken: string;
  /** What Teams hands the bot for SSO (signin/tokenExchange, or `authentication` on a card action). */
  ssoToken: string;
  graphToken?: string;
}

function admin(name: string, graph: 'token' | 'no-consent' = 'token'): Admin {
  const key = name.split(' ')[0].toLowerCase();
  return {
    id: `29:${key}-${randomUUID()}`,
    name,
    aadObjectId: randomUUID(),
    connectionToken: `connection-token-of-${key}-${randomUUID()}`,
    ssoToken: `teams-sso-token-of-${key}-${randomUUID()}`,
    ...(graph === 'token' ? { graphToken: `graph-obo-token-of-${key}-${randomUUID()}` } : {}),
  };
}

const ADA = admin('Ada Admin'); // signed in before the tests
const BEA = admin('Bea Admin'); // signs in through Teams SSO mid-question
const CY = admin('Cy Admin'); // clicks a remedy button signed out
const DEE = admin('Dee Admin', 'no-consent'); // in a tenant where nobody consented
const EVE = admin('Eve Admin'); // signs in through the sign-in link mid-question
const ADMINS = [ADA, BEA, CY, DEE, EVE];

let tls: TlsCertificate;
let channel: ChannelAuthority;
let tokenService: TokenService;
let authority: HttpsAuthority;
let demo: DemoGraph;
let graph: HttpsGraph;
let connector: Connector;
let tenantId: string;
let dataDir: string;
let child: ChildProcess;
let output = '';
let endpoint: string;
const demoRequests: DemoRequest[] = [];

// dist/ is built once for the whole run by test/support/buildOnce.ts (vitest globalSetup).
beforeAll(async () => {
  tls = await createTlsCertificate();
  const tenant = shiftTimes(loadDemoTenant(TENANTS.contoso), new Date());
  tenantId = tenant.tenant.id;
  demo = await startDemoGraph({ tenant, onRequest: (req) => void demoRequests.push(req) });
  channel = await startChannelAuthority();
  connector = await startConnector();
  tokenService = await startTokenService(tls, { connectionName: CONNECTION, tokenExchangeUri: `api://botid-${BOT_ID}` });
  authority = await startHttpsAuthority(tls, {
    tenantId,
    clientId: BOT_ID,
    clientSecret: BOT_PASSWORD,
    assertions: Object.fromEntries(
      ADMINS.map((a) => [a.connectionToken, a.graphToken ? { token: a.graphToken } : { error: 'consent-missing' as const }]),
    ),
    appTokens: { [BOT_FRAMEWORK_SCOPE]: APP_TOKEN },
  });
  graph = await startHttpsGraph(tls, demo.url, () => ADMINS.flatMap((a) => (a.graphToken ? [a.graphToken] : [])));
  tokenService.signIn(ADA.id, ADA.connectionToken);
  tokenService.signIn(DEE.id, DEE.connectionToken);
  dataDir = mkdtempSync(join(tmpdir(), 'pa-sign-in-'));
  child = spawn(process.execPath, [join(root, 'dist', 'src', 'index.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      BOT_ID,
      BOT_PASSWORD,
      BOT_TENANT_ID: tenantId,
      BOT_TYPE: 'SingleTenant',
      OAUTH_CONNECTION_NAME: CONNECTION,
      PORT: '0',
      HOST: '127.0.0.1',
      GRAPH_BASE_URL: graph.url,
      // The budget has its own spec; here it would only make the questions wait.
      GRAPH_LOG_REQUESTS_PER_10S: '1000',
      BOT_OPENID_METADATA_URL: channel.metadataUrl,
      BOT_TOKEN_ISSUER: channel.issuer,
      BOT_OAUTH_URL: tokenService.url,
      AAD_AUTHORITY_HOST: authority.url,
      DATA_DIR: dataDir,
      NODE_EXTRA_CA_CERTS: tls.caFile,
      LOG_LEVEL: 'debug',
    },
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  endpoint = await endpointOf();
}, 120_000);

afterAll(async () => {
  child?.kill('SIGTERM');
  await Promise.all([graph?.close(), authority?.close(), tokenService?.close(), connector?.close(), channel?.close(), demo?.close()]);
  await tls?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function endpointOf(): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const match = output.match(/"endpoint":"(http:\/\/127\.0\.0\.1:\d+\/api\/messages)"/);
    if (match) return match[1];
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the bot did not start:\n${output}`);
}

function activity(from: Admin, extra: Record<string, unknown>) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    timestamp: new Date().toISOString(),
    locale: 'en-US',
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: { id: `28:${BOT_ID}`, name: 'Provisioning Assistant' },
    // Each admin talks to the bot in their own personal chat.
    conversation: { id: `a:personal-${from.aadObjectId}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    ...extra,
  };
}

/** Posts an activity as the channel does: signed for this bot and the connector's serviceUrl. */
async function post(body: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${channel.token({ aud: BOT_ID, serviceurl: connector.url })}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A message with deliveryMode expectReplies: the replies come back in the response. */
async function ask(from: Admin, text: string): Promise<Activity[]> {
  const res = await post(activity(from, { type: 'message', text, deliveryMode: 'expectReplies' }));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as { activities: Activity[] }).activities;
}

async function invoke(from: Admin, name: string, value: unknown, replyToId?: string): Promise<{ status: number; body: InvokeBody }> {
  const res = await post(activity(from, { type: 'invoke', name, value, ...(replyToId ? { replyToId } : {}) }));
  return { status: res.status, body: res.body as InvokeBody };
}

/** A card button click (Action.Execute), optionally with what Teams adds after SSO. */
function click(from: Admin, button: Pick<CardButton, 'verb' | 'data'>, authentication?: Record<string, unknown>) {
  return invoke(from, 'adaptiveCard/action', { action: { type: 'Action.Execute', verb: button.verb, data: button.data }, ...(authentication ? { authentication } : {}) }, 'card-message-1');
}

const tokenCallsFor = (a: Admin) => tokenService.calls.filter((c) => c.query.userId === a.id);
const oboGrantsFor = (a: Admin) => authority.tokenRequests().filter((r) => r.form?.assertion === a.connectionToken);
const graphCallsSince = (n: number) => graph.calls.slice(n);

describe('a signed-in admin', () => {
  it('gets the diagnosis of Jane, read from Graph on their behalf with the on-behalf-of token', async () => {
    const graphBefore = graph.calls.length;
    const text = cardText(onlyCard(await ask(ADA, 'why was jane skipped?')));
    expect(text).toContain('Jane Doe');
    expect(text).toContain('scoping filter');

    // The token service was asked for the admin's token on the connection, by the bot with its own token.
    const getToken = tokenCallsFor(ADA).filter((c) => c.path === '/api/usertoken/GetToken');
    expect(getToken.length).toBeGreaterThanOrEqual(1);
    expect(getToken[0].query).toMatchObject({ connectionName: CONNECTION, channelId: 'msteams' });
    expect(getToken.every((c) => c.authorization === `Bearer ${APP_TOKEN}`)).toBe(true);
    expect(authority.appTokenRequests()[0]?.form).toMatchObject({ grant_type: 'client_credentials', client_id: BOT_ID, scope: BOT_FRAMEWORK_SCOPE });

    // Exactly one on-behalf-of grant, with the connection's token as the assertion.
    const grants = oboGrantsFor(ADA);
    expect(grants).toHaveLength(1);
    expect(grants[0].path).toBe(`/${tenantId}/oauth2/v2.0/token`);
    expect(grants[0].form).toMatchObject({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      requested_token_use: 'on_behalf_of',
      client_id: BOT_ID,
      assertion: ADA.connectionToken,
    });
    expect(grants[0].form?.scope?.split(' ')).toContain('https://graph.microsoft.com/.default');

    // Graph was read, and only ever with the on-behalf-of token.
    const calls = graphCallsSince(graphBefore);
    expect(calls.length).toBeGreaterThan(0);
    expect(new Set(calls.map((c) => c.authorization))).toEqual(new Set([`Bearer ${ADA.graphToken}`]));
  });

  it('reuses the cached Graph token for the next question: no second on-behalf-of grant', async () => {
    const graphBefore = graph.calls.length;
    const text = cardText(onlyCard(await ask(ADA, 'is ServiceNow in quarantine?')));
    expect(text).toContain('ServiceNow');
    expect(oboGrantsFor(ADA)).toHaveLength(1);
    const calls = graphCallsSince(graphBefore);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.authorization === `Bearer ${ADA.graphToken}`)).toBe(true);
  });
});

describe('signed out', () => {
  it('answers help without asking anyone for a token', async () => {
    const before = { tokens: tokenService.calls.length, authority: authority.requests.length, graph: graph.calls.length };
    const text = cardText(onlyCard(await ask(BEA, 'help')));
    expect(text).toContain('Ask me about');
    expect(tokenService.calls.length).toBe(before.tokens);
    expect(authority.requests.length).toBe(before.authority);
    expect(graph.calls.length).toBe(before.graph);
  });
});


/** The replies the bot sent to the connector since `n` calls, as activities. */
const sentSince = (n: number): Activity[] => connector.calls.slice(n).map((c: ConnectorCall) => c.body as Activity);

describe('signing in in the middle of a question', () => {
  it('answers a Graph question signed out with a sign-in card that Teams can complete silently (SSO)', async () => {
    const before = { graph: graph.calls.length, obo: authority.tokenRequests().length };
    const replies = await ask(BEA, 'why was jane skipped?');
    expect(cardsOf(replies)).toEqual([]);
    const oauthCards = replies.flatMap((r) => r.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.oauth');
    expect(oauthCards).toHaveLength(1);
    expect(oauthCards[0].content).toMatchObject({
      connectionName: CONNECTION,
      text: expect.stringContaining('Sign in'),
      // Teams exchanges its SSO token for this resource instead of showing the button.
      tokenExchangeResource: { uri: `api://botid-${BOT_ID}` },
      buttons: [{ type: 'signin', value: tokenService.signInLink }],
    });
    // The bot asked for Bea's token and for a sign-in resource for its own app and connection, and read nothing.
    const calls = tokenCallsFor(BEA);
    expect(calls.map((c) => c.path)).toContain('/api/usertoken/GetToken');
    const resource = tokenService.calls.filter((c) => c.path === '/api/botsignin/GetSignInResource').at(-1)!;
    expect(JSON.parse(Buffer.from(resource.query.state, 'base64').toString('utf8'))).toMatchObject({ connectionName: CONNECTION, msAppId: BOT_ID });
    expect(graph.calls.length).toBe(before.graph);
    expect(authority.tokenRequests().length).toBe(before.obo);
  });

  it('tells Teams to show the sign-in button when its SSO token cannot be exchanged', async () => {
    const before = { connector: connector.calls.length, graph: graph.calls.length };
    const res = await invoke(BEA, 'signin/tokenExchange', { id: randomUUID(), connectionName: CONNECTION, token: 'an-sso-token-the-token-service-refuses' });
    expect(res.status).toBe(412);
    expect(res.body).toMatchObject({ connectionName: CONNECTION, failureDetail: expect.stringContaining('Proceed with regular login') });
    expect(sentSince(before.connector)).toEqual([]);
    expect(graph.calls.length).toBe(before.graph);
  });

  const exchangeId = randomUUID();

  it('answers the original question once Teams exchanges the SSO token, without it being asked again', async () => {
    tokenService.acceptSso(BEA.id, BEA.ssoToken, BEA.connectionToken);
    const before = { connector: connector.calls.length, graph: graph.calls.length, tokens: tokenService.calls.length };
    const res = await invoke(BEA, 'signin/tokenExchange', { id: exchangeId, connectionName: CONNECTION, token: BEA.ssoToken });
    // Teams learns the exchange worked, so it shows no sign-in button.
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: exchangeId, connectionName: CONNECTION, failureDetail: null });
    const exchanges = tokenService.calls.slice(before.tokens).filter((c) => c.path === '/api/usertoken/exchange');
    expect(exchanges.length).toBeGreaterThanOrEqual(1);
    expect(exchanges.every((c) => c.body?.token === BEA.ssoToken && c.query.userId === BEA.id && c.query.connectionName === CONNECTION)).toBe(true);

    // The answer to "why was jane skipped?" arrives in the chat, sent with the bot's own token.
    const text = cardText(onlyCard(sentSince(before.connector)));
    expect(text).toContain('Jane Doe');
    expect(text).toContain('scoping filter');
    expect(connector.calls.slice(before.connector).every((c) => c.authorization === `Bearer ${APP_TOKEN}`)).toBe(true);
    expect(oboGrantsFor(BEA)).toHaveLength(1);
    const calls = graphCallsSince(before.graph);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.authorization === `Bearer ${BEA.graphToken}`)).toBe(true);
  });

  it('answers the same exchange from another Teams client once, without answering the question twice', async () => {
    const before = { connector: connector.calls.length, graph: graph.calls.length };
    const res = await invoke(BEA, 'signin/tokenExchange', { id: exchangeId, connectionName: CONNECTION, token: BEA.ssoToken });
    expect(res.status).toBe(200);
    expect(sentSince(before.connector)).toEqual([]);
    expect(graph.calls.length).toBe(before.graph);
  });

  it('answers the original question after signing in through the link (signin/verifyState)', async () => {
    expect(cardsOf(await ask(EVE, 'is ServiceNow in quarantine?'))).toEqual([]);
    tokenService.signIn(EVE.id, EVE.connectionToken);
    const before = connector.calls.length;
    const res = await invoke(EVE, 'signin/verifyState', { state: '482913' });
    expect(res.status).toBe(200);
    expect(cardText(onlyCard(sentSince(before)))).toContain('ServiceNow');
    expect(oboGrantsFor(EVE)).toHaveLength(1);
  });
});

describe('a remedy button', () => {
  let zoom: { spId: string; jobId: string };
  let confirmation: Card;

  beforeAll(() => {
    const sp = demo.state.servicePrincipals.find((s) => s.displayName === 'Zoom')!;
    zoom = { spId: sp.id, jobId: demo.state.synchronization[sp.id].jobs[0].id };
  });

  it('asks a signed-out admin to sign in, in the card (Universal Actions login request), and changes nothing', async () => {
    const before = { graph: graph.calls.length, demo: demoRequests.length };
    const res = await click(CY, { verb: 'startProvisioning', data: zoom });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      statusCode: 401,
      type: 'application/vnd.microsoft.activity.loginRequest',
      value: {
        connectionName: CONNECTION,
        buttons: [{ type: 'signin', value: tokenService.signInLink }],
        tokenExchangeResource: { id: `28:${BOT_ID}`, uri: `api://botid-${BOT_ID}` },
      },
    });
    expect(graph.calls.length).toBe(before.graph);
    expect(demoRequests.length).toBe(before.demo);
  });

  it('shows the confirmation once Teams sends the click again with the SSO token', async () => {
    tokenService.acceptSso(CY.id, CY.ssoToken, CY.connectionToken);
    const graphBefore = graph.calls.length;
    const res = await click(CY, { verb: 'startProvisioning', data: zoom }, { id: randomUUID(), connectionName: CONNECTION, token: CY.ssoToken });
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    confirmation = res.body.value as Card;
    expect(cardText(confirmation)).toContain('Start Zoom provisioning?');
    expect(tokenCallsFor(CY).filter((c) => c.path === '/api/usertoken/exchange').map((c) => c.body)).toEqual([{ token: CY.ssoToken }]);
    expect(graphCallsSince(graphBefore).every((c) => c.authorization === `Bearer ${CY.graphToken}`)).toBe(true);
  });

  it('starts Zoom provisioning through Graph with the admin’s on-behalf-of token when confirmed', async () => {
    const confirm = cardButtons(confirmation).find((b) => b.verb === 'startProvisioning' && b.data?.stage === 'confirm');
    expect(confirm, cardText(confirmation)).toBeDefined();
    const before = { graph: graph.calls.length, demo: demoRequests.length };
    const res = await click(CY, confirm!);
    expect(res.status).toBe(200);
    expect(cardText(res.body.value as Card)).toContain('Provisioning started for Zoom');
    const start = graphCallsSince(before.graph).filter((c) => c.method === 'POST' && c.url.endsWith('/start'));
    expect(start).toEqual([{ method: 'POST', url: `/v1.0/servicePrincipals/${zoom.spId}/synchronization/jobs/${encodeURIComponent(zoom.jobId)}/start`, authorization: `Bearer ${CY.graphToken}` }]);
    // Just started, as Graph reports it until the first cycle ends: NotRun with the schedule switched on.
    expect(demo.state.synchronization[zoom.spId].jobs[0]).toMatchObject({ status: { code: 'NotRun' }, schedule: { state: 'Active' } });
    expect(oboGrantsFor(CY)).toHaveLength(1);
  });
});

describe('consent missing', () => {
  it('says an administrator must consent, with the admin-consent link, and reads nothing', async () => {
    const graphBefore = graph.calls.length;
    const text = cardText(onlyCard(await ask(DEE, 'why was jane skipped?')));
    expect(text.toLowerCase()).toContain('consent');
    expect(text).toContain(`${authority.url}/${tenantId}/adminconsent?client_id=${BOT_ID}`);
    expect(text).toContain('AADSTS65001');
    expect(oboGrantsFor(DEE)).toHaveLength(1);
    expect(graph.calls.length).toBe(graphBefore);
  });
});

describe('the bot’s logs', () => {
  it('never contain a token, an assertion or the client secret', async () => {
    // Stopped first, so everything it wrote has arrived.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    // The logs did record the turns above, so their silence about secrets means something.
    expect(output).toContain('"msg":"question"');
    expect(output).toContain('graph request');
    expect(output).toContain('on-behalf-of token request failed');
    const secrets = [BOT_PASSWORD, APP_TOKEN, ...ADMINS.flatMap((a) => [a.connectionToken, a.ssoToken, ...(a.graphToken ? [a.graphToken] : [])])];
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/Bearer\s+(?!\[redacted\])\S/);
  });
});
