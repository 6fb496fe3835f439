// Alerts end to end: a channel says "alerts on"; two bot instances share Blob storage (Azurite) and poll the
// same Graph stand-in; a job that falls into quarantine gets exactly one thread at the connector stand-in;
// recovery updates that card and replies in its thread; a restart keeps the subscription; removing the bot
// stops the posts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import type { SynchronizationJob } from '../src/graph/types';
import { createLogger, type Logger } from '../src/log';
import { startBot, type RunningBot } from '../src/startBot';
import { startAzurite } from './support/azurite';
import { cardText, onlyCard } from './support/cards';
import { startConnector, type Connector, type ConnectorCall } from './support/connector';
import { startTestBot, type TestBot } from './support/testBot';

const CHANNEL = '19:identity-ops@thread.tacv2';
let azurite: Awaited<ReturnType<typeof startAzurite>>;
let connector: Connector;
let first: TestBot;
let second: RunningBot;

/** Cycles a tenth of a second apart: "more cycles" below is a fraction of a second. */
const POLL_SECONDS = 0.1;

/** Each instance's own log, read for the line the poller writes at the end of every cycle. */
function pollLog(): { logger: Logger; cycles: number } {
  const log = { cycles: 0 } as { logger: Logger; cycles: number };
  log.logger = createLogger({ level: 'info', destination: { write: (line: string) => void (line.includes('"msg":"alert poll cycle"') && log.cycles++) } });
  return log;
}
const firstLog = pollLog();
const secondLog = pollLog();

const secondInstance = () =>
  startBot(
    loadConfig({
      PORT: '0',
      GRAPH_BASE_URL: first.graph.url,
      GRAPH_LOG_REQUESTS_PER_10S: '1000',
      STORAGE_CONNECTION_STRING: azurite.connectionString,
      ALERT_POLL_SECONDS: String(POLL_SECONDS),
      DATA_DIR: '.data/test-alerts',
    }),
    secondLog.logger,
  );

beforeAll(async () => {
  [azurite, connector] = await Promise.all([startAzurite(), startConnector()]);
  first = await startTestBot({
    storageConnectionString: azurite.connectionString,
    alertPollSeconds: POLL_SECONDS,
    serviceUrl: connector.url,
    conversationType: 'channel',
    conversationId: CHANNEL,
    logger: firstLog.logger,
  });
  second = await secondInstance();
}, 60_000);

afterAll(async () => {
  await second?.close();
  await first?.close();
  await connector?.close();
  await azurite?.close();
});

const newThreads = () => connector.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations');
const threadAbout = (app: string) => newThreads().filter((c) => JSON.stringify(c.body).includes(app));

function job(appName: string): SynchronizationJob {
  const sp = first.graph.state.servicePrincipals.find((s) => s.displayName === appName)!;
  return first.graph.state.synchronization[sp.id].jobs[0];
}

async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}; connector saw ${JSON.stringify(connector.calls.map((c) => `${c.method} ${c.path}`))}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Until each instance has finished `n` more poll cycles: whatever they would post twice has been posted by then. */
async function moreCycles(n: number): Promise<void> {
  const [first, second] = [firstLog.cycles, secondLog.cycles];
  await until(`${n} more poll cycles of each instance`, () => firstLog.cycles >= first + n && secondLog.cycles >= second + n);
}

