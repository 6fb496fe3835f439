import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_TENANT_FILE, loadDemoTenant, shiftTimes } from './loadTenant';
import type { DemoTenantFile } from './tenantFile';

function tenant(): DemoTenantFile {
  return {
    tenant: { id: 't', displayName: 'Contoso', defaultDomain: 'contoso.example' },
    asOf: '2026-11-20T12:00:00Z',
    users: [{ id: 'u1', displayName: '2026-11-20T12:00:00Z is not a time here', createdDateTime: '2026-11-01T08:30:00Z' }],
    groups: [],
    groupMembers: {},
    servicePrincipals: [],
    appRoleAssignments: [],
    synchronization: {
      sp: {
        jobs: [
          {
            id: 'job',
            status: {
              steadyStateLastAchievedTime: '0001-01-01T00:00:00Z',
              quarantine: { currentBegan: '2026-11-20T11:48:00.1234567Z', nextAttempt: '2026-11-20T17:48:00+02:00' },
            },
          },
        ],
        schemas: {},
      },
    },
    provisioningLogs: [{ id: 'l1', activityDateTime: '2026-11-20T11:00:00Z' }],
  };
}

function writeTemp(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'demo-tenant-')), 'tenant.json');
  writeFileSync(file, content);
  return file;
}

describe('shiftTimes', () => {
  it('moves every date-time by (now − asOf), keeping the never sentinel and other strings', () => {
    const shifted = shiftTimes(tenant(), new Date('2027-03-05T09:30:00.400Z'));
    // +104 days 21:30 (rounded to whole seconds)
    expect(shifted.asOf).toBe('2027-03-05T09:30:00Z');
    expect(shifted.provisioningLogs[0].activityDateTime).toBe('2027-03-05T08:30:00Z');
    expect(shifted.users[0].createdDateTime).toBe('2027-02-14T06:00:00Z');
    expect(shifted.users[0].displayName).toBe('2026-11-20T12:00:00Z is not a time here');
    const status = shifted.synchronization.sp.jobs[0].status!;
    expect(status.steadyStateLastAchievedTime).toBe('0001-01-01T00:00:00Z');
    expect(status.quarantine!.currentBegan).toBe('2027-03-05T09:18:00.123Z');
    expect(status.quarantine!.nextAttempt).toBe('2027-03-05T13:18:00Z');
  });

  it('leaves the input untouched', () => {
    const original = tenant();
    shiftTimes(original, new Date('2030-01-01T00:00:00Z'));
    expect(original).toEqual(tenant());
  });
});

describe('loadDemoTenant', () => {
  it('reads a tenant file', () => {
    const file = writeTemp(JSON.stringify(tenant()));
    expect(loadDemoTenant(file)).toEqual(tenant());
  });

  it('defaults to demo-tenants/contoso.json at the repository root', () => {
    expect(DEFAULT_DEMO_TENANT_FILE).toBe(join(__dirname, '..', '..', 'demo-tenants', 'contoso.json'));
  });

  it.each([
    ['not JSON', '{"tenant":', /not valid JSON/],
    ['an array', '[]', /does not hold a JSON object/],
    ['missing users', JSON.stringify({ ...tenant(), users: undefined }), /"users" must be an array/],
    ['a bad asOf', JSON.stringify({ ...tenant(), asOf: 'yesterday' }), /"asOf" must be an ISO date-time/],
    ['synchronization as a list', JSON.stringify({ ...tenant(), synchronization: [] }), /"synchronization" must be an object/],
  ])('says which file is wrong and why: %s', (_, content, message) => {
    const file = writeTemp(content);
    expect(() => loadDemoTenant(file)).toThrow(message);
    expect(() => loadDemoTenant(file)).toThrow(file);
  });

  it('names a missing file', () => {
    expect(() => loadDemoTenant('/nonexistent/tenant.json')).toThrow(/Cannot read the demo tenant file \/nonexistent\/tenant.json/);
  });
});
