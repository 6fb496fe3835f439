// Every kind of card the bot sends, drawn by the official Adaptive Cards renderer with Teams' host configs in
// headless Chromium, at a phone's width (340 px) and a chat's (450 px), in the light, dark and high-contrast
// themes: nothing past the card's edge or cut off, short enough to read at a glance, readable text, no two
// buttons alike, and nothing a Teams client cannot draw. The cards come from the real bot answering on the
// Fabrikam demo tenant over HTTP, and from the renderers fed long unbreakable values (error codes, SCIM bodies).
// `GALLERY_DIR=docs/gallery` (npm run gallery) also writes a screenshot of each card kind there.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertCard } from '../src/alerts/alertCard';
import { currentIncident, removalSpike } from '../src/alerts/incidents';
import { digestCard } from '../src/alerts/digest';
import { groupCard } from '../src/alerts/groupCard';
import { resolvedCard } from '../src/alerts/recovery';
import { loadDemoTenant, shiftTimes } from '../src/demo';
import { diagnoseOverview } from '../src/diagnose/overview';
import type { AppEvidence, Diagnosis } from '../src/domain/types';
import { renderChoice, renderConfirmation, renderDiagnosis, renderOutcome, renderProblem } from '../src/render';
import { quarantineDiagnosis, quarantineFinding } from '../src/render/fixtures.spec-helper';
import { openCardBrowser, THEMES, type CardBrowser, type Drawn, type Theme } from './support/cardBrowser';
import { duplicateActions, missingFallbacks, schemaProblems } from './support/cardChecks';
import { cardButtons, cardText, onlyCard } from './support/cards';
import { startTestBot, TENANTS, type Card, type TestBot } from './support/testBot';

/** How tall a card may be at 450 px, by what it is for (issue 13). */
const HEIGHT_LIMIT = { answer: 700, alert: 500, confirmation: 600, outcome: 600, overview: 900 } as const;
type Kind = keyof typeof HEIGHT_LIMIT;

interface Sample {
  name: string;
  kind: Kind;
  card: Card;
  /** File name in the gallery, for the one sample that shows its kind there. */
  gallery?: string;
}

const WIDTHS = [340, 450] as const;

// An error code as long as Graph's own (the Contoso demo tenant's ServiceNow reports this one).
const LONG_CODE = 'SystemForCrossDomainIdentityManagementCredentialValidationFailure';
// The SCIM error body of RFC 7644 §3.12 (a uniqueness conflict), as an app returns it to the provisioning service.
const SCIM_BODY =
  '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"scimType":"uniqueness","detail":"One or more of the attribute values are already in use or are reserved.","status":"409"}';
const LONG_ID = 'ServiceNowOutDelta.3c5e9a0f1b2d4e6f8a7b9c0d1e2f3a4b.1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

function appEvidence(tenantFile: string, name: string): AppEvidence {
  const tenant = shiftTimes(loadDemoTenant(tenantFile), new Date());
  const sp = tenant.servicePrincipals.find((s) => s.displayName === name)!;
  const job = tenant.synchronization[sp.id].jobs[0];
  return { app: { spId: sp.id, appId: sp.appId, displayName: name, jobId: job.id }, servicePrincipal: sp, job };
}

function longValueDiagnosis(): Diagnosis {
  return quarantineDiagnosis({
    findings: [
      quarantineFinding({
        evidence: [
          { label: 'Error code', value: LONG_CODE },
          { label: 'Job', value: LONG_ID },
          { label: 'Response from the app', value: SCIM_BODY },
          { label: 'Since', value: '2026-11-30 08:14 UTC' },
          { label: 'Escrowed changes', value: '1,204' },
          { label: 'Target URL', value: 'https://fabrikam-dev.service-now.com/api/now/scim/v2/Users?filter=userName%20eq%20%22kenji.watanabe%40fabrikam.example%22' },
        ],
      }),
    ],
  });
}

function tenAppOverview(): Card {
  const perApp = Array.from({ length: 10 }, (_, i) => {
    const name = `Fabrikam App ${i + 1} ${i === 3 ? LONG_CODE : ''}`.trim();
    const app = { spId: `00000000-0000-4000-8000-00000000000${i}`, appId: `10000000-0000-4000-8000-00000000000${i}`, displayName: name, jobId: `${LONG_ID}.${i}` };
    return quarantineDiagnosis({
      subject: { kind: 'app', id: app.spId, displayName: name },
      findings: [quarantineFinding({ app, title: `${name} provisioning is in quarantine: the admin credentials are rejected`, remedies: quarantineFinding().remedies.map((r) => ({ ...r, data: { ...r.data, spId: app.spId, jobId: app.jobId } })) })],
    });
  });
  return renderDiagnosis(diagnoseOverview('quarantine', perApp)).card;
}

