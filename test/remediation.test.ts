// Every remedy button, clicked through the real HTTP server as invoke activities against the demo tenant:
// the confirmation, the exact Graph calls the stand-in received, the state change, the result card, the card
// updated for everyone, the audit trail; and cancel, double confirm, stale cards, errors, a slow Graph (that one
// in-process, where the invoke deadline can be short).
import { describe, expect, it } from 'vitest';
import type { DemoRequest } from '../src/demo';
import type { SynchronizationJob } from '../src/graph/types';
import { loadConfig } from '../src/config';
import { join } from 'node:path';
import { createLogger } from '../src/log';
import { FileStorage } from '../src/storage/fileStorage';
import { Operations } from '../src/storage/operations';
import { startBot } from '../src/startBot';
import { cardButtons, cardText, onlyCard, type CardButton } from './support/cards';
import { useConnector } from './support/connector';
import { startInProcessBot } from './support/inProcessBot';
import { startTestBot, TENANTS, useTestBot, type Card } from './support/testBot';

const connector = useConnector();
const t = useTestBot(() => ({ serviceUrl: connector.url, conversationType: 'groupChat' }));

const writes = () => t.graphRequests.filter((r) => r.method !== 'GET' && r.path !== '/$batch');
const card = (body: { value?: unknown }) => body.value as Card;

function button(c: Card, verb: string, title?: RegExp): CardButton {
  const found = cardButtons(c).find((b) => b.verb === verb && (!title || title.test(b.title)));
  if (!found) throw new Error(`no ${verb} button on:\n${cardText(c)}`);
  return found;
}

async function click(b: CardButton, from?: { name: string; aadObjectId: string }): Promise<Card> {
  const answer = await t.invoke(b.verb!, b.data, from && { ...from, id: `29:${from.aadObjectId}` });
  expect(answer.status).toBe(200);
  expect(answer.body.type).toBe('application/vnd.microsoft.card.adaptive');
  return card(answer.body);
}

function job(appName: string): SynchronizationJob {
  const sp = t.graph.state.servicePrincipals.find((s) => s.displayName === appName)!;
  return t.graph.state.synchronization[sp.id].jobs[0];
}

/** From a diagnosis to the confirmation card of one of its remedies. */
async function confirmationFor(question: string, verb: string, from?: { name: string; aadObjectId: string }): Promise<Card> {
  const diagnosis = onlyCard(await t.ask(question));
  t.graphRequests.length = 0;
  const confirmation = await click(button(diagnosis, verb), from);
  expect(writes(), 'a review changes nothing').toEqual([]);
  return confirmation;
}

const GRACE = { name: 'Grace Admin', aadObjectId: '0a1b2c3d-0000-4000-8000-000000000001' };

