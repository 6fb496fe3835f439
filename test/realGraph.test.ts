// The bot over HTTP against the Graph stand-in, with the stand-in answering the way real Microsoft Graph does:
// the bodies Microsoft publishes (test/fixtures/graphSamples.ts names each source) fed verbatim. Names come from
// the tenant data itself (the second demo tenant), never typed here.
import { describe, expect, it } from 'vitest';
import type { ProvisioningObjectSummary, SynchronizationJob } from '../src/graph/types';
import {
  JOB_JUST_CREATED,
  JOB_JUST_STARTED,
  JOB_PAUSED_WITH_LEFTOVER_QUARANTINE,
  NO_PREMIUM_LICENCE_403,
  ON_DEMAND_REDUNDANT_EXPORT,
  SYNC_401_UNKNOWN_ERROR,
} from './fixtures/graphSamples';
import { cardButtons, cardText, onlyCard } from './support/cards';
import { TENANTS, useTestBot, type Card } from './support/testBot';

const t = useTestBot({ tenantFile: TENANTS.fabrikam });

const JOBS = /^\/servicePrincipals\/([^/]+)\/synchronization\/jobs$/i;
const LOGS = '/auditLogs/provisioning';

/** Apps with provisioning in the stand-in's data, with their first job. */
function appsWithJobs() {
  return t.graph.state.servicePrincipals
    .map((sp) => ({ sp, job: t.graph.state.synchronization[sp.id]?.jobs[0] as SynchronizationJob | undefined }))
    .filter((a): a is { sp: (typeof a)['sp']; job: SynchronizationJob } => !!a.job);
}

/** Serves this job body (a published sample) in place of the app's real one, keeping its id. */
function serveJob(spId: string, sample: Record<string, unknown>) {
  const real = t.graph.state.synchronization[spId].jobs[0];
  const job = { ...sample, id: real.id };
  t.hook = (r) => {
    const m = JOBS.exec(r.path);
    if (r.method === 'GET' && m && m[1] === spId) return { status: 200, body: { value: [job] } };
    if (r.method === 'GET' && r.path === `/servicePrincipals/${spId}/synchronization/jobs/${real.id}`) return { status: 200, body: job };
    return undefined;
  };
}

const text = async (question: string) => cardText(onlyCard(await t.ask(question)));

