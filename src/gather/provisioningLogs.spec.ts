// Log reads against the Graph stand-in (the Fabrikam demo tenant, with entries added in Graph's shape): a
// person's failure behind a hundred newer entries is found, questions about one app share one read, and a
// remedy on the app makes the next question read afresh.
import { MemoryStorage } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDemoTenant, shiftTimes, startDemoGraph, type DemoGraph, type DemoRequest } from '../demo';
import { GraphGateway } from '../graph/gateway';
import { withinQuestion } from '../graph/questionScope';
import type { ProvisioningObjectSummary } from '../graph/types';
import { createLogger } from '../log';
import { remediate } from '../remediation/remediate';
import { remedySchema } from '../remediation/remedyRequest';
import { AuditLog } from '../storage/auditLog';
import { Operations } from '../storage/operations';
import { TENANTS } from '../../test/support/testBot';
import { logsForPrincipal, logsForPrincipalInApp, problemsOfApp } from './provisioningLogs';

let graph: DemoGraph;
let requests: DemoRequest[];
let tenantNo = 0;
const NOW = Date.now();

beforeEach(async () => {
  requests = [];
  graph = await startDemoGraph({ tenant: shiftTimes(loadDemoTenant(TENANTS.fabrikam), new Date(NOW)), onRequest: (r) => void requests.push(r) });
});
afterEach(() => graph.close());

const gateway = () => new GraphGateway({ baseUrl: graph.url, tenantKey: `logs-spec-${tenantNo++}`, provisioningLogLimit: 1000 });
const logReads = () => requests.filter((r) => r.path === '/auditLogs/provisioning');
const logs = () => graph.state.provisioningLogs as ProvisioningObjectSummary[];

/** An app with provisioning and two people with entries in it. */
function appWithPeople() {
  const failure = logs().find((e) => e.provisioningStatusInfo?.status === 'failure')!;
  const spId = failure.servicePrincipal!.id!;
  const others = logs().filter((e) => e.servicePrincipal?.id === spId && e.sourceIdentity?.id !== failure.sourceIdentity?.id);
  return { spId, jobId: failure.jobId!, failure, person: failure.sourceIdentity!.id!, other: others[0].sourceIdentity!.id! };
}

