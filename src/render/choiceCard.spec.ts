import { describe, expect, it } from 'vitest';
import { MAX_CHOICES, renderChoice, type ChoiceOption } from './choiceCard';
import { buttons, cardProblems, ofType, visibleTexts } from './fixtures.spec-helper';
import { MAX_CARD_BYTES, cardBytes } from './template';

const question = 'why was jane skipped?';
const option = (n: number, extra: Partial<ChoiceOption> = {}): ChoiceOption => ({
  title: `Jane Doe ${n}`,
  subtitle: `jane.doe${n}@contoso.com · Sales`,
  data: { question, pick: { kind: 'user', id: `id-${n}` }, attempt: 1 },
  ...extra,
});

describe('renderChoice', () => {
  it('asks which one, with one Action.Execute per option carrying its data verbatim', () => {
    const options = [option(1), option(2, { subtitle: undefined })];
    const { card, text } = renderChoice({ prompt: 'Two users are called Jane Doe.', options, verb: 'choose' });
    expect(cardProblems(card)).toEqual([]);
    const texts = visibleTexts(card);
    expect(texts.slice(0, 2)).toEqual(['Which one did you mean?', 'Two users are called Jane Doe.']);
    expect(texts).toContain('jane.doe1@contoso.com · Sales');
    expect(buttons(card)).toEqual([
      { type: 'Action.Execute', title: 'Jane Doe 1', verb: 'choose', data: options[0].data },
      { type: 'Action.Execute', title: 'Jane Doe 2', verb: 'choose', data: options[1].data },
    ]);
    // Each button gets its own row so long names are not squeezed side by side.
    expect(ofType(card, 'ActionSet')).toHaveLength(2);
    expect(text).toBe(
      'Which one did you mean?\nTwo users are called Jane Doe.\n1. Jane Doe 1 (jane.doe1@contoso.com · Sales)\n2. Jane Doe 2',
    );
  });

  it(`shows the first ${MAX_CHOICES} options and asks to refine the name when there are more`, () => {
    const options = Array.from({ length: 14 }, (_, i) => option(i + 1));
    const { card, text } = renderChoice({ prompt: '', options, verb: 'choose' });
    expect(buttons(card).map((b) => b.title)).toEqual(options.slice(0, MAX_CHOICES).map((o) => o.title));
    expect(visibleTexts(card)).toContain('+4 more matches not shown. Refine the name to narrow them down.');
    expect(text).toContain('+4 more matches not shown: refine the name');
    expect(text).not.toContain('Jane Doe 11');
  });

  it('says nothing matched when there are no options', () => {
    const { card, text } = renderChoice({ prompt: 'Which app?', options: [], verb: 'choose' });
    expect(cardProblems(card)).toEqual([]);
    expect(buttons(card)).toEqual([]);
    expect(visibleTexts(card)).toContain('Nothing matched. Try a different or longer name.');
    expect(text).toContain('Nothing matched.');
  });

  it.each(["${'x'}", '{"a":1}', "' or 1 eq 1", '${$root.prompt}'])('renders %s literally', (hostile) => {
    const { card } = renderChoice({
      prompt: hostile,
      options: [option(1, { title: hostile, subtitle: hostile, data: { question: hostile } })],
      verb: 'choose',
    });
    expect(visibleTexts(card).filter((t) => t === hostile)).toHaveLength(2);
    expect(buttons(card)[0]).toMatchObject({ title: hostile, data: { question: hostile } });
  });

  it('stays under the size limit when option data is huge, showing fewer buttons', () => {
    const bulky = { question: 'q'.repeat(6000) };
    const options = Array.from({ length: 10 }, (_, i) => option(i + 1, { data: bulky }));
    const { card } = renderChoice({ prompt: 'p', options, verb: 'choose' });
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    const shown = buttons(card).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(10);
    expect(buttons(card)[0].data).toEqual(bulky);
    expect(visibleTexts(card)).toContain(`+${10 - shown} more matches not shown. Refine the name to narrow them down.`);
  });
});
