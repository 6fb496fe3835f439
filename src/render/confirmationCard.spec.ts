import { noMarkdownLinks } from './template';
import { describe, expect, it } from 'vitest';
import type { ConfirmationView } from '../domain/remediationViews';
import { renderConfirmation } from './confirmationCard';
import { SERVICENOW, buttons, cardProblems, facts, ofType, visibleTexts } from './fixtures.spec-helper';
import { MAX_CARD_BYTES, cardBytes } from './template';

const ids = { spId: SERVICENOW.spId, jobId: SERVICENOW.jobId, seenState: 'Quarantine', operationId: 'op-7f3a' };

function clearQuarantine(overrides: Partial<ConfirmationView> = {}): ConfirmationView {
  return {
    title: 'Clear quarantine for ServiceNow?',
    subject: 'ServiceNow',
    whatHappens: [
      'Restart the provisioning job and clear its quarantine.',
      'The next cycle runs within 40 minutes and retries every escrowed change.',
    ],
    impact: [
      { label: 'Users in scope', value: '12' },
      { label: 'Next cycle', value: 'An incremental one' },
    ],
    warning: 'The credentials were rejected 3 times. Test the connection first, or the job goes back to quarantine.',
    confirm: { title: 'Clear quarantine', verb: 'restartProvisioning.confirm', data: ids },
    cancel: { title: 'Cancel', verb: 'restartProvisioning.cancel', data: { operationId: 'op-7f3a' } },
    alternatives: [
      { title: 'Test connection first', verb: 'testConnection', data: { spId: SERVICENOW.spId, jobId: SERVICENOW.jobId } },
    ],
    ...overrides,
  };
}

