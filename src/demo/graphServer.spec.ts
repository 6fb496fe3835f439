import { Client } from '@microsoft/microsoft-graph-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoRequest } from './graphHttp';
import { startDemoGraph, type DemoGraph } from './graphServer';
import type { DemoTenantFile } from './tenantFile';

/** `count` ids of one kind, its digit filling the GUID: 1 users, 2 groups, 3 service principals, 4 apps, 5 app roles. */
const ids = (kind: number, count: number): string[] => {
  const d = String(kind);
  return Array.from({ length: count }, (_, i) => `${d.repeat(8)}-${d.repeat(4)}-4${d.repeat(3)}-8${d.repeat(3)}-${String(i + 1).padStart(12, '0')}`);
};
const [JANE, OBRIEN, TOMAS] = ids(1, 3);
const [SALES] = ids(2, 1);
const [SNOW, SLACK, NOSYNC] = ids(3, 3);
const [SNOW_APP, SLACK_APP, NOSYNC_APP] = ids(4, 3);
const [USER_ROLE] = ids(5, 1);
const SNOW_JOB = 'ServiceNowOutDelta.0aa1bb2cc3dd.44444444';
const SLACK_JOB = 'slack.4f7c0aa1bb2cc3dd.55555555';
const UNKNOWN = '99999999-9999-4999-8999-999999999999';

function fixture(): DemoTenantFile {
  const filler = Array.from({ length: 120 }, (_, i) => ({
    id: `11111111-1111-4111-8111-1${String(i).padStart(11, '0')}`,
    displayName: `Filler User ${i}`,
    userPrincipalName: `filler${i}@contoso.example`,
    department: 'Operations',
    accountEnabled: true,
  }));
  return {
    tenant: { id: 'aaaaaaaa-0000-4000-8000-000000000000', displayName: 'Contoso', defaultDomain: 'contoso.example' },
    asOf: '2026-11-20T12:00:00Z',
    users: [
      { id: JANE, displayName: 'Jane Doe', userPrincipalName: 'jane@contoso.example', department: 'Sales', accountEnabled: true },
      { id: OBRIEN, displayName: "Seán O'Brien", userPrincipalName: 'sean@contoso.example', department: 'Sales', accountEnabled: true },
      { id: TOMAS, displayName: 'Tomás García', userPrincipalName: 'tomas@contoso.example', department: 'Marketing', accountEnabled: true },
      ...filler,
    ],
    groups: [{ id: SALES, displayName: 'Sales', securityEnabled: true }],
    groupMembers: { [SALES]: [JANE, TOMAS] },
    servicePrincipals: [
      { id: SNOW, appId: SNOW_APP, displayName: 'ServiceNow', appRoles: [{ id: USER_ROLE, displayName: 'User', value: 'User', isEnabled: true }] },
      { id: SLACK, appId: SLACK_APP, displayName: 'Slack', appRoles: [] },
      { id: NOSYNC, appId: NOSYNC_APP, displayName: 'Intranet' },
    ],
    appRoleAssignments: [
      { id: 'grp-assignment-1', appRoleId: USER_ROLE, principalId: SALES, principalType: 'Group', principalDisplayName: 'Sales', resourceId: SNOW, resourceDisplayName: 'ServiceNow' },
    ],
    synchronization: {
      [SNOW]: {
        jobs: [
          {
            id: SNOW_JOB,
            templateId: 'ServiceNowOutDelta',
            schedule: { interval: 'PT40M', state: 'Active' },
            status: {
              code: 'Quarantine',
              quarantine: { reason: 'EncounteredEscrowProportionThreshold', currentBegan: '2026-11-20T08:00:00Z', nextAttempt: '0001-01-01T00:00:00Z' },
              lastExecution: { state: 'Failed', countEscrowed: 812, countEscrowedRaw: 812 },
            },
          },
        ],
        schemas: {
          [SNOW_JOB]: {
            synchronizationRules: [
              {
                id: 'rule-users',
                objectMappings: [
                  {
                    name: 'Provision users',
                    enabled: true,
                    sourceObjectName: 'User',
                    targetObjectName: 'sys_user',
                    attributeMappings: [],
                    scope: {
                      groups: [
                        {
                          name: 'Sales only',
                          clauses: [{ sourceOperandName: 'department', operatorName: 'EQUALS', targetOperand: { values: ['Sales'] } }],
                        },
                      ],
                    },
                  },
                ],
              },
            ],
          },
        },
      },
      [SLACK]: {
        jobs: [{ id: SLACK_JOB, schedule: { state: 'Active' }, status: { code: 'Active', quarantine: null } }],
        schemas: {},
      },
    },
    provisioningLogs: [
      log('log-1', '2026-11-20T09:00:00Z', JANE, 'skipped'),
      log('log-2', '2026-11-20T11:00:00Z', JANE, 'failure'),
      log('log-3', '2026-11-20T10:00:00Z', TOMAS, 'skipped'),
      log('log-4', '2026-11-19T10:00:00Z', JANE, 'skipped'),
    ],
    simulation: {
      credentials: { [SLACK_JOB]: { status: 400, code: 'SystemForCrossDomainIdentityManagementCredentialValidationFailure', message: 'The secret token is expired.' } },
    },
  };
}

