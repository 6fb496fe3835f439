import { describe, expect, it } from 'vitest';
import { buttons, cardProblems, visibleTexts } from './fixtures.spec-helper';
import { renderHelp } from './helpCard';

describe('renderHelp', () => {
  it('names every topic and offers one built-in question per topic as an "ask" button', () => {
    const { card, text } = renderHelp();
    expect(cardProblems(card)).toEqual([]);
    const texts = visibleTexts(card);
    for (const topic of ['Quarantine', 'Current status', 'Credentials and test connection', 'Provisioning doesn’t start', 'Users skipped or not provisioned']) {
      expect(texts).toContain(topic);
      expect(text).toContain(topic);
    }
    const asks = buttons(card);
    expect(asks).toHaveLength(5);
    for (const b of asks) {
      expect(b).toMatchObject({ type: 'Action.Execute', verb: 'ask', data: { text: b.title } });
      expect(text).toContain(`• ${String(b.title)}`);
    }
    expect(asks.map((b) => b.title)).toContain('Why was jane skipped in Salesforce?');
  });

  it('uses the given example questions, ignoring blank ones', () => {
    const { card, text } = renderHelp({ examples: ['Is Workday in quarantine?', '  ', 'Why was bob skipped?'] });
    expect(buttons(card)).toEqual([
      { type: 'Action.Execute', title: 'Is Workday in quarantine?', verb: 'ask', data: { text: 'Is Workday in quarantine?' } },
      { type: 'Action.Execute', title: 'Why was bob skipped?', verb: 'ask', data: { text: 'Why was bob skipped?' } },
    ]);
    expect(text).toContain('• Is Workday in quarantine?\n• Why was bob skipped?');
  });

  it('falls back to the built-in questions when none are usable', () => {
    expect(buttons(renderHelp({ examples: [] }).card)).toHaveLength(5);
  });

  it.each(["${'x'}", '{"a":1}', "' or 1 eq 1"])('puts the example %s into its button literally', (hostile) => {
    expect(buttons(renderHelp({ examples: [hostile] }).card)).toEqual([
      { type: 'Action.Execute', title: hostile, verb: 'ask', data: { text: hostile } },
    ]);
  });
});
