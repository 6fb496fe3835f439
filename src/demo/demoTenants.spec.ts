// Invariants of the shipped demo tenants (demo-tenants/*.json) that a user trying the demo would notice if broken:
// dangling references, missing scenarios, log entries that contradict assignments or scoping filters.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDemoTenants } from '../../scripts/generate-demo-tenants';
import type { ProvisioningObjectSummary, ProvisioningStep, SynchronizationJob } from '../graph/types';
import { sourceAttributes } from './sourceAttributes';
import { NEVER_INTERVAL } from './synchronization';
import type { DemoTenantFile } from './tenantFile';

const DIR = join(__dirname, '..', '..', 'demo-tenants');
const FILES = ['contoso.json', 'fabrikam.json'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NEVER = '0001-01-01T00:00:00Z';

const load = (file: string): DemoTenantFile => JSON.parse(readFileSync(join(DIR, file), 'utf8')) as DemoTenantFile;
const tenants = Object.fromEntries(FILES.map((f) => [f, load(f)]));

function jobsOf(t: DemoTenantFile): Array<{ spId: string; job: SynchronizationJob }> {
  return Object.entries(t.synchronization).flatMap(([spId, s]) => s.jobs.map((job) => ({ spId, job })));
}

function skipStep(entry: ProvisioningObjectSummary): ProvisioningStep | undefined {
  return entry.provisioningSteps?.find((s) => s.name === 'EntrySynchronizationSkip');
}

/** Service principals a principal is assigned to: directly, or through a group it is a direct member of. */
function assignedApps(t: DemoTenantFile, principalId: string): Set<string> {
  const groups = Object.entries(t.groupMembers).filter(([, members]) => members.includes(principalId)).map(([g]) => g);
  return new Set(t.appRoleAssignments.filter((a) => a.principalId === principalId || groups.includes(a.principalId)).map((a) => a.resourceId));
}

function userNamed(t: DemoTenantFile, displayName: string) {
  const user = t.users.find((u) => u.displayName === displayName);
  if (!user) throw new Error(`no user ${displayName}`);
  return user;
}

function logsOf(t: DemoTenantFile, principalId: string, app?: string) {
  return t.provisioningLogs.filter((l) => l.sourceIdentity?.id === principalId && (!app || l.servicePrincipal?.displayName === app));
}

describe('the generated demo tenant files', () => {
  it('are what the generator produces (regenerate with npm run demo:generate)', () => {
    const rendered = renderDemoTenants();
    expect(Object.keys(rendered).sort()).toEqual(FILES);
    for (const file of FILES) expect(readFileSync(join(DIR, file), 'utf8') === rendered[file], file).toBe(true);
  });

  it('stay small enough to load quickly', () => {
    for (const file of FILES) expect(statSync(join(DIR, file)).size).toBeLessThan(2 * 1024 * 1024);
  });
});

describe.each(FILES)('demo tenant %s', (file) => {
  const t = tenants[file];
  const userIds = new Set(t.users.map((u) => u.id));
  const groupIds = new Set(t.groups.map((g) => g.id));
  const spById = new Map(t.servicePrincipals.map((sp) => [sp.id, sp]));
  const jobs = jobsOf(t);

  it('uses GUIDs for directory object ids, app ids, log ids and cycle ids', () => {
    const ids = [
      t.tenant.id,
      ...t.users.map((u) => u.id),
      ...t.groups.map((g) => g.id),
      ...t.servicePrincipals.flatMap((sp) => [sp.id, sp.appId, ...(sp.appRoles ?? []).map((r) => r.id)]),
      ...t.provisioningLogs.flatMap((l) => [l.id, l.cycleId, l.changeId]),
    ];
    for (const id of ids) expect(id).toMatch(GUID);
    expect(new Set(t.provisioningLogs.map((l) => l.id)).size).toBe(t.provisioningLogs.length);
  });

  it('references only existing users, groups, apps and app roles from assignments and group members', () => {
    for (const a of t.appRoleAssignments) {
      const sp = spById.get(a.resourceId);
      expect(sp, `assignment ${a.id}`).toBeDefined();
      expect(sp!.appRoles?.some((r) => r.id === a.appRoleId)).toBe(true);
      expect((a.principalType === 'Group' ? groupIds : userIds).has(a.principalId)).toBe(true);
    }
    for (const [groupId, members] of Object.entries(t.groupMembers)) {
      expect(groupIds.has(groupId)).toBe(true);
      for (const m of members) expect(userIds.has(m) || groupIds.has(m)).toBe(true);
    }
  });

  it('gives every job a unique id in the {templateId}.{tenant}.{appId} form, with a schema', () => {
    const tenantHex = t.tenant.id.replace(/-/g, '');
    const ids = jobs.map(({ job }) => job.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { spId, job } of jobs) {
      const appHex = spById.get(spId)!.appId.replace(/-/g, '');
      expect(job.id).toBe(`${job.templateId}.${tenantHex}.${appHex}`);
      expect(job.schedule?.interval).toBe(job.schedule?.state === 'Disabled' ? NEVER_INTERVAL : 'PT40M');
      const rules = t.synchronization[spId].schemas[job.id].synchronizationRules;
      expect(rules[0].id).toMatch(GUID);
      const user = rules[0].objectMappings.find((m) => m.sourceObjectName === 'User')!;
      expect(user.attributeMappings.filter((m) => m.matchingPriority === 1)).toHaveLength(1);
    }
  });

  it('has log entries that point at existing objects and jobs, except those of one deleted app', () => {
    const jobIds = new Set(jobs.map(({ job }) => job.id));
    const missingSps = new Set<string>();
    for (const l of t.provisioningLogs) {
      const spId = String(l.servicePrincipal?.id);
      if (!spById.has(spId)) {
        missingSps.add(spId);
        expect(jobIds.has(String(l.jobId))).toBe(false);
      } else {
        expect(t.synchronization[spId].jobs.map((j) => j.id)).toContain(l.jobId);
      }
      const source = l.sourceIdentity!;
      expect((source.identityType === 'Group' ? groupIds : userIds).has(String(source.id))).toBe(true);
      expect(Date.parse(l.activityDateTime)).toBeLessThanOrEqual(Date.parse(t.asOf));
    }
    expect(missingSps.size).toBe(1);
    expect(t.provisioningLogs.length).toBeGreaterThanOrEqual(300);
    expect(t.provisioningLogs.length).toBeLessThanOrEqual(600);
  });

  it('has a job in each state, shaped as Graph shows it: Quarantine (credentials, escrows), Paused, never started, first cycle, healthy', () => {
    const statuses = jobs.map(({ job }) => job.status!);
    const credentialQuarantine = jobs.find(({ job }) => job.status?.quarantine?.reason === 'EncounteredQuarantineException');
    expect(credentialQuarantine?.job.status?.code).toBe('Quarantine');
    // The connector's prefix on Microsoft's code: ServiceNowInvalidCredentials, DropboxInvalidCredentials.
    const code = String(credentialQuarantine?.job.status?.quarantine?.error?.code);
    expect(code).toMatch(/^[A-Z][A-Za-z]+InvalidCredentials$/);
    expect(code).not.toBe('InvalidCredentials');
    expect(credentialQuarantine?.job.status?.lastExecution?.state).toBe('Failed');
    expect(t.simulation?.credentials?.[credentialQuarantine!.job.id]?.code).toBe(code);

    const escrow = statuses.find((s) => /Escrow/.test(String(s.quarantine?.reason)));
    expect(escrow?.code).toBe('Quarantine');
    expect(escrow?.lastExecution?.state).toBe('EntryLevelErrors');
    expect(escrow?.lastExecution?.countEscrowed).toBeGreaterThan(0);

    const paused = jobs.find(({ job }) => job.status?.code === 'Paused')?.job;
    expect(paused?.schedule?.state).toBe('Paused');
    expect(paused?.status?.lastExecution?.state).toBe('Succeeded');

    // Configured, never switched on: NotRun, schedule Disabled, no execution at all.
    const neverRun = jobs.find(({ job }) => job.status?.code === 'NotRun' && job.schedule?.state === 'Disabled')?.job;
    expect(neverRun?.status?.lastExecution ?? null).toBeNull();
    expect(neverRun?.status?.steadyStateLastAchievedTime).toBe(NEVER);

    // First cycle under way: NotRun, schedule Active, the not-yet-run execution (Failed, never began, error None).
    const initial = jobs.find(({ job }) => job.status?.code === 'NotRun' && job.schedule?.state === 'Active')?.job.status;
    expect(initial?.lastExecution).toMatchObject({ state: 'Failed', timeBegan: NEVER, timeEnded: NEVER, error: { code: 'None' } });
    expect(initial?.steadyStateFirstAchievedTime).toBe(NEVER);
    expect(initial!.progress![0].completedUnits!).toBeLessThan(initial!.progress![0].totalUnits!);

    const healthy = statuses.filter((s) => s.code === 'Active' && s.lastExecution?.state === 'Succeeded' && s.steadyStateLastAchievedTime !== NEVER);
    expect(healthy.length).toBeGreaterThanOrEqual(2);
    // Only a job whose code is Quarantine has a quarantine reason.
    for (const s of statuses) if (s.quarantine?.reason) expect(s.code).toBe('Quarantine');
  });

  it('lists the source attributes scoping clauses use in each schema, under directories[]', () => {
    for (const { spId, job } of jobs) {
      const schema = t.synchronization[spId].schemas[job.id];
      const source = (schema.directories as Array<{ name: string; objects: Array<{ name: string; attributes: Array<{ name: string }> }> }>)
        .find((d) => d.name === 'Azure Active Directory');
      const userAttributes = source!.objects.find((o) => o.name === 'User')!.attributes.map((a) => a.name);
      expect(userAttributes).toEqual(expect.arrayContaining(['dirSyncEnabled', 'extensionAttribute3', 'physicalDeliveryOfficeName', 'c', 'l']));
      const rules = schema.synchronizationRules;
      for (const m of rules.flatMap((r) => r.objectMappings).filter((m) => m.sourceObjectName === 'User')) {
        for (const clause of (m.scope?.groups ?? []).flatMap((g) => g.clauses)) expect(userAttributes).toContain(clause.sourceOperandName);
      }
    }
  });

  it('has service principals without provisioning next to the apps with provisioning', () => {
    expect(t.servicePrincipals.filter((sp) => !t.synchronization[sp.id]).length).toBeGreaterThanOrEqual(2);
    for (const spId of Object.keys(t.synchronization)) expect(spById.get(spId)?.appRoles?.some((r) => r.value === 'User')).toBe(true);
  });

  it('shows each skip cause, and the skip details agree with assignments and the user', () => {
    const skips = t.provisioningLogs.filter((l) => skipStep(l)?.details?.SkipReason === 'NotEffectivelyEntitled');
    const d = (l: ProvisioningObjectSummary) => skipStep(l)!.details!;
    // One tenant writes the portal's keys, the other the service's: both name assignment and scope.
    const assigned = (l: ProvisioningObjectSummary) => (d(l)['Assigned to the application'] ?? d(l)['User has the required role']) === 'True';
    const inScope = (l: ProvisioningObjectSummary) => (d(l).IsInProvisioningScope ?? d(l).IsInProvisioningScopeDisplayName) === 'True';
    const notAssigned = skips.filter((l) => !assigned(l));
    const outOfScope = skips.filter((l) => assigned(l) && !inScope(l));
    const notEntitled = skips.filter((l) => assigned(l) && inScope(l) && d(l).IsEffectivelyEntitledForProvisioning === 'False');
    for (const group of [notAssigned, outOfScope, notEntitled]) expect(group.length).toBeGreaterThan(0);

    for (const l of skips) {
      const isAssigned = assignedApps(t, String(l.sourceIdentity?.id)).has(String(l.servicePrincipal?.id));
      expect(isAssigned, `${l.sourceIdentity?.displayName} in ${l.servicePrincipal?.displayName}`).toBe(assigned(l));
    }
    // A scoping-filter skip names clauses the user really fails: the source attribute's value differs.
    for (const l of outOfScope) {
      const user = sourceAttributes(t.users.find((u) => u.id === l.sourceIdentity?.id)!);
      const result = JSON.parse(d(l).ScopeEvaluationResult) as Record<string, boolean>;
      expect(Object.values(result)).toContain(false);
      for (const [clause, passed] of Object.entries(result)) {
        const m = /\.(\w+) EQUALS '(.*)'$/.exec(clause);
        if (m) expect(user[m[1]] === m[2]).toBe(passed);
      }
    }
  });

  it('has a required-attribute failure for a user whose mail is empty', () => {
    const failures = t.provisioningLogs.filter((l) => l.provisioningStatusInfo?.status === 'failure');
    const missing = failures.filter((l) => {
      const e = l.provisioningStatusInfo?.errorInformation;
      return /^[A-Z]\w*MandatoryFieldsMissing$/.test(String(e?.errorCode)) || /Required property missing/.test(String(e?.reason));
    });
    expect(missing.length).toBeGreaterThan(0);
    for (const l of missing) expect(t.users.find((u) => u.id === l.sourceIdentity?.id)?.mail ?? null).toBeNull();
  });

  it('has a group skipped with ImportSkipped because its matching attribute is empty', () => {
    const entries = t.provisioningLogs.filter((l) => l.provisioningStatusInfo?.errorInformation?.errorCode === 'ImportSkipped');
    expect(entries.length).toBeGreaterThan(0);
    for (const l of entries) {
      const group = t.groups.find((g) => g.id === l.sourceIdentity?.id)!;
      const schema = t.synchronization[String(l.servicePrincipal?.id)].schemas[String(l.jobId)];
      const groupMapping = schema.synchronizationRules[0].objectMappings.find((m) => m.sourceObjectName === 'Group')!;
      const matching = groupMapping.attributeMappings.find((m) => m.matchingPriority === 1)!;
      expect(group[String(matching.source?.name)] ?? null).toBeNull();
    }
  });

  it('has a user assigned to an app in its initial cycle with no log entry at all', () => {
    const initial = jobs.filter(({ job }) => job.status?.code === 'NotRun' && (job.status.progress?.length ?? 0) > 0);
    const waiting = t.users.filter(
      (u) => initial.some(({ spId }) => assignedApps(t, u.id).has(spId)) && logsOf(t, u.id).length === 0,
    );
    expect(waiting.length).toBeGreaterThan(0);
  });

  it('has a disabled user and two users sharing a first name', () => {
    expect(t.users.some((u) => u.accountEnabled === false)).toBe(true);
    const firstNames = t.users.map((u) => u.givenName);
    expect(new Set(firstNames).size).toBeLessThan(firstNames.length);
  });
});

describe('the contoso quick-start scenarios', () => {
  const t = tenants['contoso.json'];

  it('has exactly one Jane, skipped in Salesforce by the Sales-only scoping filter', () => {
    expect(t.users.filter((u) => /^jan/i.test(String(u.givenName)) || /\bjan/i.test(String(u.displayName)))).toHaveLength(1);
    const jane = userNamed(t, 'Jane Doe');
    expect(jane.department).toBe('Marketing');
    const skips = logsOf(t, jane.id, 'Salesforce').filter((l) => l.provisioningStatusInfo?.status === 'skipped');
    expect(skips.length).toBeGreaterThan(0);
    expect(skipStep(skips[0])?.details?.ScopeEvaluationResult).toContain(`"Sales only.department EQUALS 'Sales'":false`);
  });

  it("has Liam O'Brien unassigned from Salesforce and Tomás García assigned to Atlassian Cloud yet not entitled", () => {
    const salesforce = t.servicePrincipals.find((sp) => sp.displayName === 'Salesforce')!;
    const atlassian = t.servicePrincipals.find((sp) => sp.displayName === 'Atlassian Cloud')!;
    expect(assignedApps(t, userNamed(t, "Liam O'Brien").id).has(salesforce.id)).toBe(false);
    const tomas = userNamed(t, 'Tomás García');
    expect(assignedApps(t, tomas.id).has(atlassian.id)).toBe(true);
    expect(logsOf(t, tomas.id, 'Atlassian Cloud').every((l) => skipStep(l)?.details?.IsEffectivelyEntitledForProvisioning === 'False')).toBe(true);
  });

  it('has two apps with provisioning whose names share a prefix', () => {
    const names = t.servicePrincipals.filter((sp) => t.synchronization[sp.id]).map((sp) => String(sp.displayName));
    expect(names.some((a) => names.some((b) => a !== b && b.startsWith(a)))).toBe(true);
  });
});

describe('the two demo tenants', () => {
  const [a, b] = FILES.map((f) => tenants[f]);
  const appNames = (t: DemoTenantFile) =>
    new Set([...t.servicePrincipals.map((sp) => sp.displayName), ...t.provisioningLogs.map((l) => l.servicePrincipal?.displayName)]);

  it('share no tenant, user names, app names or object ids, so nothing can be tuned to one data set', () => {
    expect(a.tenant.id).not.toBe(b.tenant.id);
    const aUsers = new Set(a.users.map((u) => u.displayName));
    expect(b.users.filter((u) => aUsers.has(u.displayName))).toEqual([]);
    const aApps = appNames(a);
    expect([...appNames(b)].filter((n) => aApps.has(n))).toEqual([]);
    const aIds = new Set([...a.users, ...a.groups, ...a.servicePrincipals].map((o) => o.id));
    expect([...b.users, ...b.groups, ...b.servicePrincipals].filter((o) => aIds.has(o.id))).toEqual([]);
  });
});
