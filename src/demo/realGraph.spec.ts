// The demo tenant answers the way Microsoft Graph really answers, compared with the bodies Microsoft publishes
// (and that admins posted in public threads): who may read what, log order and paging, a job just started,
// provisionOnDemand, connector-prefixed error codes, a paused job's leftover quarantine. Over HTTP, against
// the Fabrikam tenant (and Contoso where only its shape is looked at, never its names).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProvisioningObjectSummary, SynchronizationJob } from '../graph/types';
import { NON_PREMIUM_TENANT, type DemoAccess } from './access';
import { startDemoGraph, type DemoGraph } from './graphServer';
import { loadDemoTenant, NEVER } from './loadTenant';
import type { DemoTenantFile } from './tenantFile';
import { JOB_PAUSED_WITH_LEFTOVER_QUARANTINE, NO_PREMIUM_LICENCE_403, ON_DEMAND_REDUNDANT_EXPORT, SYNC_401_UNKNOWN_ERROR } from '../../test/fixtures/graphSamples';

const FABRIKAM = loadDemoTenant(join(__dirname, '..', '..', 'demo-tenants', 'fabrikam.json'));
const CONTOSO = loadDemoTenant(join(__dirname, '..', '..', 'demo-tenants', 'contoso.json'));

// Graph's published answers (sources named in the fixture module), which the demo tenant must give the same way.
const SYNCHRONIZATION_401_BODY = SYNC_401_UNKNOWN_ERROR.body;
const NON_PREMIUM_403_BODY = NO_PREMIUM_LICENCE_403.body;
const DOCS_ON_DEMAND = ON_DEMAND_REDUNDANT_EXPORT as { key: string; value: string };
const DOCS_PAUSED_QUARANTINE = (JOB_PAUSED_WITH_LEFTOVER_QUARANTINE.status as { quarantine: unknown }).quarantine;

// Source: microsoftgraph/microsoft-graph-docs-contrib api-reference/v1.0/api/provisioningobjectsummary-list.md,
// example 2: a failure's errorInformation.errorCode carries the connector's name before Microsoft's code.
const DOCS_PREFIXED_CODE = 'ContosoEntryConflict';

// Error codes from Microsoft's table (entra-docs howto-analyze-provisioning-logs / known issues), unprefixed.
const KNOWN_CODES = ['EntryConflict', 'MandatoryFieldsMissing', 'ServiceIncompatible', 'InvalidCredentials', 'ImportSkipped'];

let graph: DemoGraph | undefined;
afterEach(async () => {
  await graph?.close();
  graph = undefined;
});

async function serve(tenant: DemoTenantFile, access?: DemoAccess): Promise<DemoGraph> {
  graph = await startDemoGraph({ tenant, access });
  return graph;
}

