import { describe, expect, it } from 'vitest';
import { buttons, cardProblems, visibleTexts } from './fixtures.spec-helper';
import { renderHelp } from './helpCard';

describe('renderHelp', () => {
  it('names every topic and command, and offers one built-in question per topic that the admin sends as a message', () => {
    const { card, text } = renderHelp();
    expect(cardProblems(card)).toEqual([]);
    const texts = visibleTexts(card);
    for (const topic of ['Quarantine', 'Current status', 'Credentials and test connection', 'Provisioning doesn’t start', 'Users skipped or not provisioned']) {
      expect(texts.some((t) => t.startsWith(`${topic} · `))).toBe(true);
      expect(text).toContain(topic);
    }
    for (const command of ['Alerts', 'Audit', 'Buttons']) {
      expect(texts.some((t) => t.startsWith(`${command} · `))).toBe(true);
      expect(text).toContain(`• ${command}: `);
    }
    const asks = buttons(card).filter((b) => b.type === 'Action.Submit');
    expect(asks).toHaveLength(5);
    for (const b of asks) {
      // imBack: Teams posts the question as the admin's message, so the answer does not replace the help card.
      expect(b).toEqual({ type: 'Action.Submit', title: b.title, data: { msteams: { type: 'imBack', value: b.title } } });
      expect(text).toContain(`• ${String(b.title)}`);
    }
    expect(asks.map((b) => b.title)).toContain('Why was jane skipped in Salesforce?');
  });

  it('uses the given example questions, ignoring blank ones', () => {
    const { card, text } = renderHelp({ examples: ['Is Workday in quarantine?', '  ', 'Why was bob skipped?'] });
    expect(buttons(card).filter((b) => b.type === 'Action.Submit')).toEqual([
      { type: 'Action.Submit', title: 'Is Workday in quarantine?', data: { msteams: { type: 'imBack', value: 'Is Workday in quarantine?' } } },
      { type: 'Action.Submit', title: 'Why was bob skipped?', data: { msteams: { type: 'imBack', value: 'Why was bob skipped?' } } },
    ]);
    expect(text).toContain('• Is Workday in quarantine?\n• Why was bob skipped?');
  });

  it('falls back to the built-in questions when none are usable', () => {
    expect(buttons(renderHelp({ examples: [] }).card).filter((b) => b.type === 'Action.Submit')).toHaveLength(5);
  });

  it.each(["${'x'}", '{"a":1}', "' or 1 eq 1"])('puts the example %s into its button literally', (hostile) => {
    expect(buttons(renderHelp({ examples: [hostile] }).card).filter((b) => b.type === 'Action.Submit')).toEqual([
      { type: 'Action.Submit', title: hostile, data: { msteams: { type: 'imBack', value: hostile } } },
    ]);
  });
});
