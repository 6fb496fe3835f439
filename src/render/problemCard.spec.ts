import { describe, expect, it } from 'vitest';
import { buttons, cardProblems, facts, ofType, visibleTexts } from './fixtures.spec-helper';
import { renderProblem } from './problemCard';
import { MAX_CARD_BYTES, cardBytes } from './template';

const graphDown = {
  title: 'Microsoft Graph did not answer',
  whatHappened: 'Reading the provisioning logs timed out after 30 seconds.',
  tryThis: ['Ask again in a minute.', 'Check the Microsoft 365 service health page.'],
  detail: [
    { label: 'request-id', value: '7f1c2a9e-0b3d-4e5f-8a6b-1c2d3e4f5a6b' },
    { label: 'status', value: '504' },
  ],
};

describe('renderProblem', () => {
  it('shows what happened, numbered steps to try, and technical detail behind a toggle', () => {
    const { card, text } = renderProblem(graphDown);
    expect(cardProblems(card)).toEqual([]);
    const texts = visibleTexts(card);
    expect(texts.slice(0, 3)).toEqual([graphDown.title, 'Problem', graphDown.whatHappened]);
    expect(texts).toContain('What to try');
    expect(texts).toContain('1. Ask again in a minute.');
    expect(texts).toContain('2. Check the Microsoft 365 service health page.');
    expect(facts(card)).toEqual([
      { title: 'request-id', value: '7f1c2a9e-0b3d-4e5f-8a6b-1c2d3e4f5a6b' },
      { title: 'status', value: '504' },
    ]);
    const toggle = buttons(card)[0];
    expect(toggle).toMatchObject({ type: 'Action.ToggleVisibility', targetElements: ['technicalDetail'] });
    expect(ofType(card, 'Container').find((c) => c.id === 'technicalDetail')?.isVisible).toBe(false);
    expect(text).toBe(
      'Microsoft Graph did not answer\nReading the provisioning logs timed out after 30 seconds.\nWhat to try:\n' +
        '1. Ask again in a minute.\n2. Check the Microsoft 365 service health page.\n' +
        'request-id: 7f1c2a9e-0b3d-4e5f-8a6b-1c2d3e4f5a6b\nstatus: 504',
    );
  });

  it('lists the closest names when a name matched nothing', () => {
    const { card, text } = renderProblem({
      title: 'No app called “Service Now”',
      whatHappened: 'No enterprise app with provisioning has that name.',
      tryThis: ['Check the spelling.'],
      suggestions: ['ServiceNow', 'ServiceNow Dev'],
    });
    const texts = visibleTexts(card);
    expect(texts).toContain('Closest matches');
    expect(texts).toContain('• ServiceNow');
    expect(texts).toContain('• ServiceNow Dev');
    expect(text).toContain('Closest matches: ServiceNow, ServiceNow Dev');
  });

  it('leaves out what is missing: no steps, suggestions or detail', () => {
    const { card, text } = renderProblem({ title: 'Sign-in needed', whatHappened: '', tryThis: [] });
    expect(cardProblems(card)).toEqual([]);
    expect(visibleTexts(card)).toEqual(['Sign-in needed', 'Problem']);
    expect(buttons(card)).toEqual([]);
    expect(ofType(card, 'FactSet')).toEqual([]);
    expect(text).toBe('Sign-in needed');
  });

  it.each(["${'x'}", '{"a":1}', "' or 1 eq 1"])('renders %s literally', (hostile) => {
    const { card } = renderProblem({
      title: hostile,
      whatHappened: hostile,
      tryThis: [hostile],
      suggestions: [hostile],
      detail: [{ label: hostile, value: hostile }],
    });
    expect(visibleTexts(card).filter((t) => t === hostile)).toHaveLength(2);
    expect(visibleTexts(card)).toContain(`1. ${hostile}`);
    expect(visibleTexts(card)).toContain(`• ${hostile}`);
    expect(facts(card)).toEqual([{ title: hostile, value: hostile }]);
  });

  it('stays under the size limit with huge input and says what was left out', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `Item ${i + 1} ${'é'.repeat(2000)}`);
    const { card } = renderProblem({
      title: 't'.repeat(50_000),
      whatHappened: 'w'.repeat(50_000),
      tryThis: many(40),
      suggestions: many(40),
      detail: many(40).map((v) => ({ label: v, value: v })),
    });
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    const texts = visibleTexts(card);
    expect(texts.some((t) => /^\+\d+ more steps not shown$/.test(t))).toBe(true);
    expect(texts.some((t) => /^\+\d+ more matches not shown$/.test(t))).toBe(true);
    expect(facts(card).at(-1)?.value).toMatch(/^\+\d+ more details not shown$/);
  });
});
