import { noMarkdownLinks } from './template';
import { describe, expect, it } from 'vitest';
import type { Diagnosis, Finding } from '../domain/types';
import { renderDiagnosis } from './diagnosisCard';
import {
  SERVICENOW,
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

describe('renderDiagnosis', () => {
  it('shows the subject, summary and the finding with a severity-coloured verdict', () => {
    const { card } = renderDiagnosis(quarantineDiagnosis());
    const texts = visibleTexts(card);
    expect(cardProblems(card)).toEqual([]);
    expect(texts).toContain('Quarantine check · App');
    expect(texts).toContain('ServiceNow');
    expect(texts).toContain('ServiceNow provisioning is in quarantine because its credentials are rejected.');
    expect(texts).toContain('ServiceNow provisioning is in quarantine: the admin credentials are rejected');
    expect(texts).toContain(quarantineFinding().explanation);
    const severity = ofType(card, 'TextBlock').filter((t) => t.text === 'Error');
    expect(severity.length).toBeGreaterThanOrEqual(2); // header and finding
    expect(severity.every((t) => t.color === 'Attention')).toBe(true);
  });

  it('lists the evidence as facts and the fix as numbered steps', () => {
    const { card } = renderDiagnosis(quarantineDiagnosis());
    const texts = visibleTexts(card);
    expect(texts).toContain('Evidence');
    expect(facts(card)).toEqual(quarantineFinding().evidence.map((f) => ({ title: f.label, value: f.value })));
    expect(texts).toContain('How to fix');
    const fix = quarantineFinding().fix;
    expect(texts.indexOf('1.')).toBeGreaterThan(-1);
    expect(texts[texts.indexOf('1.') + 1]).toBe(fix[0]);
    expect(texts[texts.indexOf('3.') + 1]).toBe(fix[2]);
  });

  it('offers each remedy as an Action.Execute with its verb and exact data, then the portal link', () => {
    const { card } = renderDiagnosis(quarantineDiagnosis());
    const [test, restart, open] = buttons(card);
    expect(test).toMatchObject({ type: 'Action.Execute', title: 'Test connection', verb: 'testConnection' });
    expect(test.data).toEqual({ spId: SERVICENOW.spId, jobId: SERVICENOW.jobId, seenState: 'Quarantine' });
    expect(restart).toMatchObject({ type: 'Action.Execute', title: 'Restart provisioning', verb: 'restartProvisioning' });
    expect(open).toEqual({
      type: 'Action.OpenUrl',
      title: 'Open in Entra admin center',
      url: `https://entra.microsoft.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/objectId/${SERVICENOW.spId}/appId/${SERVICENOW.appId}`,
    });
    expect(visibleTexts(card)).toContain(
      'Opens ServiceNow in the Entra admin center; then choose Provisioning in its menu.',
    );
  });

  it('does not share remedy data with the diagnosis (a later change cannot alter a sent card)', () => {
    const d = quarantineDiagnosis();
    const { card } = renderDiagnosis(d);
    d.findings[0].remedies[0].data.seenState = 'Active';
    expect(buttons(card)[0].data).toMatchObject({ seenState: 'Quarantine' });
  });

  it('points skipped users to the provisioning logs and keeps the user id in the button data', () => {
    const d = skippedDiagnosis();
    const { card, text } = renderDiagnosis(d);
    expect(cardProblems(card)).toEqual([]);
    expect(visibleTexts(card)).toContain(
      'Opens ServiceNow in the Entra admin center; then choose Activity › Provisioning logs in its menu.',
    );
    expect(buttons(card)[0]).toMatchObject({ verb: 'provisionOnDemand', data: d.findings[0].remedies[0].data });
    expect(ofType(card, 'TextBlock').find((t) => t.text === 'Warning')?.color).toBe('Warning');
    expect(text).toBe(
      'Jane Doe was skipped in ServiceNow by a scoping filter.\n' +
        '• Jane Doe was skipped by a scoping filter in ServiceNow — Change Jane’s department, or widen the scoping filter.',
    );
  });

  it('gives a text summary with each finding and its first fix step', () => {
    const healthy: Finding = {
      cause: 'healthy',
      severity: 'ok',
      title: 'Salesforce provisioning is healthy',
      explanation: '',
      evidence: [],
      fix: [],
      remedies: [],
    };
    const { text } = renderDiagnosis(quarantineDiagnosis({ findings: [quarantineFinding(), healthy] }));
    expect(text.split('\n')).toEqual([
      'ServiceNow provisioning is in quarantine because its credentials are rejected.',
      '• ServiceNow provisioning is in quarantine: the admin credentials are rejected — In ServiceNow, check that the integration user is active and its password has not expired.',
      '• Salesforce provisioning is healthy',
    ]);
  });

  it('leaves out empty sections and buttons for a finding without evidence, fix, remedies or app', () => {
    const bare = quarantineFinding({ severity: 'ok', explanation: '', evidence: [], fix: [], remedies: [], app: undefined });
    const { card } = renderDiagnosis(quarantineDiagnosis({ findings: [bare] }));
    const texts = visibleTexts(card);
    expect(cardProblems(card)).toEqual([]);
    expect(texts).not.toContain('Evidence');
    expect(texts).not.toContain('How to fix');
    expect(ofType(card, 'FactSet')).toEqual([]);
    expect(ofType(card, 'ActionSet')).toEqual([]);
    expect(ofType(card, 'TextBlock').find((t) => t.text === 'OK')?.color).toBe('Good');
  });

  it('renders a diagnosis with no findings', () => {
    const { card, text } = renderDiagnosis(quarantineDiagnosis({ findings: [], summary: 'Nothing to report.' }));
    expect(cardProblems(card)).toEqual([]);
    expect(visibleTexts(card)).toContain('No findings');
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
    expect(visibleTexts(card)).toEqual(
      expect.arrayContaining(['Provisioning status · App', 'Unnamed', 'Info', 'Half a finding']),
    );
    expect(visibleTexts(card).filter((t) => t === 'Info')).toHaveLength(2); // header and finding
    expect(text).toBe('• Half a finding');
  });

  it('links to the apps list when the app ids are not GUIDs', () => {
    const app = { ...SERVICENOW, spId: 'x/../../evil', appId: 'nope' };
    const { card } = renderDiagnosis(quarantineDiagnosis({ findings: [quarantineFinding({ app })] }));
    expect(buttons(card).find((b) => b.type === 'Action.OpenUrl')?.url).toBe(ENTERPRISE_APPS_URL);
  });

  it.each(["${'x'}", '{"a":1}', "' or 1 eq 1", '${subjectName}', '[x](https://evil.example)'])(
    'renders the hostile string %s literally wherever user text appears',
    (hostile) => {
      const d = quarantineDiagnosis({ summary: hostile, subject: { kind: 'user', id: 'u1', displayName: hostile } });
      d.findings[0].title = hostile;
      d.findings[0].evidence = [{ label: hostile, value: hostile }];
      d.findings[0].fix = [hostile];
      d.findings[0].remedies[0].title = hostile;
      d.findings[0].remedies[0].data.userId = hostile;
      const { card, text } = renderDiagnosis(d);
      const texts = visibleTexts(card);
      expect(texts.filter((t) => t === hostile).length).toBe(4); // subject, summary, title, fix step
      // TextBlocks read Markdown; user text goes in TextRuns, which show it as typed.
      expect(ofType(card, 'TextBlock').filter((t) => String(t.text).includes(hostile))).toEqual([]);
      expect(facts(card)).toContainEqual({ title: hostile, value: noMarkdownLinks(hostile) }); // facts render markdown: brackets escaped
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
      const shownFindings = ofType(card, 'Container').filter((c) => c.separator === true).length;
      expect(visibleTexts(card)).toContain(`+${40 - shownFindings} more findings not shown`);
      const shownFacts = facts(card).length / shownFindings;
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
