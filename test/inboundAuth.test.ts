// Production mode's front door: the real bot, configured from the environment as `npm start` would be, checks
// every activity's Bot Framework token against a channel authority the test runs on loopback, and refuses
// tenants outside ALLOWED_TENANTS before anything reaches the bot or Graph.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config';
import { loadDemoTenant, shiftTimes, startDemoGraph, type DemoGraph, type DemoRequest } from '../src/demo';
import { GraphGateway } from '../src/graph/gateway';
import { createLogger } from '../src/log';
import { startBot, type RunningBot } from '../src/startBot';
import { cardText, onlyCard } from './support/cards';
import { newRsaKey, startChannelAuthority, type ChannelAuthority } from './support/channelAuthority';
import { TENANTS, type Activity } from './support/testBot';

const BOT_ID = randomUUID();
const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
const OTHER_TENANT = randomUUID();

let authority: ChannelAuthority;
let graph: DemoGraph;
let bot: RunningBot;
let tenantId: string;
const graphRequests: DemoRequest[] = [];

beforeAll(async () => {
  authority = await startChannelAuthority();
  const tenant = shiftTimes(loadDemoTenant(TENANTS.contoso), new Date());
  tenantId = tenant.tenant.id;
  graph = await startDemoGraph({ tenant, onRequest: (req) => void graphRequests.push(req) });
  const config = loadConfig({
    BOT_ID,
    BOT_PASSWORD: 'never-used-replies-come-back-in-the-response',
    BOT_TENANT_ID: tenantId,
    OAUTH_CONNECTION_NAME: 'graph',
    ALLOWED_TENANTS: tenantId,
    HOST: '127.0.0.1',
    PORT: '0',
    BOT_OPENID_METADATA_URL: authority.metadataUrl,
    BOT_TOKEN_ISSUER: authority.issuer,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'pa-inbound-')),
    LOG_LEVEL: 'silent',
  });
  // Sign-in is not wired in yet: a gateway straight to the stand-in plays the signed-in admin's Graph.
  const gateway = new GraphGateway({ baseUrl: graph.url, tenantKey: tenantId, provisioningLogLimit: 1000 });
  bot = await startBot(config, createLogger({ level: 'silent' }), { graphFor: () => gateway });
});

afterAll(async () => {
  await bot?.close();
  await graph?.close();
  await authority?.close();
});

function activity(text: string, tenant = tenantId) {
  return {
    type: 'message',
    id: randomUUID(),
    text,
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    // Replies come back in the response body: nothing is sent to the connector, so no outbound token is needed.
    deliveryMode: 'expectReplies',
    timestamp: new Date().toISOString(),
    from: { id: '29:admin', name: 'Ada Admin', aadObjectId: randomUUID() },
    recipient: { id: `28:${BOT_ID}`, name: 'Provisioning Assistant' },
    conversation: { id: `a:${randomUUID()}`, conversationType: 'personal', tenantId: tenant },
    channelData: { tenant: { id: tenant } },
  };
}

async function post(body: unknown, authorization?: string): Promise<Response> {
  return fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
}

const valid = () => authority.token({ aud: BOT_ID, serviceurl: SERVICE_URL });
const now = () => Math.floor(Date.now() / 1000);

