import { afterEach, describe, expect, it } from 'vitest';
import { startDemoGraph, type DemoGraph } from '../demo';
import type { DemoTenantFile } from '../demo/tenantFile';
import { gatherHistory } from '../gather/gatherHistory';
import { GraphGateway } from '../graph/gateway';
import type { DirectoryAudit } from '../graph/types';
import { renderHistory } from '../render';
import { AuditLog } from '../storage/auditLog';
import { MemoryStorage } from 'botbuilder';
import { JOB_JUST_CREATED, JOB_PAUSED_WITH_LEFTOVER_QUARANTINE } from '../../test/fixtures/graphSamples';
import type { SynchronizationJob } from '../graph/types';
import { appEvidence, job, NOW, SP_ID } from './evidence.spec-helper';
import { diagnoseHistory, type BotAction } from './history';

// Microsoft's published example response of "List directoryAudits" (microsoftgraph/microsoft-graph-docs-contrib,
// api-reference/v1.0/api/directoryaudit-list.md, Example 1), verbatim: note "Type" capitalised and the app null.
const PUBLISHED_DIRECTORY_AUDITS = {
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditlogs/directoryaudits',
  value: [{
        id: 'id',
        category: 'UserManagement',
        correlationId: 'da159bfb-54fa-4092-8a38-6e1fa7870e30',
        result: 'success',
        resultReason: 'Successfully added member to group',
        activityDisplayName: 'Add member to group',
        activityDateTime: '2018-01-09T21:20:02.7215374Z',
        loggedByService: 'Core Directory',
        initiatedBy: {
            user: {
                id: '728309ae-1a37-4937-9afe-e35d964db09b',
                displayName: 'Audry Oliver',
                userPrincipalName: 'bob@wingtiptoysonline.com',
                ipAddress: '127.0.0.1'
            },
            app: null
        },
        targetResources: [{
            id: 'ef7e527d-6c92-4234-8c6d-cf6fdfb57f95',
            displayName: 'Example.com',
            Type: 'Group',
            modifiedProperties: [{
                displayName: 'Action Client Name',
                oldValue: null,
                newValue: 'DirectorySync'}],
            groupType: 'unifiedGroups'
            },
            {
            id: '1f0e98f5-3161-4c6b-9b50-d488572f2bb7',
            displayName: null,
            Type: 'User',
            modifiedProperties: [],
            userPrincipalName: 'bob@contoso.com'
        }],
        additionalDetails: [{
            key: 'Additional Detail Name',
            value: 'Additional Detail Value'
        }]
    }]
};

/** A provisioning entry in the same shape, about the spec app (activity names from the Entra audit log). */
function provisioningAudit(id: string, at: string, activity: string, who: string, changed: string[] = []): DirectoryAudit {
  return {
    id,
    category: 'ProvisioningManagement',
    correlationId: '0b5e3a1c-7a43-4b8e-9c55-2f7c1d8e6a01',
    result: 'success',
    resultReason: '',
    activityDisplayName: activity,
    activityDateTime: at,
    loggedByService: 'Account Provisioning',
    initiatedBy: { user: { id: '728309ae-1a37-4937-9afe-e35d964db09b', displayName: who, userPrincipalName: 'x@contoso.example', ipAddress: null }, app: null },
    targetResources: [{ id: SP_ID, displayName: 'ServiceNow', type: 'ServicePrincipal', modifiedProperties: changed.map((displayName) => ({ displayName, oldValue: '[redacted]', newValue: '[redacted]' })) }],
    additionalDetails: [],
  };
}

/**
 * The provisioning service's own per-object entries, as Microsoft shows them (MicrosoftDocs/entra-docs,
 * docs/identity/multi-tenant-organizations/cross-tenant-synchronization-configure-graph.md, the output of
 * `Get-MgAuditLogDirectoryAudit | Select -First 10 | Format-List`), transcribed field for field into Graph's
 * JSON names; the service principal is the spec app's, the times are the spec's.
 */