async function call(path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(path.startsWith('http') ? path : `${graph!.url}${path}`, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

const q = encodeURIComponent;
const withJobs = (t: DemoTenantFile) => Object.entries(t.synchronization).flatMap(([spId, s]) => s.jobs.map((job) => ({ spId, job })));
const jobPath = (spId: string, job: SynchronizationJob) => `/servicePrincipals/${spId}/synchronization/jobs/${job.id}`;

describe('signed in as a Global Reader (DEMO_SIGNED_IN_AS=global-reader)', () => {
  it('answers every synchronization call 401 UnknownError, while directory reads and audit logs still work', async () => {
    await serve(FABRIKAM, { signedInAs: 'global-reader' });
    const { spId, job } = withJobs(FABRIKAM)[0];
    const sp = FABRIKAM.servicePrincipals.find((s) => s.id === spId)!;
    const denied = [
      await call(`/servicePrincipals/${spId}/synchronization/jobs`),
      await call(jobPath(spId, job)),
      await call(`${jobPath(spId, job)}/schema`),
      await call(`${jobPath(spId, job)}/start`, { method: 'POST' }),
      await call(`/servicePrincipals(appId='${sp.appId}')/synchronization/jobs`),
    ];
    for (const res of denied) {
      expect(res.status).toBe(401);
      expect({ error: { code: res.json.error.code, message: res.json.error.message } }).toEqual(SYNCHRONIZATION_401_BODY);
    }
    // Nothing was started.
    expect(graph!.state.synchronization[spId].jobs[0].status).toEqual(job.status);

    const batch = await call('/$batch', {
      method: 'POST',
      body: { requests: [{ id: '1', method: 'GET', url: `/servicePrincipals/${spId}/synchronization/jobs` }, { id: '2', method: 'GET', url: `/servicePrincipals/${spId}` }] },
    });
    expect(batch.json.responses.map((r: { id: string; status: number }) => [r.id, r.status]).sort()).toEqual([['1', 401], ['2', 200]]);
    expect((await call('/users?$top=1')).status).toBe(200);
    expect((await call('/auditLogs/provisioning?$top=1')).status).toBe(200);
  });

  it('reads synchronization as before when signed in as an admin', async () => {
    await serve(FABRIKAM, { signedInAs: 'admin' });
    const { spId } = withJobs(FABRIKAM)[0];
    expect((await call(`/servicePrincipals/${spId}/synchronization/jobs`)).status).toBe(200);
  });
});

describe('a tenant without Entra ID P1/P2 (DEMO_LICENCE=free)', () => {
  it('answers audit-log reads 403 with the non-premium error, while jobs, schemas and users still read', async () => {
    await serve(FABRIKAM, { licence: 'free' });
    const logs = await call('/auditLogs/provisioning?$top=5');
    expect(logs.status).toBe(NON_PREMIUM_TENANT.status);
    expect({ error: { code: logs.json.error.code, message: logs.json.error.message } }).toEqual(NON_PREMIUM_403_BODY);
    const { spId, job } = withJobs(FABRIKAM)[0];
    expect((await call(jobPath(spId, job))).status).toBe(200);
    expect((await call(`${jobPath(spId, job)}/schema`)).status).toBe(200);
    expect((await call('/users?$top=1')).status).toBe(200);
  });
});

describe('provisioning logs: order, server-side filters and paging', () => {
  const times = (page: { value: ProvisioningObjectSummary[] }) => page.value.map((l) => Date.parse(l.activityDateTime));
  const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1] <= x);

  it('comes oldest first unless $orderby=activityDateTime desc is sent, as Microsoft\'s examples do', async () => {
    await serve(FABRIKAM);
    const plain = (await call('/auditLogs/provisioning?$top=20')).json;
    expect(ascending(times(plain))).toBe(true);
    const newest = (await call(`/auditLogs/provisioning?$orderby=${q('activityDateTime desc')}&$top=20`)).json;
    expect(ascending(times(newest).reverse())).toBe(true);
    expect(Date.parse(newest.value[0].activityDateTime)).toBeGreaterThan(Date.parse(plain.value[19].activityDateTime));
  });

  it('filters on the server by app, person, time, status and action', async () => {
    await serve(FABRIKAM);
    const failure = FABRIKAM.provisioningLogs.find((l) => l.provisioningStatusInfo?.status === 'failure')!;
    const spId = String(failure.servicePrincipal?.id);
    const person = String(failure.sourceIdentity?.id);
    const after = new Date(Date.parse(FABRIKAM.asOf) - 72 * 3_600_000).toISOString();
    const before = new Date(Date.parse(FABRIKAM.asOf) - 3_600_000).toISOString();
    const filter = [
      `servicePrincipal/id eq '${spId}'`,
      `sourceIdentity/id eq '${person}'`,
      `activityDateTime gt ${after}`,
      `activityDateTime lt ${before}`,
      `provisioningStatusInfo/status eq 'failure'`,
      `provisioningAction eq '${failure.provisioningAction}'`,
    ].join(' and ');
    const page = (await call(`/auditLogs/provisioning?$filter=${q(filter)}&$top=1000`)).json as { value: ProvisioningObjectSummary[] };
    const expected = FABRIKAM.provisioningLogs.filter(
      (l) =>
        l.servicePrincipal?.id === spId && l.sourceIdentity?.id === person && l.activityDateTime > after && l.activityDateTime < before &&
        l.provisioningStatusInfo?.status === 'failure' && l.provisioningAction === failure.provisioningAction,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(page.value.map((l) => l.id)).toEqual(expected.map((l) => l.id));
  });

  it('pages with @odata.nextLink ($skiptoken) past $top, up to 1000 a page, each entry once', async () => {
    await serve(FABRIKAM);
    const seen: string[] = [];
    let next: string | undefined = `/auditLogs/provisioning?$top=150`;
    let pages = 0;
    while (next) {
      const page = (await call(next)).json;
      seen.push(...page.value.map((l: { id: string }) => l.id));
      next = page['@odata.nextLink'];
      if (next) expect(next).toMatch(/\$skiptoken=/);
      pages++;
    }
    expect(pages).toBe(Math.ceil(FABRIKAM.provisioningLogs.length / 150));
    expect(new Set(seen).size).toBe(FABRIKAM.provisioningLogs.length);
    expect((await call('/auditLogs/provisioning?$top=1000')).json.value).toHaveLength(FABRIKAM.provisioningLogs.length);
    expect((await call('/auditLogs/provisioning?$top=1001')).status).toBe(400);
  });
});

describe('start', () => {
  it('moves a never-started, a paused and a quarantined job into the just-started shape: NotRun, schedule Active', async () => {
    await serve(FABRIKAM);
    const picks = [
      withJobs(FABRIKAM).find(({ job }) => job.schedule?.state === 'Disabled')!,
      withJobs(FABRIKAM).find(({ job }) => job.status?.code === 'Paused')!,
      withJobs(FABRIKAM).find(({ job }) => job.status?.code === 'Quarantine')!,
    ];
    for (const { spId, job } of picks) {
      expect((await call(`${jobPath(spId, job)}/start`, { method: 'POST' })).status).toBe(204);
      const after = (await call(jobPath(spId, job))).json as SynchronizationJob;
      expect(after.schedule).toMatchObject({ state: 'Active', interval: 'PT40M' });
      expect(after.status).toMatchObject({
        code: 'NotRun',
        quarantine: null,
        lastExecution: { state: 'Failed', timeBegan: NEVER, timeEnded: NEVER, error: { code: 'None' } },
      });
    }
  });
});

describe('provisionOnDemand', () => {
  it('answers a user already provisioned and unchanged exactly as the documented example: Skipped, RedundantExport', async () => {
    await serve(FABRIKAM);
    const credentials = FABRIKAM.simulation?.credentials ?? {};
    // The newest entry of a healthy job for a user is a successful create or update: they are in the target.
    const entries = FABRIKAM.provisioningLogs.filter((l) => l.sourceIdentity?.identityType === 'User');
    const newestPerUser = new Map(entries.map((l) => [`${l.jobId}|${l.sourceIdentity?.id}`, l]));
    const healthy = withJobs(FABRIKAM).filter(({ job }) => job.status?.code === 'Active' && !credentials[job.id]);
    const pick = [...newestPerUser.values()].find(
      (l) => l.provisioningStatusInfo?.status === 'success' && l.targetIdentity?.id && healthy.some(({ job }) => job.id === l.jobId),
    )!;
    const { spId, job } = healthy.find(({ job }) => job.id === pick.jobId)!;
    const ruleId = FABRIKAM.synchronization[spId].schemas[job.id].synchronizationRules[0].id;
    const res = await call(`${jobPath(spId, job)}/provisionOnDemand`, {
      method: 'POST',
      body: { parameters: [{ ruleId, subjects: [{ objectId: pick.sourceIdentity!.id, objectTypeName: 'User' }] }] },
    });
    expect(res.status).toBe(200);
    expect(res.json['@odata.context']).toMatch(/\$metadata#microsoft\.graph\.stringKeyStringValuePair$/);
    expect(res.json.key).toBe(DOCS_ON_DEMAND.key);

    const docs = JSON.parse(DOCS_ON_DEMAND.value);
    const ours = JSON.parse(res.json.value);
    expect(Object.keys(ours)).toEqual(Object.keys(docs));
    expect(ours.statusInfo).toEqual(docs.statusInfo);
    expect(ours.provisioningSteps.map((s: { type: string }) => s.type)).toEqual(docs.provisioningSteps.map((s: { type: string }) => s.type));
    for (const [i, step] of ours.provisioningSteps.entries()) {
      expect(Object.keys(step)).toEqual(Object.keys(docs.provisioningSteps[i]));
      expect(step.status).toBe(docs.provisioningSteps[i].status);
    }
    expect(Object.keys(ours.provisioningSteps[2].details)).toEqual(Object.keys(docs.provisioningSteps[2].details));
    expect(ours.provisioningSteps[3].details).toEqual(docs.provisioningSteps[3].details);
  });

  it('fails a new user in an app whose target rejects the credentials, with the connector-prefixed code', async () => {
    await serve(FABRIKAM);
    const { spId, job } = withJobs(FABRIKAM).find(({ job }) => FABRIKAM.simulation?.credentials?.[job.id])!;
    const sp = FABRIKAM.servicePrincipals.find((s) => s.id === spId)!;
    const assigned = new Set(FABRIKAM.appRoleAssignments.filter((a) => a.resourceId === spId).map((a) => a.principalId));
    const member = (userId: string) => Object.entries(FABRIKAM.groupMembers).some(([g, m]) => assigned.has(g) && m.includes(userId));
    const newcomer = FABRIKAM.users.find((u) => u.accountEnabled && !assigned.has(u.id) && !member(u.id))!;
    const role = sp.appRoles!.find((r) => r.value === 'User')!;
    const added = await call(`/servicePrincipals/${spId}/appRoleAssignedTo`, { method: 'POST', body: { principalId: newcomer.id, resourceId: spId, appRoleId: role.id } });
    expect(added.status).toBe(201);
    const ruleId = FABRIKAM.synchronization[spId].schemas[job.id].synchronizationRules[0].id;
    const res = await call(`${jobPath(spId, job)}/provisionOnDemand`, {
      method: 'POST',
      body: { parameters: [{ ruleId, subjects: [{ objectId: newcomer.id, objectTypeName: 'User' }] }] },
    });
    const key = JSON.parse(res.json.key);
    expect(key).toEqual({ result: 'Failure', details: { errorCode: job.status?.quarantine?.error?.code, errorMessage: expect.any(String) } });
    expect(key.details.errorCode).toMatch(/^[A-Z]\w+InvalidCredentials$/);
    const run = JSON.parse(res.json.value);
    expect(run.statusInfo).toMatchObject({ status: 'Failure', errorCode: key.details.errorCode });
    expect(run.provisioningSteps.at(-1)).toMatchObject({ type: 'Export', status: 'Failure' });
  });

  it('scopes on the Entra source attributes the clauses name, and says which clause failed', async () => {
    await serve(FABRIKAM);
    // An app whose scoping filter names the source attribute `c` (Graph: country).
    const { spId, job } = withJobs(FABRIKAM).find(({ spId, job }) =>
      JSON.stringify(FABRIKAM.synchronization[spId].schemas[job.id].synchronizationRules).includes('"sourceOperandName":"c"'),
    )!;
    const rule = FABRIKAM.synchronization[spId].schemas[job.id].synchronizationRules[0];
    const assignedUsers = FABRIKAM.appRoleAssignments.filter((a) => a.resourceId === spId && a.principalType === 'User');
    const outside = assignedUsers.map((a) => FABRIKAM.users.find((u) => u.id === a.principalId)!).find((u) => u.department !== 'Field Operations')!;
    const res = await call(`${jobPath(spId, job)}/provisionOnDemand`, {
      method: 'POST',
      body: { parameters: [{ ruleId: rule.id, subjects: [{ objectId: outside.id, objectTypeName: 'User' }] }] },
    });
    expect(JSON.parse(res.json.key)).toMatchObject({ result: 'Skipped' });
    const scoping = JSON.parse(res.json.value).provisioningSteps.find((s: { type: string }) => s.type === 'Scoping');
    expect(scoping.details).toMatchObject({ Assigned: 'True', IsInProvisioningScopeDisplayName: 'False' });
    const result = JSON.parse(scoping.details.ScopeEvaluationResult) as Record<string, boolean>;
    const clause = Object.keys(result).find((k) => /\.c EQUALS 'US'$/.test(k))!;
    expect(result[clause]).toBe(outside.country === 'US');
  });
});

describe('error codes', () => {
  it('carry the connector prefix in logs, quarantine and test connection, like the documented example', async () => {
    await serve(FABRIKAM);
    const suffixOf = (code: string) => KNOWN_CODES.find((known) => code.endsWith(known));
    expect(suffixOf(DOCS_PREFIXED_CODE)).toBe('EntryConflict');

    const failures = (await call(`/auditLogs/provisioning?$filter=${q("provisioningStatusInfo/status eq 'failure'")}&$top=1000`)).json.value as ProvisioningObjectSummary[];
    const codes = new Set(failures.map((l) => String(l.provisioningStatusInfo?.errorInformation?.errorCode)));
    expect(codes.size).toBeGreaterThan(1);
    for (const code of codes) {
      const suffix = suffixOf(code);
      expect(suffix, code).toBeDefined();
      // ImportSkipped is the service's own; every other code names its connector first.
      if (suffix !== 'ImportSkipped') expect(code.length, code).toBeGreaterThan(suffix!.length);
    }

    const { spId, job } = withJobs(FABRIKAM).find(({ job }) => job.status?.quarantine?.reason === 'EncounteredQuarantineException')!;
    const code = String(job.status?.quarantine?.error?.code);
    expect(suffixOf(code)).toBe('InvalidCredentials');
    expect(code).not.toBe('InvalidCredentials');
    const test = await call(`${jobPath(spId, job)}/validateCredentials`, { method: 'POST', body: { useSavedCredentials: true } });
    expect(test.status).toBe(400);
    expect(test.json.error.code).toBe(code);
  });
});

describe('a paused job', () => {
  it('can carry the leftover quarantine object of Graph\'s own job example while its code is Paused', async () => {
    await serve(CONTOSO);
    const leftover = withJobs(CONTOSO).find(({ job }) => job.status?.code === 'Paused' && job.status.quarantine)!;
    const job = (await call(jobPath(leftover.spId, leftover.job))).json as SynchronizationJob;
    expect(job.status?.code).toBe('Paused');
    expect(job.status?.quarantine).toEqual(DOCS_PAUSED_QUARANTINE);
  });
});