async function botSamples(t: TestBot): Promise<Sample[]> {
  const asked: Array<[string, string, string?]> = [
    ['why was kenji skipped?', 'skipped-scoping', 'finding'],
    ['is Dropbox in quarantine?', 'quarantine-credentials', 'quarantine'],
    ['tableau quarantined?', 'quarantine-escrow'],
    ['status of zendesk provisioning', 'status-healthy'],
    ['test connection for dropbox', 'credentials-failed'],
    ['test connection for zendesk', 'credentials-ok'],
    ['why is box stuck', 'paused'],
    ['smartsheet provisioning never ran', 'never-run'],
    ['is asana still in its initial cycle?', 'initial-cycle', 'progress'],
    ['why was siobhan skipped', 'not-effectively-entitled'],
    ["why was d'arcy fontaine not provisioned", 'not-assigned'],
    ['why wasnt ravi patel provisioned to zendesk', 'required-attribute-empty'],
    ["why didn't the Field Crew West group sync", 'group-matching'],
    ['any apps in quarantine?', 'overview', 'overview'],
    ['help', 'help', 'help'],
    ['why was zzyzx qwerty skipped?', 'not-found', 'problem'],
    ['audit', 'audit', 'audit'],
    ['alerts', 'alerts'],
    ['how much does zendesk cost?', 'not-understood'],
    ["why wasn't greta removed from zendesk?", 'deprovision-pending'],
    ['why is rosa reyes still active in linkedin learning?', 'deprovision-threshold'],
    ['when will olga get access to asana?', 'access-initial-cycle'],
    ['why was owen skipped in zendesk?', 'limit-nested-group'],
    ['what has been done on zendesk?', 'history', 'history'],
    ["why is farah's job title wrong in zendesk?", 'mapping-person', 'mapping'],
    ["what's the matching attribute for zendesk?", 'mapping-matching'],
    ['show me the scoping filter for zendesk', 'mapping-scoping'],
    ['what failed in tableau cloud in the last 24 hours', 'list', 'list'],
    ['show me provisioning errors in the last 3 days', 'list-all-apps'],
    ['what does quarantine mean?', 'concept'],
    ['who is assigned to zendesk?', 'population'],
    ['what apps is hannah schmidt assigned to?', 'person-apps'],
    ['why does farah siddiqui show up as support agent in zendesk?', 'mapping-by-value'],
  ];
  const samples: Sample[] = [];
  for (const [ask, name, gallery] of asked) {
    samples.push({ name, kind: name === 'overview' ? 'overview' : 'answer', card: onlyCard(await t.ask(ask)), gallery });
  }
  // A fix, clicked: the confirmation, then its outcome; and a test connection's outcome.
  const quarantine = onlyCard(await t.ask('is Dropbox in quarantine?'));
  const clear = cardButtons(quarantine).find((b) => b.verb === 'clearQuarantine')!;
  const confirmation = (await t.invoke(clear.verb!, clear.data)).body.value as Card;
  samples.push({ name: 'confirmation', kind: 'confirmation', card: confirmation, gallery: 'confirmation' });
  const confirm = cardButtons(confirmation).find((b) => b.data?.stage === 'confirm')!;
  samples.push({ name: 'outcome', kind: 'outcome', card: (await t.invoke(confirm.verb!, confirm.data)).body.value as Card, gallery: 'outcome' });
  const test = cardButtons(onlyCard(await t.ask('test connection for dropbox'))).find((b) => b.verb === 'testConnection')!;
  samples.push({ name: 'outcome-test-connection', kind: 'outcome', card: (await t.invoke(test.verb!, test.data)).body.value as Card });
  // "Retry all": its confirmation and its tally.
  const retry = onlyCard(await t.ask('retry everyone who failed in zendesk'));
  samples.push({ name: 'confirmation-retry-failed', kind: 'confirmation', card: retry });
  const retryConfirm = cardButtons(retry).find((b) => b.data?.stage === 'confirm')!;
  samples.push({ name: 'outcome-retry-failed', kind: 'outcome', card: (await t.invoke(retryConfirm.verb!, retryConfirm.data)).body.value as Card });
  return samples;
}

