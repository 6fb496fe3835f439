import { describe, expect, it } from 'vitest';
import { diagnoseOverview } from '../diagnose/overview';
import type { Diagnosis, Finding } from '../domain/types';
import { renderDiagnosis } from './diagnosisCard';
import {
  SERVICENOW,
  badge,
  buttons,
  cardProblems,
  facts,
  ofType,
  quarantineDiagnosis,
  quarantineFinding,
  skippedDiagnosis,
  visibleTexts,
} from './fixtures.spec-helper';
import { ENTERPRISE_APPS_URL } from './portalLink';
import { MAX_CARD_BYTES, cardBytes } from './template';

/** What is shown before "Details" is clicked: everything outside the hidden details container. */
function atAGlance(card: Record<string, unknown>): unknown[] {
  return (card.body as Array<Record<string, unknown>>).filter((el) => el.id !== 'details');
}
const details = (card: Record<string, unknown>) => ofType(card, 'Container').find((c) => c.id === 'details');

describe('renderDiagnosis', () => {
  it('says what is wrong once: one headline, one severity badge, the subject under it', () => {
    const { card } = renderDiagnosis(quarantineDiagnosis());
    expect(cardProblems(card)).toEqual([]);
    const texts = visibleTexts(atAGlance(card));
    expect(texts[0]).toBe(quarantineFinding().title);
    expect(texts).toContain('Quarantine check · ServiceNow');
    expect(texts).toContain(quarantineFinding().explanation);
    // The summary repeats the finding's title in other words: a one-finding card shows the title only.
    expect(texts).not.toContain(quarantineDiagnosis().summary);
    expect(ofType(card, 'Badge')).toHaveLength(1);
    expect(badge(card)).toEqual({ label: 'Error', style: 'Attention', fallbackStyle: 'attention' });
    // No coloured text: Teams' light theme draws "Good" and "Warning" text at 2.1:1 and 1.5:1.
    expect(nodesWithColour(card)).toEqual([]);
  });

  it('shows at most four key facts; the fix steps and further evidence wait behind Details', () => {
    const evidence = [...quarantineFinding().evidence, { label: 'Next attempt', value: '2024-05-02 14:14 UTC' }, { label: 'Escrowed', value: '12' }];
    const { card } = renderDiagnosis(quarantineDiagnosis({ findings: [quarantineFinding({ evidence })] }));
    expect(facts(atAGlance(card))).toEqual(evidence.slice(0, 4).map((f) => ({ title: f.label, value: f.value })));
    const hidden = details(card)!;
    expect(hidden.isVisible).toBe(false);
    expect(facts(hidden)).toEqual(evidence.slice(4).map((f) => ({ title: f.label, value: f.value })));
    const fix = quarantineFinding().fix;
    expect(visibleTexts(hidden)).toEqual(expect.arrayContaining(['How to fix', `1. ${fix[0]}`, `3. ${fix[2]}`]));
    expect(buttons(card).find((b) => b.type === 'Action.ToggleVisibility')).toMatchObject({ title: 'Details', targetElements: ['details'] });
  });

  it('offers the fix as buttons with their verb and exact data, the first primary, then the portal link', () => {
    const { card } = renderDiagnosis(quarantineDiagnosis());
    const [test, restart, toggle, open] = buttons(card);
    expect(test).toMatchObject({ type: 'Action.Execute', title: 'Test connection', verb: 'testConnection', style: 'positive' });
    expect(test.data).toEqual({ spId: SERVICENOW.spId, jobId: SERVICENOW.jobId, seenState: 'Quarantine' });
    expect(restart).toMatchObject({ type: 'Action.Execute', title: 'Restart provisioning', verb: 'restartProvisioning', style: 'default' });
    expect(toggle.type).toBe('Action.ToggleVisibility');
    expect(open).toEqual({
      type: 'Action.OpenUrl',
      title: 'Open in Entra',
      url: `https://entra.microsoft.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/objectId/${SERVICENOW.spId}/appId/${SERVICENOW.appId}`,
    });
    expect(visibleTexts(details(card))).toContain(
      '“Open in Entra” opens ServiceNow in the Entra admin center; then choose Provisioning in its menu.',
    );
  });

  it('does not share remedy data with the diagnosis (a later change cannot alter a sent card)', () => {
    const d = quarantineDiagnosis();
    const { card } = renderDiagnosis(d);
    d.findings[0].remedies[0].data.seenState = 'Active';
    expect(buttons(card)[0].data).toMatchObject({ seenState: 'Quarantine' });
  });

  it('makes no button primary when only a change by hand fixes the cause, and says when a button applies', () => {
    const d = skippedDiagnosis();
    d.findings[0].remedies[0].title = 'Provision Jane Doe now (after the fix)';
    const { card, text } = renderDiagnosis(d);
    expect(cardProblems(card)).toEqual([]);
    expect(buttons(card)[0]).toMatchObject({ verb: 'provisionOnDemand', title: 'Provision Jane Doe now', style: 'default', data: d.findings[0].remedies[0].data });
    expect(visibleTexts(atAGlance(card))).toContain('after the fix');
    expect(badge(card)?.label).toBe('Warning');
    expect(visibleTexts(details(card))).toContain(
      '“Open in Entra” opens ServiceNow in the Entra admin center; then choose Activity › Provisioning logs in its menu.',
    );
    expect(text).toBe(
      'Jane Doe was skipped in ServiceNow by a scoping filter.\n' +
        '• Jane Doe was skipped by a scoping filter in ServiceNow — Change Jane’s department, or widen the scoping filter.',
    );
  });

  it('heads several findings with the summary, shows the worst, and lists the others under Details', () => {
    const healthy: Finding = { cause: 'healthy', severity: 'ok', title: 'Salesforce provisioning is healthy', explanation: '', evidence: [], fix: [], remedies: [] };
    const d = quarantineDiagnosis({ findings: [healthy, quarantineFinding()] });
    const { card, text } = renderDiagnosis(d);
    expect(visibleTexts(atAGlance(card))[0]).toBe(d.summary);
    expect(badge(card)?.label).toBe('Error');
    expect(visibleTexts(details(card))).toContain('OK · Salesforce provisioning is healthy');
    expect(text.split('\n')).toEqual([
      d.summary,
      '• Salesforce provisioning is healthy',
      '• ServiceNow provisioning is in quarantine: the admin credentials are rejected — In ServiceNow, check that the integration user is active and its password has not expired.',
    ]);
  });

  it('shows an overview as a table of the apps that need attention, each row asking about its app', () => {
    const apps = ['Dropbox Business', 'Tableau Cloud', 'Box'].map((name, i) => ({ ...SERVICENOW, spId: `sp-${i}`, displayName: name }));
    const perApp = apps.map((app) =>
      quarantineDiagnosis({
        subject: { kind: 'app', id: app.spId, displayName: app.displayName },
        findings: [quarantineFinding({ app, evidence: [{ label: 'In quarantine since', value: '2026-11-30 22:52 UTC (27 h ago)' }] })],
      }),
    );
    const { card } = renderDiagnosis(diagnoseOverview('quarantine', perApp));
    expect(cardProblems(card)).toEqual([]);
    expect(visibleTexts(card)[0]).toBe('3 of 3 apps with provisioning need attention');
    const rows = ofType(card, 'TableRow').map((r) => visibleTexts(r));
    expect(rows).toEqual([
      ['App', 'State', 'Since'],
      ['Dropbox Business', 'Quarantine · credentials', '27 h ago'],
      ['Tableau Cloud', 'Quarantine · credentials', '27 h ago'],
      ['Box', 'Quarantine · credentials', '27 h ago'],
    ]);
    const asks = ofType(card, 'TableCell').map((c) => c.selectAction as Record<string, unknown> | undefined).filter(Boolean);
    expect(asks.map((a) => a!.data)).toEqual(apps.map((a) => ({ msteams: { type: 'imBack', value: `Is ${a.displayName} in quarantine?` } })));
    // The fix buttons belong to each app's own answer, not to a list of ten.
    expect(buttons(card).filter((b) => b.type === 'Action.Execute')).toEqual([]);
  });

  it('counts an overview’s apps by state in a donut chart, with the same counts as text for hosts without charts', () => {
    const apps = ['Dropbox Business', 'Tableau Cloud', 'Box', 'Zendesk'].map((name, i) => ({ ...SERVICENOW, spId: `sp-${i}`, displayName: name }));
    const perApp = apps.map((app, i) =>
      quarantineDiagnosis({
        subject: { kind: 'app', id: app.spId, displayName: app.displayName },
        findings: i === 3 ? [] : [quarantineFinding({ app, ...(i === 2 ? { cause: 'quarantine-escrow' as const } : {}) })],
      }),
    );
    const { card } = renderDiagnosis(diagnoseOverview('quarantine', perApp));
    expect(cardProblems(card)).toEqual([]);
    const [chart] = ofType(card, 'Chart.Donut');
    expect(chart.data).toEqual([
      { legend: 'Quarantine · credentials', value: 2 },
      { legend: 'Quarantine · failures', value: 1 },
      { legend: 'Not in quarantine', value: 1 },
    ]);
    expect(visibleTexts(chart.fallback)).toEqual(['Apps by state', 'Quarantine · credentials: 2', 'Quarantine · failures: 1', 'Not in quarantine: 1']);
    // All in one state says nothing the headline does not: no chart.
    expect(ofType(renderDiagnosis(diagnoseOverview('quarantine', perApp.slice(0, 2))).card, 'Chart.Donut')).toEqual([]);
  });

  it('turns into an incident for a channel: its own headline, fewer facts, and extra buttons', () => {
    const { card } = renderDiagnosis(quarantineDiagnosis(), {
      headline: '⚠ ServiceNow went into quarantine 27 min ago',
      keyFacts: 3,
      extraButtons: [{ title: 'Mute alerts for 24 h', verb: 'muteAlerts', data: { spId: SERVICENOW.spId } }],
    });
    expect(visibleTexts(card)[0]).toBe('⚠ ServiceNow went into quarantine 27 min ago');
    expect(facts(atAGlance(card))).toHaveLength(3);
    expect(buttons(card).find((b) => b.verb === 'muteAlerts')).toMatchObject({ title: 'Mute alerts for 24 h', data: { spId: SERVICENOW.spId } });
  });

  it('leaves out empty sections and buttons for a finding without evidence, fix, remedies or app', () => {
    const bare = quarantineFinding({ severity: 'ok', explanation: '', evidence: [], fix: [], remedies: [], app: undefined });
    const { card } = renderDiagnosis(quarantineDiagnosis({ findings: [bare] }));
    expect(cardProblems(card)).toEqual([]);
    expect(details(card)).toBeUndefined();
    expect(facts(card)).toEqual([]);
    expect(ofType(card, 'ActionSet')).toEqual([]);
    expect(badge(card)?.label).toBe('OK');
  });

  it('renders a diagnosis with no findings', () => {
    const { card, text } = renderDiagnosis(quarantineDiagnosis({ findings: [], summary: 'Nothing to report.' }));
    expect(cardProblems(card)).toEqual([]);
    expect(visibleTexts(card)[0]).toBe('Nothing to report.');
    expect(badge(card)?.label).toBe('No findings');
    expect(text).toBe('Nothing to report.');
  });

  it('copes with missing fields and holes in lists', () => {
    const broken = {
      topic: 'status',
      subject: { kind: 'app', id: 'x' },
      findings: [null, { severity: 'bogus', title: 'Half a finding', remedies: [null] }],
    } as unknown as Diagnosis;
    const { card, text } = renderDiagnosis(broken);
    expect(cardProblems(card)).toEqual([]);
    expect(visibleTexts(card)).toEqual(['Half a finding', 'Info', 'Provisioning status']);
    expect(text).toBe('• Half a finding');
  });

  it('links to the apps list when the app ids are not GUIDs', () => {
    const app = { ...SERVICENOW, spId: 'x/../../evil', appId: 'nope' };
    const { card } = renderDiagnosis(quarantineDiagnosis({ findings: [quarantineFinding({ app })] }));
    expect(buttons(card).find((b) => b.type === 'Action.OpenUrl')?.url).toBe(ENTERPRISE_APPS_URL);
  });

  it('lets a long unbreakable value wrap without changing what it says', () => {
    const code = 'SystemForCrossDomainIdentityManagementCredentialValidationFailure';
    const { card } = renderDiagnosis(quarantineDiagnosis({ findings: [quarantineFinding({ evidence: [{ label: 'Error code', value: code }] })] }));
    const run = ofType(card, 'TextRun').find((r) => String(r.text).replace(/\u200B/g, '') === code)!;
    expect(String(run.text).split('\u200B').every((part) => part.length <= 24)).toBe(true);
    expect(facts(card)).toEqual([{ title: 'Error code', value: code }]);
  });

  it.each(["${'x'}", '{"a":1}', "' or 1 eq 1", '${subjectName}', '[x](https://evil.example)'])(
    'renders the hostile string %s literally wherever user text appears',
    (hostile) => {
      const d = quarantineDiagnosis({ summary: hostile, subject: { kind: 'user', id: 'u1', displayName: `Subject ${hostile}` } });
      d.findings[0].title = hostile;
      d.findings[0].evidence = [{ label: hostile, value: hostile }];
      d.findings[0].fix = [hostile];
      d.findings[0].remedies[0].title = hostile;
      d.findings[0].remedies[0].data.userId = hostile;
      const { card, text } = renderDiagnosis(d);
      const texts = visibleTexts(card);
      expect(texts[0]).toBe(hostile);
      expect(texts).toContain(`Quarantine check · Subject ${hostile}`);
      expect(texts).toContain(`1. ${hostile}`);
      // TextBlocks read Markdown; user text goes in TextRuns, which show it as typed.
      expect(ofType(card, 'TextBlock').filter((t) => String(t.text).includes(hostile))).toEqual([]);
      expect(facts(card)).toContainEqual({ title: hostile, value: hostile }); // fact rows are TextRuns: shown as typed
      expect(buttons(card)[0]).toMatchObject({ title: hostile, data: { userId: hostile } });
      expect(text.startsWith(`${hostile}\n• ${hostile} — ${hostile}`)).toBe(true);
    },
  );

  describe('with a huge diagnosis', () => {
    const long = (n: number) => 'Ünïcode evidence value 🚀 '.repeat(n);
    const huge = quarantineDiagnosis({
      summary: long(400),
      findings: Array.from({ length: 40 }, (_, i) =>
        quarantineFinding({
          title: `Finding ${i + 1}: ${long(20)}`,
          explanation: long(100),
          evidence: Array.from({ length: 60 }, (_, j) => ({ label: `Fact ${j + 1}`, value: long(10) })),
          fix: Array.from({ length: 20 }, (_, j) => `Step ${j + 1}: ${long(10)}`),
        }),
      ),
    });

    it('stays under the Teams size limit and says what was left out', () => {
      const { card, text } = renderDiagnosis(huge);
      expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
      expect(cardProblems(card)).toEqual([]);
      const texts = visibleTexts(card);
      expect(texts.some((t) => /^\+\d+ more findings not shown$/.test(t))).toBe(true);
      expect(texts.some((t) => /^\+\d+ more facts not shown$/.test(t))).toBe(true);
      expect(texts.some((t) => /^\+\d+ more steps not shown$/.test(t))).toBe(true);
      expect(text).toContain('+30 more findings not shown');
      expect(text.length).toBeLessThan(5000);
    });

    it('counts the hidden items exactly', () => {
      const { card } = renderDiagnosis(huge);
      const others = visibleTexts(details(card)).filter((t) => t.startsWith('Error · Finding')).length;
      expect(visibleTexts(card)).toContain(`+${40 - 1 - others} more findings not shown`);
      const shownFacts = facts(card).filter((f) => f.title !== '').length;
      expect(visibleTexts(card)).toContain(`+${60 - shownFacts} more facts not shown`);
    });

    it('still fits when a single finding carries enormous remedy data', () => {
      const finding = quarantineFinding();
      finding.remedies[0].data.seenState = 'x'.repeat(100_000);
      const { card } = renderDiagnosis(quarantineDiagnosis({ findings: [finding] }));
      expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
      expect(visibleTexts(card)).toContain(finding.title);
    });
  });
});

