import { noMarkdownLinks } from './template';
import { describe, expect, it } from 'vitest';
import type { OutcomeStatus, OutcomeView } from '../domain/remediationViews';
import { JANE_ID, SERVICENOW, badge, buttons, cardProblems, facts, ofType, visibleTexts } from './fixtures.spec-helper';
import { renderOutcome } from './outcomeCard';
import { MAX_CARD_BYTES, cardBytes } from './template';

function restarted(overrides: Partial<OutcomeView> = {}): OutcomeView {
  return {
    status: 'succeeded',
    title: 'ServiceNow provisioning restarted',
    summary: 'The quarantine is cleared; the next cycle runs within 40 minutes.',
    facts: [
      { label: 'Job status', value: 'Quarantine → Active' },
      { label: 'By', value: 'Ada Admin' },
      { label: 'At', value: '2026-11-26 04:40 UTC' },
    ],
    ...overrides,
  };
}

const onDemandSteps = [
  { name: 'Import user', status: 'success', description: 'Retrieved Jane Doe from Microsoft Entra ID.' },
  { name: 'Determine if user is in scope', status: 'skipped', description: 'department does not equal "Sales".' },
  { name: 'Match user between source and target', status: 'failure' },
  { name: 'Perform action', status: 'Pending' },
];

/** The status badge at the top of the card: its word and style (the same style on hosts without Badge). */
const statusWord = (card: object) => {
  const b = badge(card)!;
  expect(b.fallbackStyle).toBe(b.style === 'Default' ? 'emphasis' : b.style.toLowerCase());
  return { label: b.label, color: b.style };
};