function exportEntry(i: number, at: string): DirectoryAudit {
  return {
    id: `Sync_aaaa0000-bb11-2222-33cc-444444dddddd_L5BFV_${161778479 + i}`,
    category: 'ProvisioningManagement',
    correlationId: 'aaaa0000-bb11-2222-33cc-444444dddddd',
    result: 'success',
    resultReason: `User 'user${i}@fabrikam.com' was created in Azure Active Directory (target tenant)`,
    activityDisplayName: i % 2 ? 'Export' : 'Synchronization rule action',
    activityDateTime: at,
    loggedByService: 'Account Provisioning',
    initiatedBy: { user: null, app: { appId: null, displayName: 'Azure AD Provisioning', servicePrincipalId: null, servicePrincipalName: null } },
    targetResources: [{ id: SP_ID, displayName: null, type: 'ServicePrincipal', modifiedProperties: [] }],
    additionalDetails: [],
  } as unknown as DirectoryAudit;
}
const exportsSince = (count: number, from: string) => Array.from({ length: count }, (_, i) => exportEntry(i, new Date(Date.parse(from) + (count - i) * 1000).toISOString()));

const botRestart: BotAction = { at: '2026-11-20T09:00:00Z', who: 'Ada Admin', verb: 'restartProvisioning', action: 'Restart provisioning', result: 'succeeded' };

