import { describe, expect, it } from 'vitest';
import type { AuditView } from '../domain/remediationViews';
import { renderAudit } from './auditCard';
import { buttons, cardProblems, ofType, visibleTexts } from './fixtures.spec-helper';
import { MAX_CARD_BYTES, cardBytes } from './template';

const rows: AuditView['rows'] = [
  { when: '2026-11-26 04:40 UTC', who: 'Ada Admin', action: 'Restart provisioning', target: 'Tableau Cloud', result: 'succeeded' },
  { when: '2026-11-25 17:02 UTC', who: 'Grace Ops', action: 'Provision on demand', target: 'Tomás García', result: 'failed' },
  { when: '2026-11-24 09:15 UTC', who: 'Ada Admin', action: 'Restart provisioning', target: 'Tableau Cloud', result: 'no-change' },
];

const audit = (overrides: Partial<AuditView> = {}): AuditView => ({
  title: 'Recent actions',
  filter: 'Tableau Cloud',
  rows,
  empty: 'No actions recorded for Tableau Cloud yet.',
  ...overrides,
});

/** Each row's texts: what was done, when and by whom, and the result (in words, never by colour alone). */
const rowTexts = (card: object) =>
  ofType(card, 'Container').map((row) => {
    const [what, byline, result] = ofType(row, 'TextRun');
    expect(result.color).toBeUndefined();
    return [what.text, byline.text, result.text];
  });

describe('renderAudit', () => {
  it('shows the filter and one compact row per action with its result marked', () => {
    const { card, text } = renderAudit(audit());
    expect(cardProblems(card)).toEqual([]);
    expect(visibleTexts(card).slice(0, 2)).toEqual(['Recent actions', 'Filter: Tableau Cloud']);
    expect(rowTexts(card)).toEqual([
      ['Restart provisioning → Tableau Cloud', '2026-11-26 04:40 UTC · Ada Admin', '✓ Done'],
      ['Provision on demand → Tomás García', '2026-11-25 17:02 UTC · Grace Ops', '✗ Failed'],
      ['Restart provisioning → Tableau Cloud', '2026-11-24 09:15 UTC · Ada Admin', '– No change'],
    ]);
    expect(buttons(card)).toEqual([]);
    expect(text).toBe(
      'Recent actions · Tableau Cloud\n' +
        '• 2026-11-26 04:40 UTC · Ada Admin: Restart provisioning → Tableau Cloud (Done)\n' +
        '• 2026-11-25 17:02 UTC · Grace Ops: Provision on demand → Tomás García (Failed)\n' +
        '• 2026-11-24 09:15 UTC · Ada Admin: Restart provisioning → Tableau Cloud (No change)',
    );
  });

  it('shows a result outside the vocabulary as it is', () => {
    const { card } = renderAudit(audit({ rows: [{ ...rows[0], result: 'Timed out' }] }));
    expect(rowTexts(card)[0].slice(2)).toEqual(['• Timed out']);
  });

  it('says so when there are no rows, and shows no filter line when there is no filter', () => {
    const { card, text } = renderAudit(audit({ filter: undefined, rows: [], empty: 'No actions recorded yet.' }));
    expect(cardProblems(card)).toEqual([]);
    expect(visibleTexts(card)).toEqual(['Recent actions', 'No actions recorded yet.']);
    expect(text).toBe('Recent actions\nNo actions recorded yet.');
  });

  it('leaves out the empty parts of a row rather than showing dangling separators', () => {
    const { card } = renderAudit(audit({ rows: [{ when: '2026-11-26 04:40 UTC', who: '', action: 'Restart provisioning', target: '', result: '' }] }));
    expect(rowTexts(card)).toEqual([['Restart provisioning', '2026-11-26 04:40 UTC', '']]);
  });

  it.each(["${'x'}", '{"a":1}', "' or 1 eq 1", '**bold** [link](https://evil.example)'])('renders %s literally', (hostile) => {
    const { card } = renderAudit(
      audit({ title: hostile, filter: hostile, rows: [{ when: hostile, who: hostile, action: hostile, target: hostile, result: hostile }] }),
    );
    const texts = visibleTexts(card);
    expect(texts).toContain(hostile);
    expect(texts).toContain(`Filter: ${hostile}`);
    expect(rowTexts(card)).toEqual([[`${hostile} → ${hostile}`, `${hostile} · ${hostile}`, `• ${hostile}`]]);
    expect(ofType(card, 'TextBlock').map((t) => t.text)).not.toContain(hostile);
  });

  it('stays under the size limit with 500 long rows and says how many were left out', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({
      when: `2026-11-26 04:${String(i % 60).padStart(2, '0')} UTC`,
      who: 'w'.repeat(1000),
      action: `Action ${i + 1} ${'a'.repeat(1000)}`,
      target: 't'.repeat(1000),
      result: i % 2 ? 'failed' : 'succeeded',
    }));
    const { card, text } = renderAudit(audit({ title: 'T'.repeat(10_000), filter: 'f'.repeat(10_000), rows: many }));
    expect(cardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    const shown = rowTexts(card).length;
    expect(shown).toBeGreaterThan(0);
    expect(visibleTexts(card)).toContain(`+${500 - shown} more actions not shown`);
    expect(text).toContain('+480 more actions not shown');
    expect(text.split('\n')).toHaveLength(22);
  });
});