/** The detector, storm and digest cards of the alert poller (issue 16.4–16.5, 14.5). */
function alertSamples(dropbox: AppEvidence, now: Date): Sample[] {
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
  const stalledApp: AppEvidence = {
    ...dropbox,
    job: { ...dropbox.job, schedule: { state: 'Active', interval: 'PT40M' }, status: { code: 'Active', steadyStateFirstAchievedTime: hoursAgo(900), lastExecution: { state: 'Succeeded', timeBegan: hoursAgo(10), timeEnded: hoursAgo(9.8) } } },
  };
  const deletionsApp: AppEvidence = {
    ...dropbox,
    job: { ...dropbox.job, status: { ...dropbox.job.status, code: 'Quarantine', quarantine: { reason: 'TooManyDeletes', currentBegan: hoursAgo(2), seriesBegan: hoursAgo(2) } } },
  };
  const incidents = ['Dropbox Business', 'Tableau Cloud', 'Box', 'Zendesk', 'Fabrikam Field Service', 'Asana', 'A provisioning app with a very long display name for testing'].map((name, i) => ({
    key: `sp${i}|job|quarantine`,
    name,
    incident: { key: `sp${i}|job|quarantine`, kind: 'quarantine' as const, app: { ...dropbox.app, spId: `sp${i}`, displayName: name }, summary: `${name} provisioning is in quarantine (${LONG_CODE})` },
  }));
  const spikeApp: AppEvidence = {
    ...dropbox,
    job: { ...dropbox.job, schedule: { state: 'Active' }, status: { code: 'Active', steadyStateFirstAchievedTime: hoursAgo(900), lastExecution: { state: 'Succeeded', timeBegan: hoursAgo(1), timeEnded: hoursAgo(0.5), countExported: 120 } } },
  };
  const removals = Array.from({ length: 120 }, (_, i) => ({ id: `r${i}`, activityDateTime: hoursAgo(0.8), provisioningAction: 'disable' }));
  return [
    { name: 'alert-removal-spike', kind: 'alert', card: alertCard(removalSpike(spikeApp, removals)!, spikeApp, now) },
    { name: 'alert-stalled', kind: 'alert', card: alertCard(currentIncident(stalledApp, { now })!, stalledApp, now) },
    { name: 'alert-deletions', kind: 'alert', card: alertCard(currentIncident(deletionsApp, { now })!, deletionsApp, now) },
    { name: 'alert-group', kind: 'alert', gallery: 'alert-group', card: groupCard(incidents) },
    { name: 'alert-group-recovering', kind: 'alert', card: groupCard(incidents.map((m, i) => (i % 2 ? { key: m.key, name: m.name } : m))) },
    {
      name: 'digest',
      kind: 'alert',
      gallery: 'digest',
      card: digestCard({
        every: 'daily',
        slot: now.toISOString(),
        states: Object.fromEntries(incidents.map((m, i) => [m.key, { name: m.name, state: i < 2 ? 'in quarantine' : 'healthy' }])),
        previous: Object.fromEntries(incidents.map((m) => [m.key, { name: m.name, state: 'healthy' }])),
        entries: loadDemoTenant(TENANTS.fabrikam).provisioningLogs,
        incidents: incidents.slice(0, 4).map((m) => m.incident),
      }),
    },
  ];
}

