// "Retry all" against the Graph stand-in: one confirmation, at most 50 people per click at Graph's on-demand
// pace (5 per 10 s, on fake timers), partial failure, the tally, and one audit record per person.
import { MemoryStorage } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ON_DEMAND_REDUNDANT_EXPORT } from '../../test/fixtures/graphSamples';
import { TENANTS } from '../../test/support/testBot';
import { loadDemoTenant, shiftTimes, startDemoGraph, type DemoGraph } from '../demo';
import { GraphGateway } from '../graph/gateway';
import type { ProvisioningObjectSummary } from '../graph/types';
import { createLogger } from '../log';
import { AuditLog } from '../storage/auditLog';
import { Operations } from '../storage/operations';
import { remediate, type RemediationReply } from './remediate';
import { remedySchema } from './remedyRequest';
import { MAX_RETRIES } from './retryFailed';

const FAILED = 55;
const BROKEN = '00000000-0000-4000-8000-000000000007';
const actor = { name: 'Ada Admin', aadObjectId: '7f3c4e2a-1b2d-4c5e-8f90-123456789abc', tenantId: 'fabrikam' };

let graph: DemoGraph;
let onDemand: string[];
let tenantNo = 0;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  onDemand = [];
  graph = await startDemoGraph({
    tenant: shiftTimes(loadDemoTenant(TENANTS.fabrikam), new Date()),
    onRequest: (req) => {
      if (!req.path.endsWith('/provisionOnDemand')) return;
      const id = (req.body as { parameters: Array<{ subjects: Array<{ objectId: string }> }> }).parameters[0].subjects[0].objectId;
      onDemand.push(id);
      if (id === BROKEN) return { status: 500, body: { error: { code: 'InternalServerError', message: 'The service had a problem.' } } };
      return { status: 200, body: ON_DEMAND_REDUNDANT_EXPORT };
    },
  });
});
afterEach(async () => {
  vi.useRealTimers();
  await graph.close();
});

/** An app with FAILED people whose newest entry failed in the last hours. */
function appWithFailures() {
  const logs = graph.state.provisioningLogs as ProvisioningObjectSummary[];
  const failure = logs.find((e) => e.provisioningStatusInfo?.status === 'failure')!;
  const spId = failure.servicePrincipal!.id!;
  // Only the made-up people fail in this app now.
  graph.state.provisioningLogs = logs.filter((e) => !(e.servicePrincipal?.id === spId && e.provisioningStatusInfo?.status === 'failure'));
  for (let i = 0; i < FAILED; i++) {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    graph.state.provisioningLogs.push({
      ...structuredClone(failure),
      id: `retry-${i}`,
      activityDateTime: new Date(Date.now() - (i + 1) * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      sourceIdentity: { id, displayName: `Person ${i}`, identityType: 'User' },
    });
  }
  return { spId, jobId: failure.jobId! };
}

function setup() {
  const storage = new MemoryStorage();
  const audit = new AuditLog(storage);
  const gateway = new GraphGateway({ baseUrl: graph.url, tenantKey: `retry-spec-${tenantNo++}`, provisioningLogLimit: 1000 });
  return { audit, deps: { gateway, operations: new Operations(storage), audit, logger: createLogger({ level: 'silent' }), answerWithinMs: 10 * 60_000 } };
}

/** Runs a click to its end, moving the fake clock so Graph's on-demand budget frees its slots. */
async function settle(work: Promise<RemediationReply>): Promise<RemediationReply> {
  let done = false;
  void work.finally(() => (done = true));
  while (!done) await vi.advanceTimersByTimeAsync(500);
  return work;
}

const text = (reply: RemediationReply) => JSON.stringify(reply.kind === 'card' ? reply.card : reply);
const confirmData = (reply: RemediationReply) => JSON.parse(text(reply).match(/"data":(\{[^{}]*"stage":"confirm"[^{}]*\})/)![1]);

describe('retry failed users', () => {
  it('asks once, sends nothing before the confirm, then retries at most 50 and tallies', async () => {
    const { spId, jobId } = appWithFailures();
    const { audit, deps } = setup();
    const review = await settle(remediate(remedySchema('retryFailed').parse({ spId, jobId, stage: 'review' }), actor, deps));
    expect(text(review)).toContain(`Retry ${MAX_RETRIES} failed users in`);
    expect(text(review)).toContain(`${MAX_RETRIES} of ${FAILED}`);
    expect(onDemand).toEqual([]);

    const outcome = await settle(remediate(remedySchema('retryFailed').parse(confirmData(review)), actor, deps));
    expect(onDemand).toHaveLength(MAX_RETRIES);
    expect(onDemand).toContain(BROKEN);
    const card = text(outcome);
    expect(card).toContain(`Retried ${MAX_RETRIES} failed users in`);
    expect(card).toContain(`${MAX_RETRIES - 1} up to date`);
    expect(card).toMatch(/1 failed because [^"]+/);
    expect(card).toContain(`${FAILED - MAX_RETRIES} people are still to retry`);

    const records = await audit.latest(actor.tenantId, { limit: 100 });
    const perPerson = records.filter((r) => r.verb === 'provisionOnDemand');
    expect(perPerson).toHaveLength(MAX_RETRIES);
    expect(perPerson.find((r) => r.target.userId === BROKEN)?.result).toBe('failed');
    expect(records.find((r) => r.verb === 'retryFailed')?.result).toBe('failed');
  });

  it('spaces the on-demand runs at Graph’s limit of 5 per 10 seconds', async () => {
    const { spId, jobId } = appWithFailures();
    const { deps } = setup();
    const review = await settle(remediate(remedySchema('retryFailed').parse({ spId, jobId, stage: 'review' }), actor, deps));
    const started = Date.now();
    await settle(remediate(remedySchema('retryFailed').parse(confirmData(review)), actor, deps));
    // 50 runs in windows of 5: nine full windows have to pass.
    expect(Date.now() - started).toBeGreaterThanOrEqual(90_000);
  });
});