describe('diagnoseHistory', () => {
  it('reads Microsoft’s published directoryAudit entry: who, what, when', () => {
    const view = diagnoseHistory({ now: NOW, app: appEvidence(), directoryAudits: PUBLISHED_DIRECTORY_AUDITS.value as DirectoryAudit[], botActions: [] });
    const entry = view.entries.find((e) => e.source === 'entra')!;
    expect(entry.who).toBe('Audry Oliver');
    expect(entry.what).toBe('Add member to group (changed: Action Client Name)');
    expect(entry.when).toMatch(/^2018-01-09 21:20 UTC/);
  });

  it('merges the bot’s actions, the audit log and the job’s cycles, newest first', () => {
    const view = diagnoseHistory({
      now: NOW,
      app: appEvidence(),
      directoryAudits: [provisioningAudit('a1', '2026-11-19T15:00:00Z', 'Update provisioning setting or credentials', 'Grace Admin', ['Secret Token'])],
      botActions: [botRestart],
    });
    expect(view.entries.map((e) => e.source)).toEqual(['job', 'bot', 'entra', 'job']);
    expect(view.entries[0].what).toBe('Cycle ended: Succeeded, 3 exported');
    expect(view.entries[2].what).toBe('Update provisioning setting or credentials (changed: Secret Token)');
    expect(view.facts.find((f) => f.label === 'Last run')?.value).toMatch(/^2026-11-20 11:22 UTC \(19 min ago\): Succeeded/);
  });

  it('answers "who changed the credentials?" with the latest credential change only', () => {
    const view = diagnoseHistory(
      {
        now: NOW,
        app: appEvidence(),
        directoryAudits: [
          provisioningAudit('a2', '2026-11-19T16:00:00Z', 'Enable/restart provisioning configuration', 'Ben Ops'),
          provisioningAudit('a1', '2026-11-19T15:00:00Z', 'Update provisioning setting or credentials', 'Grace Admin', ['Secret Token']),
        ],
        botActions: [botRestart],
      },
      'credentials',
    );
    expect(view.entries).toHaveLength(1);
    expect(view.headline).toMatch(/^Grace Admin: Update provisioning setting or credentials .* on ServiceNow, 2026-11-19 15:00 UTC/);
  });

  it('answers "who restarted?" from both trails, and says so when nobody did', () => {
    const restarts = diagnoseHistory(
      { now: NOW, app: appEvidence(), directoryAudits: [provisioningAudit('a2', '2026-11-19T16:00:00Z', 'Enable/restart provisioning configuration', 'Ben Ops')], botActions: [botRestart] },
      'restarts',
    );
    expect(restarts.entries.map((e) => e.who)).toEqual(['Ada Admin', 'Ben Ops']);
    expect(diagnoseHistory({ now: NOW, app: appEvidence(), directoryAudits: [], botActions: [] }, 'restarts').headline).toBe('No restart or start of ServiceNow is recorded');
  });

  it('answers "who paused it?" with the pause, or says none is recorded', () => {
    const paused = diagnoseHistory(
      { now: NOW, app: appEvidence(), directoryAudits: [provisioningAudit('p1', '2026-11-19T18:00:00Z', 'Disable/pause provisioning configuration', 'Tara Quinn')], botActions: [] },
      'pauses',
    );
    expect(paused.headline).toMatch(/^Tara Quinn: Disable\/pause provisioning configuration on ServiceNow/);
    expect(diagnoseHistory({ now: NOW, app: appEvidence(), directoryAudits: [], botActions: [] }, 'pauses').headline).toBe('No pause or stop of ServiceNow is recorded');
  });

  it('leads "who restarted?" with the latest restart, not a later start', () => {
    const view = diagnoseHistory(
      {
        now: NOW,
        app: appEvidence(),
        directoryAudits: [
          provisioningAudit('s1', '2026-11-19T18:00:00Z', 'Enable/start provisioning configuration', 'Tara Quinn'),
          provisioningAudit('r1', '2026-11-16T09:00:00Z', 'Enable/restart provisioning configuration', 'Connor Walsh'),
        ],
        botActions: [],
      },
      'restarts',
    );
    expect(view.headline).toMatch(/^Connor Walsh: Enable\/restart provisioning configuration on ServiceNow/);
    expect(view.entries.map((e) => e.who)).toEqual(['Tara Quinn', 'Connor Walsh']);
  });

  it('leaves the service’s per-user events out of the timeline, and says so', () => {
    const view = diagnoseHistory({
      now: NOW,
      app: appEvidence(),
      directoryAudits: [...exportsSince(40, '2026-11-20T10:00:00Z'), provisioningAudit('a2', '2026-11-19T16:00:00Z', 'Enable/restart provisioning configuration', 'Ben Ops')],
      botActions: [],
    });
    expect(view.entries.filter((e) => e.source === 'entra').map((e) => e.what)).toEqual(['Enable/restart provisioning configuration']);
    expect(view.caveats.join(' ')).toMatch(/40 of the Entra audit entries read are the provisioning service's own per-user and per-group events/);
  });

  it('when the read stopped at its bound, says "none among the newest N", never "none recorded"', () => {
    const view = diagnoseHistory({ now: NOW, app: appEvidence(), directoryAudits: exportsSince(100, '2026-11-20T09:00:00Z'), directoryAuditsCut: true, botActions: [] }, 'restarts');
    expect(view.headline).toBe('No restart or start of ServiceNow among the newest 100 Entra audit entries');
    expect(view.entries).toEqual([]);
  });

  it('answers "when did it last run?" from the job, and a job in quarantine shows its series', () => {
    const quarantined = appEvidence(
      job({
        code: 'Quarantine',
        lastExecution: { state: 'Failed', timeBegan: '2026-11-20T05:00:00Z', timeEnded: '2026-11-20T05:01:00Z' },
        quarantine: { reason: 'EncounteredQuarantineException', seriesBegan: '2026-11-19T05:00:00Z', currentBegan: '2026-11-20T05:00:00Z', seriesCount: 2, nextAttempt: '2026-11-20T17:00:00Z', error: { code: 'SystemForCrossDomainIdentityManagementCredentialValidationFailure' } },
      }),
    );
    const view = diagnoseHistory({ now: NOW, app: quarantined, directoryAudits: [], botActions: [] }, 'runs');
    expect(view.headline).toBe('ServiceNow last ran 2026-11-20 05:01 UTC (7 h ago): Failed');
    expect(view.severity).toBe('warning');
    expect(view.entries.map((e) => e.what)).toContain('Went into quarantine: EncounteredQuarantineException (SystemForCrossDomainIdentityManagementCredentialValidationFailure)');
  });

  it('answers "when is the next sync?" from the job: its schedule, its quarantine retries, or why none will run', () => {
    const next = (j: SynchronizationJob) => diagnoseHistory({ now: NOW, app: appEvidence(j), directoryAudits: [], botActions: [] }, 'next-run').headline;
    // The last cycle began 11:20, every 40 minutes: 12:00.
    expect(next(job())).toBe('The next ServiceNow cycle is expected 2026-11-20 12:00 UTC (in 19 min); cycles run about every 40 minutes');
    expect(next(job({ lastExecution: { state: 'Succeeded', timeBegan: '2026-11-20T11:00:00Z', timeEnded: '2026-11-20T11:03:00Z' } }))).toBe(
      'The next ServiceNow cycle is due now; cycles run about every 40 minutes, and the last began 2026-11-20 11:00 UTC (41 min ago)',
    );
    // None begun for more than two intervals: not "due now" but overdue, as a warning.
    const late = diagnoseHistory({ now: NOW, app: appEvidence(job({ lastExecution: { state: 'Succeeded', timeBegan: '2026-11-20T10:00:00Z', timeEnded: '2026-11-20T10:03:00Z' } })), directoryAudits: [], botActions: [] }, 'next-run');
    expect(late).toMatchObject({ headline: 'The next ServiceNow cycle is overdue: the last began 2026-11-20 10:00 UTC (2 h ago), and cycles run about every 40 minutes', severity: 'warning' });
    // A long cycle that ended a few minutes ago is no overdue one.
    const long = diagnoseHistory({ now: NOW, app: appEvidence(job({ lastExecution: { state: 'Succeeded', timeBegan: '2026-11-20T09:00:00Z', timeEnded: '2026-11-20T11:35:00Z' } })), directoryAudits: [], botActions: [] }, 'next-run');
    expect(long).toMatchObject({ headline: expect.stringMatching(/^The next ServiceNow cycle is due now; /), severity: 'info' });
    const quarantine = { reason: 'EncounteredQuarantineException', seriesBegan: '2026-11-19T05:00:00Z', currentBegan: '2026-11-20T05:00:00Z', seriesCount: 2, nextAttempt: '2026-11-20T17:00:00Z' };
    expect(next(job({ code: 'Quarantine', quarantine }))).toBe('ServiceNow provisioning is in quarantine: the next attempt is 2026-11-20 17:00 UTC (in 5 h), not every 40 minutes');
    // Graph's published jobs, verbatim: one just created (never run), one paused with a leftover quarantine object.
    expect(next(JOB_JUST_CREATED as unknown as SynchronizationJob)).toBe('ServiceNow provisioning has never run: no cycle runs until it is started');
    expect(next(job({ code: 'Paused' }, { interval: 'PT40M', state: 'Paused' }))).toBe('ServiceNow provisioning is paused: no cycle runs until it is started again');
    // Its quarantine series says it ran before it was paused.
    expect(next(JOB_PAUSED_WITH_LEFTOVER_QUARANTINE as unknown as SynchronizationJob)).toBe('ServiceNow provisioning is paused: no cycle runs until it is started again');
  });

  it('answers "when did it last run successfully?" with the last success, and the failing cycle after it', () => {
    const success = (j: SynchronizationJob) => diagnoseHistory({ now: NOW, app: appEvidence(j), directoryAudits: [], botActions: [] }, 'last-success');
    expect(success(job())).toMatchObject({ headline: 'ServiceNow last ran successfully 2026-11-20 11:22 UTC (19 min ago)', severity: 'ok' });
    const failing = job({
      lastExecution: { state: 'EntryLevelErrors', timeBegan: '2026-11-20T11:20:00Z', timeEnded: '2026-11-20T11:25:00Z' },
      lastSuccessfulExecution: { state: 'Succeeded', timeEnded: '2026-11-18T09:00:00Z' },
    });
    expect(success(failing)).toMatchObject({
      headline: 'ServiceNow last ran successfully 2026-11-18 09:00 UTC (2 days ago); its last cycle since ended 2026-11-20 11:25 UTC (16 min ago): EntryLevelErrors',
      severity: 'warning',
    });
    expect(success(JOB_JUST_CREATED as unknown as SynchronizationJob).headline).toBe('ServiceNow provisioning has not run yet');
    // A success before a pause: said with the pause, which is why none came since.
    expect(success(job({ code: 'Paused' }, { interval: 'PT40M', state: 'Paused' }))).toMatchObject({
      headline: 'ServiceNow last ran successfully 2026-11-20 11:22 UTC (19 min ago); provisioning is paused now',
      severity: 'warning',
    });
  });

  it('pages the timeline on the card: Older on the first page, Newer on the next', () => {
    const audits = Array.from({ length: 9 }, (_, i) => provisioningAudit(`p${i}`, `2026-11-1${i}T10:00:00Z`, 'Update attribute mappings or scope', `Admin ${i}`));
    const view = diagnoseHistory({ now: NOW, app: appEvidence(), directoryAudits: audits, botActions: [] });
    const pageButton = (page: number) => ({ verb: 'chooseSubject', data: { topic: 'history', page } });
    const first = JSON.stringify(renderHistory(view, { page: 0, pageButton }).card);
    const second = JSON.stringify(renderHistory(view, { page: 1, pageButton }).card);
    expect(first).toContain('"title":"Older"');
    expect(first).not.toContain('"title":"Newer"');
    expect(first).toContain('Admin 8');
    expect(second).toContain('"title":"Newer"');
    expect(second).toContain('Admin 0');
    expect(second).not.toContain('Admin 8');
  });
});

describe('gatherHistory against the Graph stand-in', () => {
  let graph: DemoGraph | undefined;
  afterEach(async () => graph?.close());

  const tenant = (audits: DirectoryAudit[]): DemoTenantFile => ({
    tenant: { id: 'aaaaaaaa-0000-4000-8000-000000000000', displayName: 'Spec', defaultDomain: 'spec.example' },
    asOf: NOW,
    users: [],
    groups: [],
    groupMembers: {},
    servicePrincipals: [],
    appRoleAssignments: [],
    synchronization: {},
    provisioningLogs: [],
    directoryAudits: audits,
  });

  it('asks Entra’s audit log for this app’s ProvisioningManagement entries only, and merges the bot’s own records', async () => {
    const other = { ...provisioningAudit('o1', '2026-11-19T12:00:00Z', 'Update attribute mappings or scope', 'Someone Else'), targetResources: [{ id: '99999999-9999-4999-8999-999999999999', displayName: 'Other', type: 'ServicePrincipal' }] };
    const userChange = { ...provisioningAudit('u1', '2026-11-19T13:00:00Z', 'Update user', 'Someone Else'), category: 'UserManagement' };
    const mine = provisioningAudit('m1', '2026-11-19T14:00:00Z', 'Update provisioning setting or credentials', 'Grace Admin');
    graph = await startDemoGraph({ tenant: tenant([other, userChange, mine]) });
    const gateway = new GraphGateway({ baseUrl: graph.url, tenantKey: 'spec-history' });
    const audit = new AuditLog(new MemoryStorage());
    await audit.record({ tenantId: 't1', actor: { name: 'Ada Admin', aadObjectId: 'x' }, verb: 'restartProvisioning', target: { spId: SP_ID, appName: 'ServiceNow' }, result: 'succeeded', operationId: 'op-1' });
    const evidence = await gatherHistory(gateway, audit, 't1', appEvidence(), new Date(NOW));
    expect(evidence.directoryAudits.map((a) => a.id)).toEqual(['m1']);
    expect(evidence.botActions.map((b) => `${b.who}: ${b.action}`)).toEqual(['Ada Admin: Restart provisioning']);
  });

  it('a busy app’s per-user events fill the bounded read: the answer says how far it looked', async () => {
    const restart = provisioningAudit('r1', '2026-11-18T08:00:00Z', 'Enable/restart provisioning configuration', 'Ben Ops');
    graph = await startDemoGraph({ tenant: tenant([...exportsSince(150, '2026-11-19T00:00:00Z'), restart]) });
    const gateway = new GraphGateway({ baseUrl: graph.url, tenantKey: 'spec-history-busy' });
    const evidence = await gatherHistory(gateway, new AuditLog(new MemoryStorage()), 't1', appEvidence(), new Date(NOW));
    expect(evidence.directoryAuditsCut).toBe(true);
    expect(diagnoseHistory(evidence, 'restarts').headline).toBe('No restart or start of ServiceNow among the newest 100 Entra audit entries');
  });

  it('a 403 names AuditLog.Read.All and the timeline still answers from the bot and the job', async () => {
    graph = await startDemoGraph({
      tenant: tenant([]),
      onRequest: (req) =>
        req.path.toLowerCase().startsWith('/auditlogs/directoryaudits')
          ? { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } }
          : undefined,
    });
    const gateway = new GraphGateway({ baseUrl: graph.url, tenantKey: 'spec-history-403' });
    const evidence = await gatherHistory(gateway, new AuditLog(new MemoryStorage()), 't1', appEvidence(), new Date(NOW));
    expect(evidence.directoryAuditsNote).toMatch(/AuditLog\.Read\.All/);
    expect(diagnoseHistory(evidence).entries.length).toBeGreaterThan(0);
  });

  it('the stand-in refuses a filter the audit log does not support, as Graph does', async () => {
    graph = await startDemoGraph({ tenant: tenant([]) });
    const res = await fetch(`${graph.url}/auditLogs/directoryAudits?$filter=${encodeURIComponent("contains(activityDisplayName,'x')")}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'BadRequest', message: 'Invalid filter clause' } });
  });
});