/** `n` routine entries newer than everything else: successful updates of `who` (or of made-up people) in `spId`. */
function newerEntries(n: number, spId: string, jobId: string, who?: string): ProvisioningObjectSummary[] {
  const template = logs().find((e) => e.provisioningStatusInfo?.status === 'success')!;
  return Array.from({ length: n }, (_, i) => {
    const id = who ?? `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    return {
      ...structuredClone(template),
      id: `newer-${i}-${spId}`,
      activityDateTime: new Date(NOW - 1000 * (i + 1)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      servicePrincipal: { id: spId, displayName: 'App' },
      jobId,
      sourceIdentity: { id, displayName: `Person ${i}`, identityType: 'User' },
    };
  });
}

describe('a person behind many newer entries', () => {
  it('finds their failure behind a hundred newer routine entries in other apps', async () => {
    const { failure, person } = appWithPeople();
    const elsewhere = logs().find((e) => e.servicePrincipal?.id !== failure.servicePrincipal?.id)!;
    graph.state.provisioningLogs.push(...newerEntries(120, elsewhere.servicePrincipal!.id!, elsewhere.jobId!, person));
    const read = await logsForPrincipal(gateway(), person);
    expect(read.map((e) => e.id)).toContain(failure.id);
    expect(logReads().length).toBeLessThanOrEqual(3);
  });

  it('finds their entry in an app behind more newer entries of others than the shared read holds', async () => {
    const { spId, jobId, person } = appWithPeople();
    const theirs = logs().filter((e) => e.servicePrincipal?.id === spId && e.sourceIdentity?.id === person);
    const newest = theirs.sort((a, b) => b.activityDateTime.localeCompare(a.activityDateTime))[0];
    graph.state.provisioningLogs.push(...newerEntries(600, spId, jobId));
    const read = await logsForPrincipalInApp(gateway(), person, spId);
    expect(read[0]?.id).toBe(newest.id);
    // The shared read (the app's newest entries) did not hold them: one more read, of this person in this app.
    expect(logReads().map((r) => r.query.$filter)).toEqual([expect.not.stringContaining('sourceIdentity'), expect.stringContaining(`sourceIdentity/id eq '${person}'`)]);
  });
});

describe('shared reads of an app', () => {
  it('answers two people of one app asked at once with one log request', async () => {
    const { spId, person, other } = appWithPeople();
    const gw = gateway();
    const [a, b] = await Promise.all([logsForPrincipalInApp(gw, person, spId), logsForPrincipalInApp(gw, other, spId)]);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(a.every((e) => e.sourceIdentity?.id === person)).toBe(true);
    expect(logReads()).toHaveLength(1);
    // Asked again within the minute: still that one read.
    await logsForPrincipalInApp(gw, other, spId);
    expect(logReads()).toHaveLength(1);
  });

  it('shows an admin a read shared by another only once Graph has let that admin read the logs', async () => {
    const { spId, person, other } = appWithPeople();
    // Signed-in admins: every request carries their token, and Graph decides who may read the logs.
    const gw = new GraphGateway({ baseUrl: graph.url, tenantKey: `logs-spec-${tenantNo++}`, provisioningLogLimit: 1000, tokens: { getToken: async () => 'token' } });
    const as = <T>(user: string, work: () => Promise<T>) => withinQuestion({ deadlineMs: 10_000, user }, work);
    // Alice's first read is her own; once Graph has let her read the logs, the app's shared read serves her.
    await as('alice', () => logsForPrincipalInApp(gw, person, spId));
    await as('alice', () => logsForPrincipalInApp(gw, other, spId));
    expect(logReads().map((r) => r.query['$filter'].includes('sourceIdentity'))).toEqual([true, false]);
    // Bob has never read the logs: his question is read as him, narrowed to the person he asked about.
    const bobs = await as('bob', () => logsForPrincipalInApp(gw, other, spId));
    expect(bobs.length).toBeGreaterThan(0);
    expect(logReads()).toHaveLength(3);
    expect(logReads()[2].query['$filter']).toContain(other);
    // Now Graph has let him read them, the app's shared read serves him too.
    await as('bob', () => logsForPrincipalInApp(gw, person, spId));
    expect(logReads()).toHaveLength(3);
  });

  it('reads again after a remedy on the app', async () => {
    const { spId, jobId, person } = appWithPeople();
    const gw = gateway();
    await logsForPrincipalInApp(gw, person, spId);
    const storage = new MemoryStorage();
    const deps = { gateway: gw, operations: new Operations(storage), audit: new AuditLog(storage), logger: createLogger({ level: 'silent' }) };
    const actor = { name: 'Ada Admin', aadObjectId: '7f3c4e2a-1b2d-4c5e-8f90-123456789abc', tenantId: 'fabrikam' };
    const review = await remediate(remedySchema('pauseProvisioning').parse({ spId, jobId, stage: 'review' }), actor, deps);
    const confirm = JSON.stringify(review).match(/"data":(\{[^{}]*"stage":"confirm"[^{}]*\})/)?.[1];
    expect(confirm).toBeDefined();
    await remediate(remedySchema('pauseProvisioning').parse(JSON.parse(confirm!)), actor, deps);
    const before = logReads().length;
    await logsForPrincipalInApp(gw, person, spId);
    expect(logReads().length).toBe(before + 1);
  });

  it('filters an app’s problems on the server by status', async () => {
    const { spId } = appWithPeople();
    const problems = await problemsOfApp(gateway(), spId);
    expect(problems.every((e) => /failure|skipped/.test(String(e.provisioningStatusInfo?.status)))).toBe(true);
    expect(logReads()[0].query.$filter).toContain("provisioningStatusInfo/status eq 'failure'");
  });
});
