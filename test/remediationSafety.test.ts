// Remediation that never lies and a server that enforces its own confirmations, over real HTTP against the
// Fabrikam demo tenant: writes whose answer times out although Graph applied them (or did not), a half-done
// re-assignment, forged, foreign, stale and expired confirmations.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DemoRequest } from '../src/demo';
import { AuditLog } from '../src/storage/auditLog';
import { FileStorage } from '../src/storage/fileStorage';
import { Operations } from '../src/storage/operations';
import { cardButtons, cardText, type CardButton } from './support/cards';
import { TENANTS, useTestBot, type Card } from './support/testBot';

// A short per-request time-out, so "Graph answered too late" takes under a second.
const t = useTestBot({ tenantFile: TENANTS.fabrikam, graphTimeoutMs: 800 });

const OTHER_ADMIN = { id: '29:other', name: 'Other Admin', aadObjectId: '3c2b1a00-0000-4000-8000-0000000000aa' };
const writes = () => t.graphRequests.filter((r) => r.method !== 'GET' && r.path !== '/$batch');

function app(name: string) {
  const sp = t.graph.state.servicePrincipals.find((s) => s.displayName === name)!;
  const job = t.graph.state.synchronization[sp.id].jobs[0];
  return { sp, job };
}

function button(c: Card, verb: string, title?: RegExp): CardButton {
  const found = cardButtons(c).find((b) => b.verb === verb && (!title || title.test(b.title)));
  if (!found) throw new Error(`no ${verb} button on:\n${cardText(c)}`);
  return found;
}

async function click(verb: string, data: unknown, from?: typeof OTHER_ADMIN): Promise<Card> {
  const answer = await t.invoke(verb, data, from);
  expect(answer.status).toBe(200);
  return answer.body.value as Card;
}

/** The confirmation card of a remedy on an app (and a user), as the diagnosis button opens it. */
async function review(verb: string, appName: string, extra: Record<string, unknown> = {}, from?: typeof OTHER_ADMIN): Promise<Card> {
  const { sp, job } = app(appName);
  return click(verb, { spId: sp.id, jobId: job.id, seenState: String(job.status?.code), ...extra }, from);
}

/** Graph carries out the write (or not), but its answer comes after the bot's time-out. */
function lateAnswer(matches: (r: DemoRequest) => boolean, apply?: () => void) {
  t.hook = (r) => {
    if (r.inBatch || !matches(r)) return undefined;
    apply?.();
    return { status: 204, delayMs: 2000 };
  };
}

async function auditDetail(): Promise<string> {
  const [latest] = await new AuditLog(new FileStorage(join(t.dataDir, 'store'))).latest(t.graph.state.tenant.id, { limit: 1 });
  return `${latest.result}: ${latest.detail}`;
}