function renderedSamples(): Sample[] {
  const dropbox = appEvidence(TENANTS.fabrikam, 'Dropbox Business');
  const incident = currentIncident(dropbox)!;
  const now = new Date();
  return [
    { name: 'alert', kind: 'alert', card: alertCard(incident, dropbox, now), gallery: 'alert' },
    {
      name: 'alert-resolved',
      kind: 'alert',
      card: resolvedCard({ incident, openedAt: new Date(now.getTime() - 27 * 60_000).toISOString() } as Parameters<typeof resolvedCard>[0], now),
    },
    ...alertSamples(dropbox, now),
    { name: 'long-values', kind: 'answer', card: renderDiagnosis(longValueDiagnosis()).card },
    // What an answer could not see is a Note line under the explanation: it must fit like the rest.
    {
      name: 'caveats',
      kind: 'answer',
      card: renderDiagnosis({
        ...longValueDiagnosis(),
        caveats: [
          'The provisioning logs could not be read: the tenant has no Microsoft Entra ID P1 or P2 licence, which the provisioning logs need. This answer comes from the job, the assignments and the scoping filter.',
          '3 apps could not be read (missing permission Synchronization.Read.All (or Synchronization.ReadWrite.All); roles: Cloud Application Administrator, Application Administrator) and are not counted here: Dropbox Business, Zendesk, Tableau Cloud.',
        ],
      }).card,
    },
    { name: 'overview-ten-apps', kind: 'overview', card: tenAppOverview() },
    // A bulk retry under way: the progress bar (text on hosts without it).
    {
      name: 'outcome-progress',
      kind: 'outcome',
      card: renderOutcome({ status: 'working', title: 'Retrying 50 failed users in Tableau Cloud', summary: '20 of 50 done.', facts: [], progress: { done: 20, total: 50 } }).card,
    },
    {
      name: 'choice',
      kind: 'answer',
      gallery: 'choice',
      card: renderChoice({
        prompt: 'More than one user matches “kenji”. Which one did you mean?',
        verb: 'chooseSubject',
        options: [
          { title: 'Kenji Watanabe', subtitle: 'kenji.watanabe@fabrikam.example · Field Operations', data: { n: 1 } },
          { title: 'Siobhán Ní Bhriain-Fitzgerald', subtitle: `${LONG_CODE}@fabrikam.example`, data: { n: 2 } },
        ],
      }).card,
    },
    {
      name: 'problem-long',
      kind: 'answer',
      card: renderProblem({
        title: 'Graph refused the request',
        whatHappened: `Microsoft Graph answered 400 ${LONG_CODE}: ${SCIM_BODY}`,
        tryThis: ['Ask again in a minute.'],
        detail: [{ label: 'Request id', value: LONG_ID }, { label: 'Response', value: SCIM_BODY }],
      }).card,
    },
    {
      name: 'confirmation-long',
      kind: 'confirmation',
      card: renderConfirmation({
        title: `Re-assign Kenji Watanabe to ${LONG_CODE}?`,
        subject: `Kenji Watanabe in ${LONG_CODE}`,
        whatHappens: ['Remove the app role assignment and add it back with the same role.', `Then provision on demand: ${SCIM_BODY}`],
        impact: [{ label: 'Assignment', value: LONG_ID }, { label: 'Role', value: 'User' }],
        warning: `The last export failed with ${LONG_CODE}.`,
        confirm: { title: 'Re-assign Kenji Watanabe', verb: 'reassignUser.confirm', data: { operationId: 'op-1' } },
        cancel: { title: 'Cancel', verb: 'reassignUser.cancel', data: { operationId: 'op-1' } },
      }).card,
    },
    {
      name: 'outcome-steps',
      kind: 'outcome',
      card: renderOutcome({
        status: 'failed',
        title: 'Provision on demand for Kenji Watanabe',
        summary: `The app refused the user: ${LONG_CODE}.`,
        facts: [{ label: 'Graph request id', value: LONG_ID }, { label: 'By', value: 'Ada Admin' }],
        steps: [
          { name: 'Import', status: 'success', description: 'Retrieved Kenji Watanabe from Microsoft Entra ID.' },
          { name: 'Scoping', status: 'success', description: 'Kenji Watanabe is in scope.' },
          { name: 'Matching', status: 'success', description: 'No matching user in the app; a new one is created.' },
          { name: 'Action', status: 'failure', description: SCIM_BODY },
        ],
        next: [{ title: 'Why was Kenji skipped?', ask: 'why was kenji skipped in Zendesk?' }, { title: 'Check status', ask: 'how is Zendesk doing?' }],
      }).card,
    },
  ];
}