function nodesWithColour(card: unknown): unknown[] {
  return [...ofType(card, 'TextBlock'), ...ofType(card, 'TextRun')].filter((n) => n.color !== undefined);
}

describe('renderDiagnosis, progress', () => {
  it('shows an initial cycle’s progress on Teams’ ProgressBar, with a text bar where it is missing', () => {
    const finding = quarantineFinding({
      cause: 'initial-cycle',
      severity: 'info',
      evidence: [{ label: 'Initial cycle progress', value: '55% (22 of 40 users, as of 2026-12-01 22:00 UTC)' }],
    });
    const { card } = renderDiagnosis(quarantineDiagnosis({ findings: [finding] }));
    expect(cardProblems(card)).toEqual([]);
    const [bar] = ofType(card, 'ProgressBar');
    expect(bar).toMatchObject({ value: 55, max: 100 });
    expect(visibleTexts(bar.fallback)).toEqual(['▰▰▰▰▰▰▱▱▱▱ 55%']);
  });

  it('shows no bar for a finding without progress', () => {
    expect(ofType(renderDiagnosis(quarantineDiagnosis()).card, 'ProgressBar')).toEqual([]);
  });
});

describe('renderDiagnosis, times', () => {
  it('shows times in the admin’s time zone with UTC alongside, and in UTC without a zone', () => {
    const finding = quarantineFinding({ evidence: [{ label: 'In quarantine since', value: '2026-11-30 13:05 UTC (27 min ago)' }] });
    const d = quarantineDiagnosis({ findings: [finding] });
    expect(facts(renderDiagnosis(d, { timeZone: 'Europe/Paris', locale: 'en-GB' }).card)).toEqual([
      { title: 'In quarantine since', value: '2026-11-30 14:05 CET · 13:05 UTC (27 min ago)' },
    ]);
    expect(facts(renderDiagnosis(d).card)).toEqual([{ title: 'In quarantine since', value: '2026-11-30 13:05 UTC (27 min ago)' }]);
  });
});