describe('inbound authentication in production mode', () => {
  it('answers an activity that carries a valid channel token', async () => {
    const res = await post(activity('help'), `Bearer ${valid()}`);
    expect(res.status).toBe(200);
    const { activities } = (await res.json()) as { activities: Activity[] };
    expect(cardText(onlyCard(activities))).toContain('Quarantine');
    // The keys came from the test's authority, not from login.botframework.com.
    expect(authority.fetches).toBeGreaterThanOrEqual(2);
  });

  const refused: Array<[string, () => string | undefined]> = [
    ['no Authorization header', () => undefined],
    ['a token that is not a Bearer token', () => `Basic ${valid()}`],
    ['an unsigned token (alg none)', () => `Bearer ${authority.token({ aud: BOT_ID, serviceurl: SERVICE_URL }, { alg: 'none' })}`],
    ['a token signed with the public key as an HMAC secret', () => `Bearer ${authority.token({ aud: BOT_ID, serviceurl: SERVICE_URL }, { alg: 'HS256' })}`],
    ['an expired token', () => `Bearer ${authority.token({ aud: BOT_ID, serviceurl: SERVICE_URL, nbf: now() - 7200, exp: now() - 3600 })}`],
    ['a token not valid yet', () => `Bearer ${authority.token({ aud: BOT_ID, serviceurl: SERVICE_URL, nbf: now() + 3600, exp: now() + 7200 })}`],
    ['a token for another bot', () => `Bearer ${authority.token({ aud: randomUUID(), serviceurl: SERVICE_URL })}`],
    ['a token from another issuer', () => `Bearer ${authority.token({ aud: BOT_ID, serviceurl: SERVICE_URL, iss: 'https://api.botframework.com' })}`],
    ['a token signed by another key under the published key id', () => `Bearer ${authority.token({ aud: BOT_ID, serviceurl: SERVICE_URL }, { key: newRsaKey() })}`],
    ['a token signed by an unknown key', () => `Bearer ${authority.token({ aud: BOT_ID, serviceurl: SERVICE_URL }, { key: newRsaKey(), kid: randomUUID() })}`],
    ['a token for another serviceUrl', () => `Bearer ${authority.token({ aud: BOT_ID, serviceurl: 'https://attacker.example/' })}`],
    ['a token without an expiry', () => `Bearer ${authority.token({ aud: BOT_ID, serviceurl: SERVICE_URL, exp: undefined })}`],
    ['a token without a serviceurl claim', () => `Bearer ${authority.token({ aud: BOT_ID, serviceurl: undefined as unknown as string })}`],
    // The shape of a user's OAuth-connection token: Entra-issued, azp and aud the bot.
    ['an Entra-signed token whose azp and aud are the bot', () => `Bearer ${authority.token({ aud: BOT_ID, azp: BOT_ID, serviceurl: SERVICE_URL, iss: `https://login.microsoftonline.com/${tenantId}/v2.0`, ver: '2.0', tid: tenantId })}`],
    ['a token signed by an Entra issuer of the emulator', () => `Bearer ${authority.token({ aud: BOT_ID, appid: BOT_ID, serviceurl: SERVICE_URL, iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', ver: '1.0' })}`],
  ];

  it.each(refused)('refuses %s with 401 and no answer', async (_case, authorization) => {
    const before = graphRequests.length;
    const res = await post(activity('why was jane skipped?'), authorization());
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('activities');
    expect(graphRequests.length).toBe(before);
  });
});

describe('what only Teams may send', () => {
  it.each([
    ['another channel', { channelId: 'webchat' }, 401],
    ['an empty channelId', { channelId: '' }, 400],
    ['no channelId', { channelId: undefined }, 400],
    ['no serviceUrl', { serviceUrl: undefined }, 400],
  ] as const)('refuses an activity from %s with a JSON error and no turn', async (_case, change, status) => {
    const before = graphRequests.length;
    const res = await post({ ...activity('why was jane skipped?'), ...change }, `Bearer ${valid()}`);
    expect(res.status).toBe(status);
    expect(Object.keys((await res.json()) as object)).toEqual(['error']);
    expect(graphRequests.length).toBe(before);
  });

  it('writes nothing to stderr for a forged token (no key material, no stack)', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const forged = await post(activity('help'), `Bearer ${authority.token({ aud: BOT_ID, serviceurl: SERVICE_URL }, { key: newRsaKey() })}`);
      const expired = await post(activity('help'), `Bearer ${authority.token({ aud: BOT_ID, serviceurl: SERVICE_URL, nbf: now() - 7200, exp: now() - 3600 })}`);
      expect([forged.status, expired.status]).toEqual([401, 401]);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });
});

describe('ALLOWED_TENANTS', () => {
  it('does not tell an unauthenticated caller which tenants are served: 401 before the tenant check', async () => {
    expect((await post(activity('help', OTHER_TENANT))).status).toBe(401);
    expect((await post(activity('help', tenantId))).status).toBe(401);
  });

  // Graph questions from an allowed tenant go through sign-in first: test/signIn.test.ts follows that path.
  it('serves an activity from an allowed tenant', async () => {
    const res = await post(activity('help'), `Bearer ${valid()}`);
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain('Ask me about');
  });

  it('refuses a validly signed activity from another tenant with 403, before any turn or Graph call', async () => {
    const before = graphRequests.length;
    const res = await post(activity('why was jane skipped?', OTHER_TENANT), `Bearer ${valid()}`);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('activities');
    expect(graphRequests.length).toBe(before);
  });

  it('refuses an activity whose conversation and channelData name different tenants', async () => {
    const body = { ...activity('help'), channelData: { tenant: { id: OTHER_TENANT } } };
    expect((await post(body, `Bearer ${valid()}`)).status).toBe(403);
  });

  it('refuses an activity that names no tenant at all', async () => {
    const { conversation, ...rest } = activity('help');
    const body = { ...rest, conversation: { id: conversation.id, conversationType: 'personal' }, channelData: {} };
    expect((await post(body, `Bearer ${valid()}`)).status).toBe(403);
  });
});