function log(id: string, when: string, userId: string, status: string) {
  return {
    id,
    activityDateTime: when,
    jobId: SNOW_JOB,
    provisioningStatusInfo: { status },
    servicePrincipal: { id: SNOW, displayName: 'ServiceNow' },
    sourceIdentity: { id: userId },
  };
}

let graph: DemoGraph | undefined;
afterEach(async () => {
  await graph?.close();
  graph = undefined;
});

async function start(onRequest?: Parameters<typeof startDemoGraph>[0]['onRequest']): Promise<DemoGraph> {
  graph = await startDemoGraph({ tenant: fixture(), onRequest });
  return graph;
}

async function call(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${graph!.url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined; // malformed on purpose (onRequest tests); they read `text`
  }
  return { status: res.status, headers: res.headers, text, json };
}

const q = encodeURIComponent;

describe('directory reads', () => {
  it('listens on loopback under /v1.0', async () => {
    const { url } = await start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\.0$/);
  });

  it('pages users through absolute nextLinks that keep the other query options', async () => {
    await start();
    const first = await call(`/users?$select=displayName&$count=true`);
    expect(first.status).toBe(200);
    expect(first.json.value).toHaveLength(100);
    expect(first.json['@odata.count']).toBe(123);
    const next: string = first.json['@odata.nextLink'];
    expect(next.startsWith(`${graph!.url}/users?`)).toBe(true);
    const second = await (await fetch(next)).json();
    expect(second.value).toHaveLength(23);
    expect(second['@odata.nextLink']).toBeUndefined();
    expect(second['@odata.count']).toBe(123);
    expect(Object.keys(second.value[0]).sort()).toEqual(['displayName', 'id']);
    const ids = new Set([...first.json.value, ...second.value].map((u: { id: string }) => u.id));
    expect(ids.size).toBe(123);
  });

  it('applies $filter, $top and $orderby', async () => {
    await start();
    const sales = await call(`/users?$filter=${q("department eq 'sales'")}&$orderby=displayName desc`);
    expect(sales.json.value.map((u: { displayName: string }) => u.displayName)).toEqual(["Seán O'Brien", 'Jane Doe']);
    const escaped = await call(`/users?$filter=${q("displayName eq 'Seán O''Brien'")}`);
    expect(escaped.json.value.map((u: { id: string }) => u.id)).toEqual([OBRIEN]);
    const top = await call(`/users?$top=2`);
    expect(top.json.value).toHaveLength(2);
    expect(top.json['@odata.nextLink']).toContain('$skiptoken=');
  });

  it('answers an invalid $filter or $top with a 400 naming the problem', async () => {
    await start();
    const bad = await call(`/users?$filter=${q("displayName eq 'Jane")}`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('Request_BadRequest');
    expect(bad.json.error.message).toMatch(/Unterminated string literal/);
    expect(bad.json.error.innerError['request-id']).toBe(bad.headers.get('request-id'));
    expect((await call('/users?$top=1000')).status).toBe(400);
  });

  it('accepts $search only with ConsistencyLevel: eventual', async () => {
    await start();
    const search = `/users?$search=${q('"displayName:tomas"')}`;
    const refused = await call(search);
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toMatch(/ConsistencyLevel: eventual/);
    const found = await call(search, { headers: { ConsistencyLevel: 'eventual' } });
    expect(found.json.value.map((u: { id: string }) => u.id)).toEqual([TOMAS]);
  });

  it('finds a user by id or userPrincipalName, and says why it cannot', async () => {
    await start();
    expect((await call(`/users/JANE@contoso.example?$select=department`)).json).toMatchObject({ id: JANE, department: 'Sales' });
    const missing = await call(`/users/${UNKNOWN}`);
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatchObject({
      code: 'Request_ResourceNotFound',
      message: `Resource '${UNKNOWN}' does not exist or one of its queried reference-property objects are not present.`,
    });
    const notGuid = await call('/users/jane');
    expect(notGuid.status).toBe(400);
    expect(notGuid.json.error.message).toBe("Invalid object identifier 'jane'.");
    const route = await call('/widgets');
    expect(route.status).toBe(400);
    expect(route.json.error).toMatchObject({ code: 'BadRequest', message: "Resource not found for the segment 'widgets'." });
    expect(route.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists app role assignments including those of direct groups, and memberships', async () => {
    await start();
    const jane = await call(`/users/${JANE}/appRoleAssignments?$filter=resourceId eq ${SNOW}`);
    expect(jane.json.value).toEqual([expect.objectContaining({ principalId: SALES, principalType: 'Group', resourceId: SNOW })]);
    expect((await call(`/users/${OBRIEN}/appRoleAssignments`)).json.value).toEqual([]);
    const memberOf = await call(`/users/${JANE}/memberOf`);
    expect(memberOf.json.value).toEqual([expect.objectContaining({ '@odata.type': '#microsoft.graph.group', id: SALES })]);
    const members = await call(`/groups/${SALES}/members?$select=displayName`);
    expect(members.json.value.map((m: { displayName: string }) => m.displayName)).toEqual(['Jane Doe', 'Tomás García']);
  });

  it('finds a service principal by appId', async () => {
    await start();
    const sp = await call(`/servicePrincipals(appId='${SNOW_APP}')`);
    expect(sp.json).toMatchObject({ id: SNOW, displayName: 'ServiceNow' });
    expect((await call(`/servicePrincipals(appId='${UNKNOWN}')`)).status).toBe(404);
  });

  it('serves the graph client SDK the way Microsoft Graph does', async () => {
    await start();
    const client = Client.init({
      authProvider: (done) => done(null, 'demo-token'),
      baseUrl: graph!.url.replace(/\/v1\.0$/, ''),
      defaultVersion: 'v1.0',
    });
    const res = await client.api('/users').filter("startswith(displayName,'tom')").select('displayName').get();
    expect(res.value).toEqual([{ id: TOMAS, displayName: 'Tomás García' }]);
    await expect(client.api(`/users/${UNKNOWN}`).get()).rejects.toMatchObject({ statusCode: 404, code: 'Request_ResourceNotFound' });
  });
});

describe('provisioning logs', () => {
  it('filters, sorts newest first only when asked, and pages', async () => {
    await start();
    const filter = q(`sourceIdentity/id eq '${JANE}' and provisioningStatusInfo/status eq 'skipped' and activityDateTime gt 2026-11-20T00:00:00Z`);
    const res = await call(`/auditLogs/provisioning?$filter=${filter}`);
    expect(res.json.value.map((l: { id: string }) => l.id)).toEqual(['log-1']);
    const newest = `$orderby=${q('activityDateTime desc')}`;
    const all = await call(`/auditLogs/provisioning?$filter=${q(`servicePrincipal/id eq '${SNOW}'`)}&${newest}&$top=2`);
    expect(all.json.value.map((l: { id: string }) => l.id)).toEqual(['log-2', 'log-3']);
    const rest = await (await fetch(all.json['@odata.nextLink'])).json();
    expect(rest.value.map((l: { id: string }) => l.id)).toEqual(['log-1', 'log-4']);
    // Without $orderby the entries come as they were recorded, not newest first.
    expect((await call('/auditLogs/provisioning')).json.value.map((l: { id: string }) => l.id)).toEqual(['log-1', 'log-2', 'log-3', 'log-4']);
    expect((await call('/auditLogs/provisioning?$top=1000')).status).toBe(200);
    expect((await call('/auditLogs/provisioning?$top=1001')).status).toBe(400);
  });
});

describe('$batch', () => {
  it('answers each sub-request, mixing 200 and 404', async () => {
    await start();
    const res = await call('/$batch', {
      method: 'POST',
      body: {
        requests: [
          { id: '1', method: 'GET', url: `/users/${JANE}?$select=displayName` },
          { id: '2', method: 'GET', url: `users/${UNKNOWN}` },
          { id: '3', method: 'GET', url: `/users?$search="displayName:jane"`, headers: { ConsistencyLevel: 'eventual' } },
        ],
      },
    });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.json.responses.map((r: { id: string }) => [r.id, r]));
    expect(byId['1']).toMatchObject({ status: 200, body: { id: JANE, displayName: 'Jane Doe' } });
    expect(byId['2']).toMatchObject({ status: 404, body: { error: { code: 'Request_ResourceNotFound' } } });
    expect(byId['3'].body.value.map((u: { id: string }) => u.id)).toEqual([JANE]);
  });

  it('refuses more than 20 requests', async () => {
    await start();
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/users' }));
    const res = await call('/$batch', { method: 'POST', body: { requests } });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/20/);
    requests.pop();
    expect((await call('/$batch', { method: 'POST', body: { requests } })).status).toBe(200);
  });
});

