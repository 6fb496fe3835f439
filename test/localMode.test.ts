// Local mode has no inbound authentication, so it answers only this machine and only JSON; and smaller
// guarantees of the front door: Graph text in facts cannot form links, a storage outage leaves stateless
// answers working and shows in /healthz, the IPv6 loopback works.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { cardText, onlyCard } from './support/cards';
import { useConnector } from './support/connector';
import { startTestBot, TENANTS, useTestBot } from './support/testBot';

const t = useTestBot({ tenantFile: TENANTS.fabrikam });

function rawPost(headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  const url = new URL(`${t.bot.url}/api/messages`);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const help = JSON.stringify({ type: 'message', text: 'help', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'expectReplies', from: { id: '29:x' }, recipient: { id: '28:b' }, conversation: { id: 'a:1' } });

describe('local mode answers only this machine', () => {
  it.each([
    ['a page on another site (Origin)', { origin: 'https://evil.example', 'content-type': 'application/json' }, 403],
    ['a rebound host name (Host)', { host: 'evil.example:3978', 'content-type': 'application/json' }, 403],
    ['a form post a page can send without asking', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ['plain text', { 'content-type': 'text/plain' }, 415],
  ] as const)('refuses %s with a JSON error', async (_case, headers, status) => {
    const before = t.graphRequests.length;
    const res = await rawPost({ ...headers }, help);
    expect(res.status).toBe(status);
    expect(Object.keys(JSON.parse(res.body))).toEqual(['error']);
    expect(t.graphRequests.length).toBe(before);
  });

  it('still answers the Playground and curl (loopback, JSON, a loopback Origin)', async () => {
    const res = await rawPost({ 'content-type': 'application/json', origin: 'http://localhost:56150' }, help);
    expect(res.status).toBe(200);
    expect(res.body).toContain('Ask me about');
  });

  it('answers malformed JSON with a JSON error without parser internals', async () => {
    const res = await rawPost({ 'content-type': 'application/json' }, '{"type": "message", ');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: 'The request is not a valid JSON activity.' });
  });
});

describe('Graph text in a card', () => {
  it('cannot turn into a markdown link in a fact', async () => {
    const sp = t.graph.state.servicePrincipals.find((s) => s.displayName === 'Tableau Cloud')!;
    const job = t.graph.state.synchronization[sp.id].jobs[0];
    job.status!.quarantine!.error = { ...job.status!.quarantine!.error, message: 'Sign in again at [the portal](https://evil.example/login)' } as never;
    const card = onlyCard(await t.ask('is tableau cloud in quarantine?'));
    expect(cardText(card)).toContain('the portal');
    expect(JSON.stringify(card)).not.toContain('[the portal](https://evil.example');
  });
});

describe('replies sent to Teams', () => {
  // Teams gives each conversation the service URL of its region; the bot keeps one connector client per URL.
  const west = useConnector();
  const east = useConnector();

  it('go to the service URL of each conversation, turn after turn', async () => {
    const turns = [west, east, west, east, east, west];
    for (const [i, connector] of turns.entries()) {
      const conversation = connector === west ? 'a:west-chat' : 'a:east-chat';
      const res = await t.send({ type: 'message', text: 'help', serviceUrl: connector.url, conversation: { id: conversation, conversationType: 'personal' } });
      expect(res.status, `turn ${i + 1}`).toBe(200);
    }
    for (const [connector, conversation] of [[west, 'a:west-chat'], [east, 'a:east-chat']] as const) {
      const replies = connector.calls.filter((c) => c.method === 'POST');
      expect(replies.map((c) => decodeURIComponent(c.path).split('/activities')[0])).toEqual(Array(3).fill(`/v3/conversations/${conversation}`));
      expect(replies.every((c) => cardText((c.body.attachments as Array<{ content: Record<string, unknown> }>)[0].content).includes('Ask me about'))).toBe(true);
    }
  });
});

describe('the rest of the front door', () => {
  it('serves the about, privacy and terms pages the Teams manifest links to', async () => {
    for (const [page, heading] of [['about', 'Provisioning assistant'], ['privacy', 'Privacy statement'], ['terms', 'Terms of use']]) {
      const res = await fetch(`${t.bot.url}/${page}`);
      expect(res.status, page).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(await res.text()).toContain(`<h1>${heading}</h1>`);
    }
  });


  it('accepts HOST=[::1] and answers there', async () => {
    expect(loadConfig({ HOST: '[::1]' })).toMatchObject({ host: '::1' });
    const v6 = await startTestBot({ tenantFile: TENANTS.fabrikam, env: { HOST: '::1' } });
    try {
      expect(v6.bot.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      expect(cardText(onlyCard(await v6.ask('help')))).toContain('Ask me about');
    } finally {
      await v6.close();
    }
  });

  it('answers help while storage is down, and /healthz says storage is down', async () => {
    const down = await startTestBot({
      tenantFile: TENANTS.fabrikam,
      storageConnectionString: 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1',
    });
    try {
      expect(cardText(onlyCard(await down.ask('help')))).toContain('Ask me about');
      const health = await fetch(`${down.bot.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'degraded', storage: expect.stringMatching(/^unreachable/) });
    } finally {
      await down.close();
    }
  }, 20_000);
});