describe('renderConfirmation', () => {
  it('shows the impact’s times in the admin’s zone with UTC alongside', () => {
    const v = clearQuarantine({ impact: [{ label: 'In quarantine since', value: '2026-11-30 22:52 UTC (27 h ago)' }] });
    expect(facts(renderConfirmation(v, { timeZone: 'America/New_York', locale: 'en-US' }).card)).toContainEqual({
      title: 'In quarantine since',
      value: '2026-11-30 17:52 EST · 22:52 UTC (27 h ago)',
    });
  });

  it('shows the warning first, then what will happen and the impact, with the safer way as the primary button', () => {
    const v = clearQuarantine();
    const { card, text } = renderConfirmation(v);
    expect(cardProblems(card)).toEqual([]);
    const texts = visibleTexts(card);
    expect(texts).toEqual([
      'Clear quarantine for ServiceNow?',
      'ServiceNow',
      '⚠ Warning',
      v.warning,
      `1. ${v.whatHappens[0]}`,
      `2. ${v.whatHappens[1]}`,
      'Users in scope: 12',
      'Next cycle: An incremental one',
    ]);
    expect(facts(card)).toEqual([
      { title: 'Users in scope', value: '12' },
      { title: 'Next cycle', value: 'An incremental one' },
    ]);
    const warning = ofType(card, 'Container').find((c) => c.style === 'warning');
    expect(visibleTexts(warning)).toEqual(['⚠ Warning', v.warning]);
    // The card warns to test first: that is the primary button, and Confirm a plain one.
    expect(buttons(card)).toEqual([
      {
        type: 'Action.Execute',
        title: 'Test connection first',
        verb: 'testConnection',
        data: { spId: SERVICENOW.spId, jobId: SERVICENOW.jobId },
        style: 'positive',
      },
      { type: 'Action.Execute', title: 'Clear quarantine', verb: 'restartProvisioning.confirm', data: ids, style: 'default' },
      { type: 'Action.Execute', title: 'Cancel', verb: 'restartProvisioning.cancel', data: { operationId: 'op-7f3a' }, style: 'default' },
    ]);
    expect(text).toBe(`Clear quarantine for ServiceNow?\n${v.whatHappens[0]}\nWarning: ${v.warning}`);
  });

  it('keeps the style the buttons ask for, e.g. a destructive confirm', () => {
    const v = clearQuarantine({
      confirm: { title: 'Remove assignment', verb: 'removeAssignment.confirm', data: ids, style: 'destructive' },
      alternatives: [{ title: 'Provision on demand', verb: 'provisionOnDemand', data: {}, style: 'positive' }],
    });
    expect(buttons(renderConfirmation(v).card).map((b) => b.style)).toEqual(['positive', 'destructive', 'default']);
  });

  it('makes Confirm the primary button when nothing warns against it', () => {
    const v = clearQuarantine({ warning: undefined });
    expect(buttons(renderConfirmation(v).card).map((b) => [b.title, b.style])).toEqual([
      ['Clear quarantine', 'positive'],
      ['Cancel', 'default'],
      ['Test connection first', 'default'],
    ]);
  });

  it('leaves out what is missing: no subject, steps, impact, warning or alternatives', () => {
    const { card, text } = renderConfirmation(
      clearQuarantine({ subject: '', whatHappens: [], impact: [], warning: undefined, alternatives: undefined }),
    );
    expect(cardProblems(card)).toEqual([]);
    expect(visibleTexts(card)).toEqual(['Clear quarantine for ServiceNow?']);
    expect(ofType(card, 'FactSet')).toEqual([]);
    expect(ofType(card, 'Container')).toEqual([]);
    expect(buttons(card).map((b) => b.title)).toEqual(['Clear quarantine', 'Cancel']);
    expect(text).toBe('Clear quarantine for ServiceNow?');
  });

  it.each(["${'x'}", '{"a":1}', "' or 1 eq 1", '**bold** [link](https://evil.example)', '${$root.title}'])(
    'renders %s literally',
    (hostile) => {
      const { card } = renderConfirmation(
        clearQuarantine({
          title: hostile,
          subject: hostile,
          whatHappens: [hostile],
          impact: [{ label: hostile, value: hostile }],
          warning: hostile,
          confirm: { title: hostile, verb: 'restartProvisioning.confirm', data: { note: hostile } },
        }),
      );
      expect(visibleTexts(card).filter((t) => t === hostile)).toHaveLength(3); // title, subject, warning
      expect(visibleTexts(card)).toContain(`1. ${hostile}`);
      expect(facts(card)).toEqual([{ title: hostile, value: noMarkdownLinks(hostile) }]); // facts render markdown: brackets escaped
      expect(buttons(card).find((b) => b.verb === 'restartProvisioning.confirm')).toMatchObject({ title: hostile, data: { note: hostile } });
      // User text only ever sits in TextRuns, which Teams does not read as markdown.
      expect(ofType(card, 'TextBlock').map((t) => t.text)).not.toContain(hostile);
    },
  );

  it('stays under the size limit with huge input and says what was left out', () => {
    const long = (n: number) => Array.from({ length: n }, (_, i) => `Step ${i + 1} ${'é'.repeat(3000)}`);
    const { card } = renderConfirmation(
      clearQuarantine({
        title: 't'.repeat(50_000),
        warning: 'w'.repeat(50_000),
        whatHappens: long(200),
        impact: long(200).map((s) => ({ label: s, value: s })),
        alternatives: Array.from({ length: 20 }, (_, i) => ({ title: `Option ${i}`, verb: 'other', data: { i } })),
      }),
    );
    expect(cardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    const texts = visibleTexts(card);
    expect(texts.some((t) => /^\+\d+ more steps not shown$/.test(t))).toBe(true);
    expect(facts(card).at(-1)?.value).toMatch(/^\+\d+ more facts not shown$/);
    expect(texts.some((t) => /^\+\d+ more options not shown$/.test(t))).toBe(true);
    // The safer way (it warns), then Confirm and Cancel: the last buttons to go.
    expect(buttons(card).slice(0, 3).map((b) => b.verb)).toEqual(['other', 'restartProvisioning.confirm', 'restartProvisioning.cancel']);
  });

  it('says the buttons were left out when their own data cannot fit in a card', () => {
    const { card } = renderConfirmation(
      clearQuarantine({ confirm: { title: 'Go', verb: 'go', data: { blob: 'x'.repeat(40_000) } } }),
    );
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(buttons(card)).toEqual([]);
    expect(visibleTexts(card)).toContain('The buttons are too large for a Teams card, so they are left out.');
  });
});