describe('renderOutcome', () => {
  it('offers a question as the next step: sent as the admin’s message (imBack), primary when it comes first', () => {
    const card = renderOutcome(restarted({ next: [{ title: 'Check status', ask: 'how is ServiceNow doing?' }, { title: 'Test connection', verb: 'testConnection', data: { stage: 'review' } }] })).card;
    expect(buttons(card)).toEqual([
      { type: 'Action.Submit', title: 'Check status', style: 'positive', data: { msteams: { type: 'imBack', value: 'how is ServiceNow doing?' } } },
      { type: 'Action.Execute', title: 'Test connection', verb: 'testConnection', data: { stage: 'review' }, style: 'default' },
    ]);
    expect(cardProblems(card)).toEqual([]);
  });

  it('shows times in the clicking admin’s zone with UTC alongside', () => {
    const v = restarted({ summary: 'Confirmed at 2026-11-26 04:40 UTC by Ada.' });
    const card = renderOutcome(v, { timeZone: 'Europe/Paris', locale: 'en-GB' }).card;
    expect(facts(card)).toContainEqual({ title: 'At', value: '2026-11-26 05:40 CET · 04:40 UTC' });
    expect(visibleTexts(card)).toContain('Confirmed at 2026-11-26 05:40 CET · 04:40 UTC by Ada.');
    // Without a zone (Teams sent none) the card stays in UTC rather than guessing.
    expect(facts(renderOutcome(v).card)).toContainEqual({ title: 'At', value: '2026-11-26 04:40 UTC' });
  });

  it('shows a status badge, the title, the summary and the facts', () => {
    const v = restarted();
    const { card, text } = renderOutcome(v);
    expect(cardProblems(card)).toEqual([]);
    expect(statusWord(card)).toEqual({ label: 'Done', color: 'Good' });
    expect(visibleTexts(card)).toEqual([v.title, 'Done', v.summary, 'Job status: Quarantine → Active', 'By: Ada Admin', 'At: 2026-11-26 04:40 UTC']);
    expect(facts(card)).toEqual([
      { title: 'Job status', value: 'Quarantine → Active' },
      { title: 'By', value: 'Ada Admin' },
      { title: 'At', value: '2026-11-26 04:40 UTC' },
    ]);
    expect(buttons(card)).toEqual([]);
    expect(text).toBe(
      'Done: ServiceNow provisioning restarted\nThe quarantine is cleared; the next cycle runs within 40 minutes.\n' +
        'Job status: Quarantine → Active\nBy: Ada Admin\nAt: 2026-11-26 04:40 UTC',
    );
  });

  it.each<[OutcomeStatus, string, string]>([
    ['succeeded', 'Done', 'Good'],
    ['failed', 'Failed', 'Attention'],
    ['no-change', 'No change', 'Accent'],
    ['working', 'Working…', 'Accent'],
    ['cancelled', 'Cancelled', 'Default'],
    ['stale', 'Changed meanwhile', 'Warning'],
  ])('shows %s as "%s" in %s', (status, label, color) => {
    const { card, text } = renderOutcome(restarted({ status }));
    expect(statusWord(card)).toEqual({ label, color });
    expect(text.startsWith(`${label}: `)).toBe(true);
  });

  it('lists provision-on-demand steps with their status in words, and the next step first as the primary button', () => {
    const next = [
      { title: 'Provision Jane on demand', verb: 'provisionOnDemand', data: { spId: SERVICENOW.spId, userId: JANE_ID }, style: 'positive' as const },
      { title: 'Test connection', verb: 'testConnection', data: { spId: SERVICENOW.spId, jobId: SERVICENOW.jobId } },
    ];
    const { card, text } = renderOutcome(restarted({ status: 'failed', steps: onDemandSteps, next }));
    expect(cardProblems(card)).toEqual([]);
    const texts = visibleTexts(card);
    expect(texts.slice(-4)).toEqual([
      '✓ Import user: Success — Retrieved Jane Doe from Microsoft Entra ID.',
      '! Determine if user is in scope: Skipped — department does not equal "Sales".',
      '✗ Match user between source and target: Failure',
      '• Perform action: Pending',
    ]);
    // Status in words and marks, never colour alone (Teams' light theme draws green text at 2.1:1).
    expect(ofType(card, 'TextRun').filter((r) => r.color !== undefined)).toEqual([]);
    expect(buttons(card)).toEqual([
      { type: 'Action.Execute', ...next[0] },
      { type: 'Action.Execute', ...next[1], style: 'default' },
    ]);
    expect(text).toContain('• Determine if user is in scope: Skipped');
  });

  it('leaves out what is missing: no summary, facts, steps or buttons', () => {
    const { card, text } = renderOutcome({ status: 'cancelled', title: 'Nothing was changed', summary: '', facts: [] });
    expect(cardProblems(card)).toEqual([]);
    expect(visibleTexts(card)).toEqual(['Nothing was changed', 'Cancelled']);
    expect(facts(card)).toEqual([]);
    expect(ofType(card, 'ActionSet')).toEqual([]);
    expect(text).toBe('Cancelled: Nothing was changed');
  });

  it.each(["${'x'}", '{"a":1}', "' or 1 eq 1", '**bold** [link](https://evil.example)'])('renders %s literally', (hostile) => {
    const { card } = renderOutcome(
      restarted({
        title: hostile,
        summary: hostile,
        facts: [{ label: hostile, value: hostile }],
        steps: [{ name: hostile, status: hostile, description: hostile }],
        next: [{ title: hostile, verb: 'next', data: { note: hostile } }],
      }),
    );
    expect(visibleTexts(card).filter((t) => t === hostile)).toHaveLength(2);
    expect(visibleTexts(card)).toContain(`• ${hostile}: ${hostile} — ${hostile}`);
    expect(facts(card)).toEqual([{ title: hostile, value: noMarkdownLinks(hostile) }]); // facts render markdown: brackets escaped
    expect(buttons(card)[0]).toMatchObject({ title: hostile, verb: 'next', data: { note: hostile } });
    expect(ofType(card, 'TextBlock').map((t) => t.text)).not.toContain(hostile);
  });

  it('stays under the size limit with 200 long steps and says how many were left out', () => {
    const steps = Array.from({ length: 200 }, (_, i) => ({
      name: `Step ${i + 1} ${'n'.repeat(500)}`,
      status: 'success',
      description: 'd'.repeat(5000),
    }));
    const { card, text } = renderOutcome(
      restarted({ summary: 's'.repeat(50_000), facts: steps.map((s) => ({ label: s.name, value: s.description })), steps }),
    );
    expect(cardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(visibleTexts(card).some((t) => /^\+\d+ more steps not shown$/.test(t))).toBe(true);
    expect(facts(card).at(-1)?.value).toMatch(/^\+\d+ more facts not shown$/);
    expect(text.length).toBeLessThan(10_000);
  });
});