describe('a caller without the role or permission: Graph answers 401 UnknownError on /synchronization', () => {
  it('names the missing permission for one app, never "provisioning is not set up"', async () => {
    const { sp } = appsWithJobs()[0];
    t.hook = (r) => (JOBS.test(r.path) ? SYNC_401_UNKNOWN_ERROR : undefined);
    const said = await text(`is ${sp.displayName} in quarantine?`);
    expect(said).toMatch(/permission or role is missing/i);
    expect(said).toContain('Synchronization.Read.All');
    expect(said).toMatch(/Cloud Application Administrator/);
    expect(said).not.toMatch(/not set up|sign in again/i);
  });

  it('says so for the overview when no app could be read', async () => {
    t.hook = (r) => (JOBS.test(r.path) ? SYNC_401_UNKNOWN_ERROR : undefined);
    const said = await text('is anything in quarantine?');
    expect(said).toContain('Synchronization.Read.All');
    expect(said).not.toMatch(/None of the \d+ apps/);
  });

  it('never drops an unreadable app from the overview count: it says how many could not be read, and which', async () => {
    const apps = appsWithJobs();
    const refused = apps[apps.length - 1].sp;
    t.hook = (r) => (JOBS.exec(r.path)?.[1] === refused.id ? SYNC_401_UNKNOWN_ERROR : undefined);
    const said = await text('is anything in quarantine?');
    expect(said).toMatch(/1 app could not be read \(missing permission Synchronization\.Read\.All/);
    expect(said).toContain(refused.displayName!);
  });
});

describe('a tenant without Entra ID P1/P2: the logs answer 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant', () => {
  it('still diagnoses a person from assignments, job and schema, and says the logs need the licence', async () => {
    const someone = t.graph.state.provisioningLogs.find((e) => e.sourceIdentity?.displayName)!.sourceIdentity!;
    t.hook = (r) => (r.path === LOGS ? NO_PREMIUM_LICENCE_403 : undefined);
    const card = onlyCard(await t.ask(`why was ${someone.displayName} skipped?`));
    const said = cardText(card);
    expect(said).toMatch(/provisioning logs could not be read/i);
    expect(said).toMatch(/P1 or P2/);
    expect(said).not.toMatch(/consent|something went wrong/i);
  });

  it('answers an app status from the job alone, with the same caveat', async () => {
    const { sp } = appsWithJobs()[0];
    t.hook = (r) => (r.path === LOGS ? NO_PREMIUM_LICENCE_403 : undefined);
    const said = await text(`how is ${sp.displayName} doing?`);
    expect(said).toContain(sp.displayName!);
    expect(said).toMatch(/P1 or P2/);
  });
});

describe('job states as Graph really reports them', () => {
  it('right after start (NotRun, schedule Active, sentinel "Failed" with error None) is a first cycle on its way', async () => {
    const { sp } = appsWithJobs()[0];
    serveJob(sp.id, JOB_JUST_STARTED);
    const card = onlyCard(await t.ask(`why is ${sp.displayName} provisioning stuck?`));
    const said = cardText(card);
    expect(said).toMatch(/first cycle is on its way/);
    expect(said).not.toMatch(/has never run|last provisioning cycle of .* failed/i);
    expect(cardButtons(card).map((b) => b.verb)).not.toContain('startProvisioning');
  });

  it('a job just created (code Paused, nothing ever run) has never run: starting it runs a first cycle, nothing "picks up"', async () => {
    const { sp } = appsWithJobs()[0];
    serveJob(sp.id, JOB_JUST_CREATED);
    const card = onlyCard(await t.ask(`why doesn't ${sp.displayName} provisioning start?`));
    const said = cardText(card);
    expect(said).toMatch(/has never run/);
    expect(said).toMatch(/Provisioning Status was never set to On/);
    expect(said).not.toMatch(/is paused|picks up where it left off/);
    expect(cardButtons(card).map((b) => b.verb)).toContain('startProvisioning');
  });

  it('a Paused job with a leftover quarantine object of empty strings is paused, not in quarantine', async () => {
    const { sp } = appsWithJobs()[0];
    serveJob(sp.id, JOB_PAUSED_WITH_LEFTOVER_QUARANTINE);
    const quarantine = await text(`is ${sp.displayName} in quarantine?`);
    expect(quarantine).toMatch(/is not in quarantine/);
    const status = await text(`how is ${sp.displayName} doing?`);
    expect(status).toMatch(/is paused/);
    expect(status).not.toMatch(/in quarantine|is disabled/);
  });
});

describe('provisioning-log reads', () => {
  it('always ask newest first, and read the newest entry even from a server that ignores the order', async () => {
    const someone = t.graph.state.provisioningLogs.find((e) => e.sourceIdentity?.displayName)!.sourceIdentity!;
    const baseline = await text(`why was ${someone.displayName} skipped?`);
    // The server answers oldest first whatever was asked: the bot must still pick the newest entry.
    t.hook = (r) => {
      if (r.path !== LOGS) return undefined;
      const filter = r.query.$filter ?? '';
      const entries = t.graph.state.provisioningLogs
        .filter((e) => filter.includes(String(e.sourceIdentity?.id)))
        .sort((a, b) => String(a.activityDateTime).localeCompare(String(b.activityDateTime)));
      return { status: 200, body: { value: entries } };
    };
    const before = t.graphRequests.length;
    expect(await text(`why was ${someone.displayName} skipped?`)).toBe(baseline);
    const logReads = t.graphRequests.slice(before).filter((r) => r.path === LOGS);
    expect(logReads.length).toBeGreaterThan(0);
    for (const r of logReads) expect(r.query.$orderby).toBe('activityDateTime desc');
  });

  it('explain an error code carrying the connector prefix as its family, and show the full code', async () => {
    const failed = t.graph.state.provisioningLogs.find(
      (e) => /^failure$/i.test(String(e.provisioningStatusInfo?.status)) && e.provisioningStatusInfo?.errorInformation?.errorCode && e.sourceIdentity?.displayName,
    )!;
    const who = failed.sourceIdentity!.displayName!;
    const code = failed.provisioningStatusInfo!.errorInformation!.errorCode!;
    const app = failed.servicePrincipal!.displayName!;
    const baseline = await text(`why did ${who} fail in ${app}?`);
    const prefixed = `Fabrikam${code}`;
    t.hook = (r) => {
      if (r.path !== LOGS) return undefined;
      const relabel = (e: ProvisioningObjectSummary) =>
        e.provisioningStatusInfo?.errorInformation?.errorCode === code
          ? { ...e, provisioningStatusInfo: { ...e.provisioningStatusInfo, errorInformation: { ...e.provisioningStatusInfo.errorInformation, errorCode: prefixed } } }
          : e;
      // A person's entries, or an app's (one read of an app serves its people's questions).
      const filter = r.query.$filter ?? '';
      const asked = (e: ProvisioningObjectSummary) => filter.includes(String(filter.includes('sourceIdentity') ? e.sourceIdentity?.id : e.servicePrincipal?.id));
      return { status: 200, body: { value: t.graph.state.provisioningLogs.filter(asked).map(relabel) } };
    };
    const said = await text(`why did ${who} fail in ${app}?`);
    expect(said).toContain(prefixed);
    // The same diagnosis as for the bare code: the first line (the verdict) is unchanged.
    expect(said.split('\n')[0]).toBe(baseline.split('\n')[0]);
  });
});

describe('provision on demand answered with the published RedundantExport body', () => {
  it('says the person is already up to date, not "skipped again" or "failed"', async () => {
    // Someone whose diagnosis offers "provision now".
    let provision: ReturnType<typeof cardButtons>[number] | undefined;
    for (const entry of t.graph.state.provisioningLogs) {
      const who = entry.sourceIdentity?.displayName;
      if (!who) continue;
      provision = cardButtons(onlyCard(await t.ask(`why was ${who} skipped?`))).find((b) => b.verb === 'provisionOnDemand');
      if (provision) break;
    }
    expect(provision).toBeDefined();
    t.hook = (r) => (r.method === 'POST' && r.path.endsWith('/provisionOnDemand') ? { status: 200, body: ON_DEMAND_REDUNDANT_EXPORT } : undefined);
    const review = (await t.invoke(provision!.verb!, provision!.data)).body.value as Card;
    const go = cardButtons(review).find((b) => b.verb === 'provisionOnDemand')!;
    const outcome = cardText((await t.invoke(go.verb!, go.data)).body.value as Card);
    expect(outcome).toMatch(/is already up to date in/);
    expect(outcome).not.toMatch(/skipped again|failed/i);
  });
});

describe('scoping filters that name sync-schema attributes', () => {
  /** A user directly assigned to an app whose job has a user mapping, and that app's schema. */
  function assignedUserAndApp() {
    for (const { sp, job } of appsWithJobs()) {
      const schema = t.graph.state.synchronization[sp.id].schemas[job.id];
      const mapping = schema?.synchronizationRules?.flatMap((r) => r.objectMappings ?? []).find((m) => /^user$/i.test(String(m.sourceObjectName)));
      if (!mapping || !/^active$/i.test(String(job.status?.code))) continue;
      const assignment = t.graph.state.appRoleAssignments.find((a) => a.resourceId === sp.id && t.graph.state.users.some((u) => u.id === a.principalId));
      if (assignment) return { sp, job, schema, user: t.graph.state.users.find((u) => u.id === assignment.principalId)! };
    }
    throw new Error('the tenant has no directly assigned user in an active app');
  }

  /** Serves the app's schema with one scoping clause, the user's attributes as given, and no log entries. */
  function serve(clause: { sourceOperandName: string; operatorName: string; targetOperand: { values: string[] } }, attributes: Record<string, unknown>) {
    const { sp, job, schema, user } = assignedUserAndApp();
    const scoped = structuredClone(schema);
    for (const m of scoped.synchronizationRules!.flatMap((r) => r.objectMappings ?? [])) {
      if (/^user$/i.test(String(m.sourceObjectName))) m.scope = { groups: [{ name: 'Synced only', clauses: [clause] }] };
    }
    t.hook = (r) => {
      if (r.path === LOGS) return { status: 200, body: { value: [] } };
      if (r.path === `/servicePrincipals/${sp.id}/synchronization/jobs/${job.id}/schema`) return { status: 200, body: scoped };
      if (r.path === `/users/${user.id}` && /onPremises|manager/.test(r.query.$select ?? '')) return { status: 200, body: { id: user.id, ...attributes } };
      return undefined;
    };
    return `why wasn't ${user.displayName} provisioned to ${sp.displayName}?`;
  }

  const dirSync = { sourceOperandName: 'dirSyncEnabled', operatorName: 'EQUALS', targetOperand: { values: ['True'] } };

  it("does not blame `dirSyncEnabled EQUALS 'True'` for a user synced from AD (onPremisesSyncEnabled true)", async () => {
    const said = await text(serve(dirSync, { onPremisesSyncEnabled: true }));
    expect(said).not.toMatch(/scoping filter/i);
  });

  it('names the clause both ways for a cloud-only user, with the value Graph has', async () => {
    const said = await text(serve(dirSync, { onPremisesSyncEnabled: null }));
    expect(said).toMatch(/left out of .* by a scoping filter/);
    expect(said).toContain('dirSyncEnabled (onPremisesSyncEnabled in Graph) (empty)');
    expect(said).toContain('onPremisesSyncEnabled (dirSyncEnabled in the filter)');
  });

  it('never reports a clause on manager (a reference) as failed', async () => {
    const said = await text(serve({ sourceOperandName: 'manager', operatorName: 'IS NOT NULL', targetOperand: { values: [] } }, {}));
    expect(said).not.toMatch(/left out of .* by a scoping filter/);
    expect(said).toMatch(/a clause I cannot check from Graph \(manager IS NOT NULL\)/);
  });
});