describe('clear quarantine', () => {
  let confirmation: Card;
  let confirm: CardButton;

  it('asks first, says the credential cause will bring the quarantine back, and offers a test first', async () => {
    expect(cardText(onlyCard(await t.ask('is anything in quarantine?')))).toMatch(/ServiceNow\nQuarantine · credentials/);
    confirmation = await confirmationFor('is ServiceNow in quarantine?', 'clearQuarantine', GRACE);
    const text = cardText(confirmation);
    expect(text).toContain('Clear the quarantine of ServiceNow?');
    expect(text).toContain('fall back into quarantine');
    expect(button(confirmation, 'testConnection').title).toBe('Test connection first');
    confirm = button(confirmation, 'clearQuarantine');
    expect(confirm.data).toMatchObject({ stage: 'confirm', seenState: 'Quarantine' });
    expect(confirm.data!.operationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('restarts the job with QuarantineState as the clicking admin, shows what changed, and updates the card for everyone', async () => {
    t.graphRequests.length = 0;
    const result = await click(confirm, GRACE);
    expect(writes().map((r) => [r.method, r.path.split('/').slice(-1)[0], r.body])).toEqual([['POST', 'restart', { criteria: { resetScope: 'QuarantineState' } }]]);
    expect(job('ServiceNow').status?.code).toBe('Active');
    const text = cardText(result);
    expect(text).toContain('Quarantine cleared for ServiceNow');
    expect(text).toContain('Quarantine → Active');
    expect(text).toContain('Grace Admin');
    expect(text).toMatch(/Graph request id \S+/);
    const update = await connector.waitFor((c) => c.method === 'PUT' && c.path.endsWith('/activities/card-message-1'));
    expect(JSON.stringify(update.body)).toContain('Quarantine cleared for ServiceNow');
    // The overview read before the action must not be served again from its cache.
    expect(cardText(onlyCard(await t.ask('is anything in quarantine?')))).not.toMatch(/ServiceNow\nQuarantine/);
    // The natural next step is the primary button: a question sent as the admin's message (the card stays).
    const [next] = cardButtons(result);
    expect(next).toMatchObject({ type: 'Action.Submit', title: 'Check status', style: 'positive', data: { msteams: { type: 'imBack', value: 'how is ServiceNow doing?' } } });
    expect(cardText(onlyCard(await t.ask(String((next.data!.msteams as { value: string }).value))))).toMatch(/ServiceNow/);
  });

  it('runs once under a double click: the second confirm shows the first result', async () => {
    t.graphRequests.length = 0;
    const again = await click(confirm, GRACE);
    expect(writes()).toEqual([]);
    expect(cardText(again)).toContain('Quarantine cleared for ServiceNow');
  });

  it('says a stale card is stale instead of acting blindly', async () => {
    const diagnosisButton = { verb: 'clearQuarantine', type: 'Action.Execute', title: '', data: { ...confirm.data, stage: undefined, operationId: undefined } };
    t.graphRequests.length = 0;
    const text = cardText(await click(diagnosisButton));
    expect(text).toContain('out of date');
    expect(text).toContain('no longer in quarantine');
    expect(writes()).toEqual([]);
    expect(cardText(await click(diagnosisButton))).toContain('[Check status]');
  });
});

describe('restart provisioning', () => {
  it('states the impact and keeps the risky variants behind their own confirmation that names the risk', async () => {
    const confirmation = await confirmationFor('is Slack quarantined?', 'restartProvisioning');
    const text = cardText(confirmation);
    expect(text).toContain('Restart Slack provisioning?');
    expect(text).toMatch(/Users in scope \(last cycle\) \d+/);
    expect(text).toContain('full cycle');
    const risky = await click(button(confirmation, 'restartProvisioning', /held-back deletions/));
    expect(writes()).toEqual([]);
    expect(cardText(risky)).toContain('cannot be undone');
    const riskyConfirm = button(risky, 'restartProvisioning', /^Yes/);
    expect(riskyConfirm).toMatchObject({ style: 'destructive', data: { restartOption: 'ForceDeletes', stage: 'confirm' } });
    await click(riskyConfirm);
    expect(writes().map((r) => [r.path.split('/').slice(-1)[0], r.body])).toEqual([
      ['restart', { criteria: { resetScope: 'Watermark, Escrows, QuarantineState, ForceDeletes' } }],
    ]);
    expect(job('Slack').status?.code).toBe('Active');

    // The plain restart on the same (now outdated) confirmation is refused: the job left quarantine meanwhile.
    t.graphRequests.length = 0;
    const stale = cardText(await click(button(confirmation, 'restartProvisioning', /^Restart provisioning$/)));
    expect(stale).toContain('changed from Quarantine to Active');
    expect(writes()).toEqual([]);
  });

  it("sends the portal's restart (no reset scope) by default", async () => {
    const atlassian = t.graph.state.servicePrincipals.find((sp) => sp.displayName === 'Atlassian Cloud')!;
    const confirmation = await click({ type: 'Action.Execute', title: '', verb: 'restartProvisioning', data: { spId: atlassian.id, jobId: job('Atlassian Cloud').id, seenState: 'Active' } });
    t.graphRequests.length = 0;
    const result = cardText(await click(button(confirmation, 'restartProvisioning', /^Restart provisioning$/)));
    expect(writes().map((r) => [r.method, r.path.split('/').slice(-1)[0], r.body])).toEqual([['POST', 'restart', {}]]);
    expect(result).toContain('Provisioning restarted for Atlassian Cloud');
  });
});

describe('start provisioning', () => {
  it('starts a paused job and says so', async () => {
    const confirmation = await confirmationFor('Salesforce Sandbox provisioning is stuck', 'startProvisioning');
    const result = await click(button(confirmation, 'startProvisioning'));
    expect(writes().map((r) => [r.method, r.path.split('/').slice(-1)[0]])).toEqual([['POST', 'start']]);
    // Graph reads NotRun with an Active schedule right after start (docs/graph-facts.md).
    expect(job('Salesforce Sandbox').schedule?.state).toBe('Active');
    expect(cardText(result)).toMatch(/Paused → (Active|NotRun)/);
  });
});

describe('test connection', () => {
  it('runs at once (it changes nothing) and explains the failure', async () => {
    const diagnosis = onlyCard(await t.ask('test the connection to Dropbox'));
    expect(cardText(diagnosis)).toContain('couldn'); // not in Contoso: Dropbox is Fabrikam's
    const zoom = onlyCard(await t.ask("zoom provisioning doesn't start"));
    t.graphRequests.length = 0;
    const result = await click(button(zoom, 'testConnection'));
    expect(writes().map((r) => [r.path.split('/').slice(-1)[0], r.body])).toEqual([['validateCredentials', { useSavedCredentials: true }]]);
    expect(cardText(result)).toContain('Zoom accepts the saved credentials');
  });
});

describe('re-assign a user', () => {
  it('removes the direct assignment and adds it back with the same role, then offers provision on demand', async () => {
    const tomas = t.graph.state.users.find((u) => u.displayName === 'Tomás García')!;
    const before = t.graph.state.appRoleAssignments.filter((a) => a.principalId === tomas.id);
    const confirmation = await confirmationFor('why was tomas skipped', 'reassignUser');
    expect(cardText(confirmation)).toContain('Re-assign Tomás García to Atlassian Cloud?');
    const result = await click(button(confirmation, 'reassignUser'));
    const [remove, add] = writes();
    const old = before.find((a) => remove.path.endsWith(`/appRoleAssignedTo/${a.id}`))!;
    expect(remove.method).toBe('DELETE');
    expect(old).toBeTruthy();
    expect(add).toMatchObject({ method: 'POST', body: { principalId: tomas.id, resourceId: old.resourceId, appRoleId: old.appRoleId } });
    const now = t.graph.state.appRoleAssignments.filter((a) => a.principalId === tomas.id && a.resourceId === old.resourceId);
    expect(now).toHaveLength(1);
    expect(now[0].id).not.toBe(old.id);
    expect(now[0].appRoleId).toBe(old.appRoleId);
    expect(cardText(result)).toContain('Tomás García re-assigned to Atlassian Cloud');
    expect(button(result, 'provisionOnDemand').data).toMatchObject({ userId: tomas.id });
  });

  it('finishes the re-assignment when Graph carried out the removal but answered too late', async () => {
    const tomas = t.graph.state.users.find((u) => u.displayName === 'Tomás García')!;
    const confirmation = await confirmationFor('why was tomas skipped', 'reassignUser');
    let deletes = 0;
    t.hook = (r: DemoRequest) => {
      if (r.method !== 'DELETE' || deletes++ > 0) return undefined;
      // Graph removes the assignment, then the answer times out at the gateway: the SDK retries the DELETE.
      const id = r.path.split('/').pop();
      t.graph.state.appRoleAssignments = t.graph.state.appRoleAssignments.filter((a) => a.id !== id);
      return { status: 504, body: { error: { code: 'GatewayTimeout', message: 'The operation timed out.' } } };
    };
    const result = cardText(await click(button(confirmation, 'reassignUser')));
    expect(deletes).toBe(2);
    expect(result).toContain('Tomás García re-assigned to Atlassian Cloud');
    const atlassian = t.graph.state.servicePrincipals.find((sp) => sp.displayName === 'Atlassian Cloud')!;
    expect(t.graph.state.appRoleAssignments.filter((a) => a.principalId === tomas.id && a.resourceId === atlassian.id)).toHaveLength(1);
  });

  it('explains a group-based assignment and names how many members re-assigning the group affects', async () => {
    const alex = t.graph.state.users.find((u) => u.displayName === 'Alex Wilber')!;
    const salesforce = t.graph.state.servicePrincipals.find((s) => s.displayName === 'Salesforce')!;
    const sales = t.graph.state.groups.find((g) => g.displayName === 'Sales Team')!;
    const members = t.graph.state.groupMembers[sales.id].length;
    const confirmation = await click({
      type: 'Action.Execute',
      title: '',
      verb: 'reassignUser',
      data: { spId: salesforce.id, jobId: job('Salesforce').id, userId: alex.id },
    });
    const text = cardText(confirmation);
    expect(text).toContain('Re-assign the group Sales Team to Salesforce?');
    expect(text).toContain(`${members} member`);
  });
});

describe('provision on demand', () => {
  it('provisions one user with the rule from the schema and shows the steps', async () => {
    const megan = t.graph.state.users.find((u) => u.displayName === 'Megan Bowen')!;
    const github = t.graph.state.servicePrincipals.find((s) => s.displayName === 'GitHub Enterprise Cloud')!;
    const ruleId = t.graph.state.synchronization[github.id].schemas[job('GitHub Enterprise Cloud').id].synchronizationRules[0].id;
    const confirmation = await confirmationFor('why was megan bowen not provisioned?', 'provisionOnDemand');
    const result = await click(button(confirmation, 'provisionOnDemand'));
    expect(writes().map((r) => r.body)).toEqual([{ parameters: [{ ruleId, subjects: [{ objectId: megan.id, objectTypeName: 'User' }] }] }]);
    const text = cardText(result);
    expect(text).toContain('Megan Bowen was provisioned to GitHub Enterprise Cloud');
    expect(text.toLowerCase()).toContain('scoping');
  });
});

describe('an action cut off by a restart', () => {
  it('says it was interrupted and offers to check again, instead of "under way" forever', async () => {
    const confirmation = await confirmationFor("zoom provisioning doesn't start", 'startProvisioning');
    const confirm = button(confirmation, 'startProvisioning');
    // What a crashed instance leaves behind: the operation claimed 11 minutes ago and never finished.
    const crashed = new Operations(new FileStorage(join(t.dataDir, 'store')), () => new Date(Date.now() - 11 * 60_000));
    await crashed.begin(t.graph.state.tenant.id, String(confirm.data!.operationId), {
      verb: 'startProvisioning',
      actor: { name: 'Crashed Admin', aadObjectId: '00000000-0000-4000-8000-000000000001' },
      target: { spId: String(confirm.data!.spId) },
    });
    const result = await click(confirm);
    expect(cardText(result)).toContain('Start provisioning was interrupted');
    expect(writes()).toEqual([]);
    expect(button(result, 'startProvisioning').data).toMatchObject({ stage: 'review' });
  });
});

describe('cancel and failures', () => {
  it('cancels without a Graph call', async () => {
    const confirmation = await confirmationFor("zoom provisioning doesn't start", 'startProvisioning');
    const text = cardText(await click(button(confirmation, 'cancelRemedy')));
    expect(text).toContain('Nothing was changed');
    expect(writes()).toEqual([]);
  });

  it.each([
    [403, 'Authorization_RequestDenied', {}, ['permission or role is missing', 'Synchronization.ReadWrite.All', 'Cloud Application Administrator']],
    [404, 'Request_ResourceNotFound', {}, ['no longer exists']],
    [429, 'TooManyRequests', { 'Retry-After': '120' }, ['Try again in 120 seconds']],
    [409, 'Conflict', {}, ['refused the request', 'refused']],
    [400, 'BadRequest', {}, ['refused the request', 'refused']],
  ] as const)('explains a %i from Graph on the action, and records the failure', async (status, code, headers, says) => {
    const confirmation = await confirmationFor("zoom provisioning doesn't start", 'startProvisioning');
    t.hook = (r: DemoRequest) => (r.method === 'POST' && r.path.endsWith('/start') ? { status, headers, body: { error: { code, message: 'refused' } } } : undefined);
    const text = cardText(await click(button(confirmation, 'startProvisioning')));
    for (const s of says) expect(text).toContain(s);
    t.hook = undefined;
    const audit = cardText(onlyCard(await t.ask('audit')));
    expect(audit).toContain('Start provisioning');
    expect(audit).toContain('Failed');
  });
});

describe('the audit trail', () => {
  it('lists the latest actions with who, what and the result, and filters by app', async () => {
    const all = cardText(onlyCard(await t.ask('audit')));
    expect(all).toContain('Clear quarantine');
    expect(all).toContain('Grace Admin');
    const servicenow = cardText(onlyCard(await t.ask('who cleared the quarantine on ServiceNow?')));
    expect(servicenow).toContain('ServiceNow');
    expect(servicenow).not.toContain('Salesforce Sandbox');
  });
});

describe('a slow Graph and a second instance', () => {
  it('answers within the invoke deadline with "working…", then updates the card with the result', async () => {
    // In-process, for an invoke deadline of a fifth of a second instead of 4 s; the late update still goes to
    // the connector over HTTP.
    const slow = await startInProcessBot(TENANTS.fabrikam, { serviceUrl: connector.url, answerWithinMs: 200 });
    try {
      const box = slow.graph.state.servicePrincipals.find((s) => s.displayName === 'Box')!;
      const paused = slow.graph.state.synchronization[box.id].jobs[0];
      expect(paused.schedule?.state).toBe('Paused');
      const review = await slow.invoke('startProvisioning', { spId: box.id, jobId: paused.id, seenState: 'Paused' });
      // Graph carries out the start only once the click has been answered.
      let answered!: () => void;
      const clickAnswered = new Promise<void>((resolve) => (answered = resolve));
      slow.hook = async (r) => {
        if (r.method === 'POST' && r.path.endsWith('/start')) await clickAnswered;
      };
      const started = Date.now();
      const answer = await slow.invoke('startProvisioning', button(card(review.body), 'startProvisioning').data);
      answered();
      expect(Date.now() - started).toBeLessThan(1200);
      expect(cardText(card(answer.body))).toContain('working');
      const update = await connector.waitFor((c) => c.method === 'PUT' && c.path.includes(encodeURIComponent(slow.conversationId)) && c.path.endsWith('/activities/card-message-1'));
      expect(JSON.stringify(update.body)).toContain('Provisioning started for Box');
    } finally {
      await slow.close();
    }
  });

  it('runs a confirmation once even when two instances sharing storage receive it', async () => {
    const dataDir = (await import('node:fs')).mkdtempSync((await import('node:path')).join((await import('node:os')).tmpdir(), 'pa-shared-'));
    const first = await startTestBot({ dataDir });
    const second = await startBot(
      loadConfig({ PORT: '0', GRAPH_BASE_URL: first.graph.url, GRAPH_LOG_REQUESTS_PER_10S: '1000', DATA_DIR: dataDir, ALERT_POLL_SECONDS: '0', LOG_LEVEL: 'silent' }),
      createLogger({ level: 'silent' }),
    );
    try {
      const confirmation = onlyCard(await first.ask('zoom provisioning does not start'));
      const review = await first.invoke('startProvisioning', button(confirmation, 'startProvisioning').data);
      const confirm = button(card(review.body), 'startProvisioning');
      const activity = (id: string) => ({
        type: 'invoke',
        name: 'adaptiveCard/action',
        id,
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/',
        from: { id: '29:admin', name: 'Ada Admin', aadObjectId: '7f3c4e2a-1b2d-4c5e-8f90-123456789abc' },
        recipient: { id: '28:bot' },
        // The same admin and tenant the confirmation was issued to: its token is bound to them.
        conversation: { id: 'a:1', conversationType: 'personal', tenantId: first.graph.state.tenant.id },
        value: { action: { type: 'Action.Execute', verb: 'startProvisioning', data: confirm.data } },
      });
      first.graphRequests.length = 0;
      const [a, b] = await Promise.all([
        first.post(activity('1')),
        fetch(`${second.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity('2')) }),
      ]);
      const texts = [await a.json(), await b.json()].map((r) => cardText((r as { value: Card }).value));
      expect(first.graphRequests.filter((r) => r.method === 'POST' && r.path.endsWith('/start'))).toHaveLength(1);
      expect(texts.some((x) => x.includes('Provisioning started for Zoom'))).toBe(true);
    } finally {
      await second.close();
      await first.close();
    }
  });
});