describe('alerts in a channel, two instances sharing Azurite', () => {
  it('does not turn alerts on for someone Graph does not let read provisioning', async () => {
    first.hook = (r) => (r.path.endsWith('/synchronization/jobs') ? { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges.' } } } : undefined);
    try {
      expect(cardText(onlyCard(await first.ask('alerts on')))).toContain('Synchronization');
    } finally {
      first.hook = undefined;
    }
    expect(cardText(onlyCard(await first.ask('alerts')))).toContain('Watching nothing');
  });

  it('turns alerts on and lists what is watched and what is broken now', async () => {
    const text = cardText(onlyCard(await first.ask('alerts on')));
    expect(text).toContain('Alerts are on for every app with provisioning');
    expect(text).toContain('ServiceNow');
    expect(text).toContain('Slack');
  });

  it('posts each current problem once, in its own thread, with the fix buttons and a mute button', async () => {
    await until('the current problems to be posted', () => threadAbout('ServiceNow').length > 0 && threadAbout('Slack').length > 0);
    await moreCycles(2);
    expect(threadAbout('ServiceNow')).toHaveLength(1);
    expect(threadAbout('Slack')).toHaveLength(1);
    const post = threadAbout('ServiceNow')[0];
    expect(post.body).toMatchObject({ isGroup: true, channelData: { channel: { id: CHANNEL } } });
    const card = JSON.stringify(post.body);
    expect(card).toContain('clearQuarantine');
    expect(card).toContain('muteAlerts');
  });

  it('mutes an app from its alert card', async () => {
    const card = threadAbout('Slack')[0].body as { activity?: { attachments?: Array<{ content: Record<string, unknown> }> } };
    const mute = JSON.stringify(card).match(/"verb":"muteAlerts","data":(\{[^}]*\})/);
    expect(mute).toBeTruthy();
    const answer = await first.invoke('muteAlerts', JSON.parse(mute![1]));
    expect(cardText(answer.body.value as Record<string, unknown>)).toMatch(/Slack alerts muted until/);
    expect(cardText(onlyCard(await first.ask('alerts')))).toMatch(/Muted Slack until/);
  });

  it('takes a digest schedule, a detector switched off and a per-app filter, and lists them all in one answer', async () => {
    expect(cardText(onlyCard(await first.ask('@Provisioning assistant digest daily at 9:00')))).toMatch(/Digest daily at 09:00 UTC/);
    expect(cardText(onlyCard(await first.ask('no slow cycle alerts')))).toMatch(/Alerts about slow cycles off/);
    expect(cardText(onlyCard(await first.ask('alerts for Slack only failures')))).toMatch(/Only Slack: failing cycles, quarantine/);
    const list = cardText(onlyCard(await first.ask('alerts')));
    expect(list).toMatch(/Switched off slow cycles/);
    expect(list).toMatch(/Digest daily at 09:00 UTC/);
  });

  it('posts exactly one card when a job falls into quarantine, then updates it and replies when it recovers', async () => {
    const atlassian = job('Atlassian Cloud');
    const healthy = structuredClone(atlassian.status);
    atlassian.status = {
      ...healthy,
      code: 'Quarantine',
      quarantine: {
        currentBegan: new Date().toISOString(),
        nextAttempt: new Date(Date.now() + 6 * 3600_000).toISOString(),
        reason: 'EncounteredQuarantineException',
        seriesBegan: new Date().toISOString(),
        seriesCount: 1,
        error: { code: 'SystemForCrossDomainIdentityManagementCredentialValidationFailure', message: 'The target answered 401.', tenantActionable: true },
      },
    };
    await until('the Atlassian alert', () => threadAbout('Atlassian Cloud').length > 0);
    await moreCycles(2);
    expect(threadAbout('Atlassian Cloud')).toHaveLength(1);

    const posted = threadAbout('Atlassian Cloud')[0];
    const thread = connector.answers.get(posted)!;
    atlassian.status = healthy;
    // The card is replaced by its own message id, in its thread (Teams refuses any other id).
    const updated = (c: ConnectorCall) =>
      c.method === 'PUT' &&
      c.path === `/v3/conversations/${encodeURIComponent(thread.id)}/activities/${encodeURIComponent(thread.activityId)}` &&
      JSON.stringify(c.body).toLowerCase().includes('resolved');
    await until('the card to turn to resolved', () => connector.calls.some(updated));
    await until('the reply in the thread', () => connector.calls.some((c) => c.method === 'POST' && c.path.includes(encodeURIComponent(';messageid=')) && /Resolved/.test(JSON.stringify(c.body))));
    await moreCycles(2);
    expect(connector.calls.filter(updated)).toHaveLength(1);
  }, 40_000);

  it('keeps the subscription across a restart', async () => {
    await second.close();
    second = await secondInstance();
    const text = cardText(onlyCard(await first.ask('alerts')));
    expect(text).toContain('every app with provisioning');
  });

  it('posts nothing more once the bot is removed from the team', async () => {
    const res = await first.send({ type: 'installationUpdate', action: 'remove' });
    expect(res.status).toBeLessThan(300);
    await moreCycles(1); // a send already on its way when the bot was removed may still land: let it
    const before = newThreads().length;
    const salesforce = job('Salesforce');
    salesforce.status = { ...salesforce.status, code: 'Paused' };
    salesforce.schedule = { ...salesforce.schedule, state: 'Paused' };
    await moreCycles(2);
    expect(newThreads()).toHaveLength(before);
  }, 20_000);
});