describe('a write whose answer never came', () => {
  it('reads the job again and says the clearing went through when Graph applied it', async () => {
    const confirm = button(await review('clearQuarantine', 'Tableau Cloud'), 'clearQuarantine');
    const { job } = app('Tableau Cloud');
    lateAnswer(
      (r) => r.method === 'POST' && r.path.endsWith('/restart'),
      () => {
        job.status!.code = 'Active';
        job.status!.quarantine = null;
      },
    );
    const text = cardText(await click('clearQuarantine', confirm.data));
    expect(text).toContain('Clearing the quarantine went through');
    expect(text).toContain('Active');
    expect(text).not.toContain('Nothing was changed');
    expect(await auditDetail()).toMatch(/^succeeded: .*Outcome unknown → verified as: Tableau Cloud's status is now Active/);
  });

  it('says it did not go through (verified) when Graph did not apply it', async () => {
    const confirm = button(await review('clearQuarantine', 'Dropbox Business'), 'clearQuarantine');
    lateAnswer((r) => r.method === 'POST' && r.path.endsWith('/restart'));
    const text = cardText(await click('clearQuarantine', confirm.data));
    expect(text).toContain('Clearing the quarantine did not go through');
    expect(text).toContain('still Quarantine');
    expect(await auditDetail()).toMatch(/^no-change: .*Outcome unknown → verified as/);
  });

  it('reports a half-done re-assignment step by step, says the user is now unassigned, and re-assigns again from the card', async () => {
    const olga = t.graph.state.users.find((u) => u.displayName === 'Olga Petrova')!;
    const { sp } = app('Asana');
    const before = t.graph.state.appRoleAssignments.find((a) => a.principalId === olga.id && a.resourceId === sp.id)!;
    const confirm = button(await review('reassignUser', 'Asana', { userId: olga.id, seenState: undefined }), 'reassignUser');
    // The removal goes through; adding back is answered too late and was not applied.
    lateAnswer((r) => r.method === 'POST' && r.path.endsWith('/appRoleAssignedTo'));
    const result = await click('reassignUser', confirm.data);
    const text = cardText(result);
    expect(text).toContain('Olga Petrova is now unassigned from Asana');
    expect(text).toMatch(/Remove Olga Petrova's assignment .*: Success/);
    expect(text).toMatch(/Add it back .*: Failure/);
    expect(t.graph.state.appRoleAssignments.filter((a) => a.principalId === olga.id && a.resourceId === sp.id)).toEqual([]);
    expect(await auditDetail()).toMatch(/^failed: .*outcome unknown → verified as: Olga Petrova is now unassigned from Asana/);

    t.hook = undefined;
    const again = button(result, 'reassignUser', /Re-assign Olga Petrova again/);
    const confirmation = await click('reassignUser', again.data);
    expect(cardText(confirmation)).toContain('Assign Olga Petrova to Asana again?');
    t.graphRequests.length = 0;
    const done = cardText(await click('reassignUser', button(confirmation, 'reassignUser').data));
    expect(done).toContain('Olga Petrova re-assigned to Asana');
    expect(writes().map((w) => w.method)).toEqual(['POST']);
    const now = t.graph.state.appRoleAssignments.filter((a) => a.principalId === olga.id && a.resourceId === sp.id);
    expect(now.map((a) => a.appRoleId)).toEqual([before.appRoleId]);
  });
});

describe('the server enforces its confirmations', () => {
  it('refuses a confirm click whose token it never issued, and shows the current state', async () => {
    const { sp, job } = app('Box');
    t.graphRequests.length = 0;
    const text = cardText(await click('startProvisioning', { spId: sp.id, jobId: job.id, stage: 'confirm', operationId: crypto.randomUUID() }));
    expect(text).toContain('this confirmation has expired');
    expect(text).toContain('Paused');
    expect(writes()).toEqual([]);
    expect(job.status?.code).toBe('Paused');
  });

  it("refuses another admin's confirmation", async () => {
    const confirm = button(await review('startProvisioning', 'Box'), 'startProvisioning');
    t.graphRequests.length = 0;
    const text = cardText(await click('startProvisioning', confirm.data, OTHER_ADMIN));
    expect(text).toContain('shown to someone else');
    expect(writes()).toEqual([]);
  });

  it('refuses a confirmation replayed for another target', async () => {
    const confirm = button(await review('startProvisioning', 'Box'), 'startProvisioning');
    const smartsheet = app('Smartsheet');
    t.graphRequests.length = 0;
    const text = cardText(await click('startProvisioning', { ...confirm.data, spId: smartsheet.sp.id, jobId: smartsheet.job.id }));
    expect(text).toContain('another action or target');
    expect(writes()).toEqual([]);
  });

  it('checks the state the card showed even when the click drops it', async () => {
    const confirm = button(await review('restartProvisioning', 'Zendesk'), 'restartProvisioning', /^Restart provisioning$/);
    app('Zendesk').job.status!.code = 'Paused';
    const { seenState: _dropped, ...data } = confirm.data!;
    t.graphRequests.length = 0;
    const text = cardText(await click('restartProvisioning', data));
    expect(text).toContain('changed from Active to Paused');
    expect(writes()).toEqual([]);
  });

  it('refuses a confirmation older than its expiry', async () => {
    const confirm = button(await review('startProvisioning', 'Box'), 'startProvisioning');
    // The same offer, as it reads 16 minutes later.
    const operations = new Operations(new FileStorage(join(t.dataDir, 'store')));
    const token = String(confirm.data!.operationId);
    const offer = (await operations.offered(t.graph.state.tenant.id, token))!;
    await operations.offer(t.graph.state.tenant.id, token, { ...offer, expiresAt: new Date(Date.now() - 60_000).toISOString() });
    t.graphRequests.length = 0;
    const text = cardText(await click('startProvisioning', confirm.data));
    expect(text).toContain('this confirmation has expired');
    expect(writes()).toEqual([]);
  });
});