describe('cards at a glance, drawn as Teams draws them', () => {
  let t: TestBot;
  let browser: CardBrowser;
  let samples: Sample[];
  const galleryDir = process.env.GALLERY_DIR ? resolve(process.env.GALLERY_DIR) : undefined;

  beforeAll(async () => {
    // Chromium starts while the bot answers.
    [browser, t] = await Promise.all([openCardBrowser(), startTestBot({ tenantFile: TENANTS.fabrikam })]);
    samples = [...(await botSamples(t)), ...renderedSamples()];
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await browser?.close();
  });

  // Every sample is drawn once at each width and theme; the checks below read the same drawings.
  const drawings = new Map<string, Promise<Drawn[]>>();
  const drawnAt = (width: number, theme: Theme): Promise<Drawn[]> => {
    const key = `${width} ${theme}`;
    if (!drawings.has(key)) drawings.set(key, browser.drawAll(samples.map((s) => s.card), width, theme));
    return drawings.get(key)!;
  };

  it('sends every card kind', () => {
    expect(samples.map((s) => s.kind).sort()).toEqual(expect.arrayContaining(Object.keys(HEIGHT_LIMIT)));
  });

  it('has no two buttons alike and nothing a Teams client cannot draw', async () => {
    const problems: string[] = [];
    const drawings = await drawnAt(450, 'light');
    samples.forEach((s, i) => {
      for (const p of [...duplicateActions(s.card), ...schemaProblems(s.card, drawings[i]), ...missingFallbacks(s.card, drawings[i])]) problems.push(`${s.name}: ${p}`);
    });
    expect(problems).toEqual([]);
  });

  it('draws the fallback of Teams-only elements (charts, badges, progress) where the host lacks them', async () => {
    const extensions = (c: Card) => JSON.stringify(c).match(/"type":"(Chart\.\w+|Badge|ProgressBar|Icon)"/g) ?? [];
    const used = new Set(samples.flatMap((s) => extensions(s.card)));
    // The check above means something only if the cards use them: the overview's chart and icons, badges, progress.
    expect([...used].sort()).toEqual(['"type":"Badge"', '"type":"Chart.Donut"', '"type":"Chart.HorizontalBar"', '"type":"Icon"', '"type":"ProgressBar"']);
    const overview = samples.findIndex((s) => s.name === 'overview');
    const drawn = (await drawnAt(450, 'light'))[overview];
    expect(drawn.text).toMatch(/Apps by state.*Not in quarantine: \d+/);
  });

  it.each(WIDTHS)('fits %i px: nothing past the edge or cut off, light and dark', async (width) => {
    const problems: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      const drawings = await drawnAt(width, theme);
      samples.forEach((s, i) => {
        for (const o of drawings[i].overflow.slice(0, 3)) problems.push(`${s.name} (${theme}): ${o}`);
      });
    }
    expect(problems).toEqual([]);
  });

  it('reads at a glance: card heights at 450 px within the limit of their kind', async () => {
    const tooTall: string[] = [];
    const drawings = await drawnAt(450, 'light');
    samples.forEach((s, i) => {
      const { height } = drawings[i];
      if (height > HEIGHT_LIMIT[s.kind]) tooTall.push(`${s.name}: ${height} px > ${HEIGHT_LIMIT[s.kind]} px`);
    });
    expect(tooTall).toEqual([]);
  });

  it.each(THEMES)('every text reaches 4.5:1 contrast in the %s theme', async (theme) => {
    const low: string[] = [];
    for (const width of WIDTHS) {
      const drawings = await drawnAt(width, theme);
      samples.forEach((s, i) => {
        for (const l of drawings[i].lowContrast) low.push(`${s.name}: “${l.text}” ${l.ratio}:1 (${l.color} on ${l.background})`);
      });
    }
    expect([...new Set(low)]).toEqual([]);
  });

  it('shows times in the time zone Teams sends with the question, UTC alongside', async () => {
    const res = await t.send({ type: 'message', text: 'tableau quarantined?', deliveryMode: 'expectReplies', localTimezone: 'Asia/Tokyo', locale: 'en-US' });
    const card = onlyCard(((await res.json()) as { activities: Parameters<typeof onlyCard>[0] }).activities);
    const text = cardText(card);
    const [, day, hh, mm] = text.match(/In quarantine since (\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}) GMT\+9 · (\d{2}):(\d{2}) UTC/) ?? [];
    expect(day, text).toBeDefined();
    const utc = text.match(/GMT\+9 · (\d{2}):(\d{2}) UTC/)!;
    expect((Number(utc[1]) + 9) % 24).toBe(Number(hh));
    expect(utc[2]).toBe(mm);
  });

  it('copies a long error code exactly: its break points are only in what is shown', async () => {
    const longValues = samples.find((s) => s.name === 'long-values')!;
    await browser.draw(longValues.card, 340, 'light');
    const copied = await browser.copiedTexts();
    expect(copied).toContain(LONG_CODE);
    expect(copied).toContain(LONG_ID);
    // The bot's own quarantine answer (a real Graph code) offers the same.
    const quarantine = samples.find((s) => s.name === 'quarantine-credentials')!;
    const code = cardText(quarantine.card).match(/Error code (\S+)/)?.[1];
    await browser.draw(quarantine.card, 340, 'light');
    if (code && code.length > 24) expect(await browser.copiedTexts()).toContain(code);
  });

  it.runIf(galleryDir)('writes the gallery', async () => {
    mkdirSync(galleryDir!, { recursive: true });
    for (const s of samples.filter((x) => x.gallery)) {
      await browser.draw(s.card, 450, 'light');
      await browser.screenshot(join(galleryDir!, `${s.gallery}.png`));
    }
    const dark = samples.find((s) => s.gallery === 'quarantine')!;
    await browser.draw(dark.card, 340, 'dark');
    await browser.screenshot(join(galleryDir!, 'quarantine-dark-340.png'));
  });
});