describe('provisioning jobs', () => {
  const jobPath = `/servicePrincipals/${SNOW}/synchronization/jobs/${SNOW_JOB}`;

  it('lists jobs, none for an app without provisioning, and serves the schema', async () => {
    await start();
    expect((await call(`/servicePrincipals/${SNOW}/synchronization/jobs`)).json.value.map((j: { id: string }) => j.id)).toEqual([SNOW_JOB]);
    expect((await call(`/servicePrincipals/${NOSYNC}/synchronization/jobs`)).json.value).toEqual([]);
    expect((await call(`${jobPath}/schema`)).json.synchronizationRules[0].id).toBe('rule-users');
    const operators = (await call(`${jobPath}/schema/filterOperators`)).json.value;
    expect(operators).toContainEqual(expect.objectContaining({ name: 'EQUALS', arity: 'Binary' }));
    expect((await call(`/servicePrincipals/${SNOW}/synchronization/jobs/nope.job`)).status).toBe(404);
  });

  it('pauses, starts (lifting quarantine) and restarts a job', async () => {
    await start();
    expect((await call(`${jobPath}/pause`, { method: 'POST' })).status).toBe(204);
    let job = (await call(jobPath)).json;
    expect(job.status.code).toBe('Paused');
    expect(job.schedule.state).toBe('Paused');

    expect((await call(`${jobPath}/start`, { method: 'POST' })).status).toBe(204);
    job = (await call(jobPath)).json;
    expect(job.status).toMatchObject({ code: 'NotRun', quarantine: null });
    expect(job.schedule.state).toBe('Active');
  });

  it('restarts with a reset scope, clearing only what it names', async () => {
    await start();
    const bad = await call(`${jobPath}/restart`, { method: 'POST', body: { criteria: { resetScope: 'Watermark, Everything' } } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/everything/i);

    await call(`${jobPath}/restart`, { method: 'POST', body: { criteria: { resetScope: 'Watermark' } } });
    expect((await call(jobPath)).json.status.code).toBe('Quarantine');

    expect((await call(`${jobPath}/restart`, { method: 'POST', body: { criteria: { resetScope: 'Watermark, Escrows, QuarantineState' } } })).status).toBe(204);
    const job = (await call(jobPath)).json;
    expect(job.status).toMatchObject({ code: 'Active', quarantine: null, lastExecution: { countEscrowed: 0 } });
  });

  it('restarts without a body like the portal: quarantine and escrows cleared', async () => {
    await start();
    expect((await call(`${jobPath}/restart`, { method: 'POST' })).status).toBe(204);
    expect(graph!.state.synchronization[SNOW].jobs[0].status).toMatchObject({
      code: 'Active',
      quarantine: null,
      lastExecution: { countEscrowed: 0 },
    });
  });

  it('tests the connection: 204, or the simulated target error', async () => {
    await start();
    const okRes = await call(`${jobPath}/validateCredentials`, { method: 'POST', body: { useSavedCredentials: true } });
    expect(okRes.status).toBe(204);
    const failed = await call(`/servicePrincipals/${SLACK}/synchronization/jobs/${SLACK_JOB}/validateCredentials`, {
      method: 'POST',
      body: { useSavedCredentials: true },
    });
    expect(failed.status).toBe(400);
    expect(failed.json.error).toMatchObject({
      code: 'SystemForCrossDomainIdentityManagementCredentialValidationFailure',
      message: 'The secret token is expired.',
    });
  });

  it('provisions on demand: success when assigned and in scope, skipped otherwise, and logs it', async () => {
    await start();
    const provision = (objectId: string, ruleId = 'rule-users') =>
      call(`${jobPath}/provisionOnDemand`, {
        method: 'POST',
        body: { parameters: [{ ruleId, subjects: [{ objectId, objectTypeName: 'User' }] }] },
      });
    const jane = await provision(JANE);
    expect(jane.status).toBe(200);
    expect(JSON.parse(jane.json.key)).toEqual({ result: 'Success', details: {} });
    // Now in the target in the same state: nothing to do.
    expect(JSON.parse((await provision(JANE)).json.key)).toMatchObject({ result: 'Skipped', details: { errorCode: 'RedundantExport' } });
    const notAssigned = await provision(OBRIEN);
    expect(JSON.parse(notAssigned.json.key)).toMatchObject({ result: 'Skipped', details: { errorCode: 'NotEffectivelyEntitled' } });
    expect(JSON.parse(notAssigned.json.value).provisioningSteps[2].details).toMatchObject({ Assigned: 'False', IsInProvisioningScopeDisplayName: 'True' });
    const outOfScope = JSON.parse((await provision(TOMAS)).json.value);
    const scoping = outOfScope.provisioningSteps.find((s: { type: string }) => s.type === 'Scoping');
    expect(scoping.details).toMatchObject({ Assigned: 'True', IsInProvisioningScopeDisplayName: 'False' });
    expect(JSON.parse(scoping.details.ScopeEvaluationResult)).toEqual({ "Sales only.department EQUALS 'Sales'": false });
    expect(outOfScope.provisioningSteps.map((s: { type: string }) => s.type)).toEqual(['Import', 'Matching', 'Scoping', 'Scoping']);

    expect((await provision(JANE, 'no-such-rule')).status).toBe(400);
    expect((await provision('jane')).status).toBe(400);
    expect((await provision(UNKNOWN)).status).toBe(400);

    const logs = await call(`/auditLogs/provisioning?$filter=${q(`sourceIdentity/id eq '${JANE}'`)}&$orderby=${q('activityDateTime desc')}&$top=2`);
    expect(logs.json.value.map((l: { provisioningStatusInfo: { status: string } }) => l.provisioningStatusInfo.status).sort()).toEqual(['skipped', 'success']);
  });
});

describe('app role assignments', () => {
  const assignedTo = `/servicePrincipals/${SNOW}/appRoleAssignedTo`;

  it('adds, refuses a duplicate, and deletes an assignment', async () => {
    await start();
    const body = { principalId: OBRIEN, resourceId: SNOW, appRoleId: USER_ROLE };
    const added = await call(assignedTo, { method: 'POST', body });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({
      ...body,
      principalType: 'User',
      principalDisplayName: "Seán O'Brien",
      resourceDisplayName: 'ServiceNow',
      createdDateTime: expect.any(String),
    });
    const duplicate = await call(assignedTo, { method: 'POST', body });
    expect(duplicate.status).toBe(400);
    expect(duplicate.json.error.message).toBe('Permission being assigned already exists on the object');
    expect((await call(`/users/${OBRIEN}/appRoleAssignments`)).json.value.map((a: { id: string }) => a.id)).toEqual([added.json.id]);

    expect((await call(`${assignedTo}/${added.json.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(`/users/${OBRIEN}/appRoleAssignments`)).json.value).toEqual([]);
    expect((await call(`${assignedTo}/${added.json.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses an unknown principal or app role, and a body that is not JSON', async () => {
    await start();
    expect((await call(assignedTo, { method: 'POST', body: { principalId: UNKNOWN, resourceId: SNOW, appRoleId: USER_ROLE } })).status).toBe(400);
    expect((await call(assignedTo, { method: 'POST', body: { principalId: OBRIEN, resourceId: SNOW, appRoleId: UNKNOWN } })).status).toBe(400);
    const notJson = await call(assignedTo, { method: 'POST', body: '{"principalId":' });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.message).toMatch(/Invalid JSON/);
    expect(graph!.state.appRoleAssignments).toHaveLength(1);
  });
});

describe('onRequest', () => {
  it('sees every request and batch sub-request, and can replace the answer', async () => {
    const seen: DemoRequest[] = [];
    await start((req) => {
      seen.push(req);
      if (req.path === `/users/${TOMAS}`) return { status: 429, headers: { 'Retry-After': '3' }, body: { error: { code: 'TooManyRequests', message: 'slow down' } } };
      if (req.path === '/groups') return { status: 200, rawBody: '{"value": [' };
      return undefined;
    });
    const throttled = await call(`/users/${TOMAS}`);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('3');
    expect((await call('/groups')).text).toBe('{"value": [');

    const batch = await call('/$batch', {
      method: 'POST',
      body: { requests: [{ id: 'a', method: 'GET', url: `/users/${TOMAS}` }, { id: 'b', method: 'GET', url: `/users/${JANE}` }] },
    });
    const byId = Object.fromEntries(batch.json.responses.map((r: { id: string }) => [r.id, r]));
    expect(byId.a).toMatchObject({ status: 429, headers: { 'Retry-After': '3' } });
    expect(byId.b.status).toBe(200);
    expect(seen.map((r) => [r.path, r.inBatch])).toEqual([
      [`/users/${TOMAS}`, false],
      ['/groups', false],
      ['/$batch', false],
      [`/users/${TOMAS}`, true],
      [`/users/${JANE}`, true],
    ]);
    expect(seen[2].body).toMatchObject({ requests: expect.any(Array) });
  });

  it('delays an answer, and close() does not wait for it', async () => {
    await start((req) => (req.path === '/groups' ? { status: 200, body: { value: [] }, delayMs: 60_000 } : undefined));
    const slow = fetch(`${graph!.url}/groups`, { signal: AbortSignal.timeout(200) });
    await expect(slow).rejects.toThrow();
    const began = Date.now();
    await graph!.close();
    graph = undefined;
    expect(Date.now() - began).toBeLessThan(5_000);
  });
});
