import { describe, expect, it } from 'vitest';
import { MAX_CARD_BYTES, cardBytes, clip, expandCard, expandFitting, firstOf, numberedList } from './template';

describe('expandCard', () => {
  it('binds a template from adaptive-cards/ to view data', () => {
    const card = expandCard('help', { intro: 'Hi', topics: [], examples: [] });
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(JSON.stringify(card)).toContain('"text":"Hi"');
  });

  it('binds the same view data once: the card is shared, so it cannot be changed by whoever holds it', () => {
    const view = () => ({ intro: 'Shared', topics: [], examples: [] });
    const card = expandCard('help', view());
    expect(expandCard('help', view())).toBe(card);
    const first = (card.body as Array<Record<string, unknown>>)[0];
    expect(first).toBeDefined();
    expect(() => (first.text = 'changed')).toThrow(TypeError);
    expect(JSON.stringify(expandCard('help', { ...view(), intro: 'Another' }))).toContain('"text":"Another"');
  });
});

describe('expandFitting', () => {
  const view = (n: number) => ({ intro: 'x'.repeat(n), topics: [], examples: [] });

  it('takes the first view whose card fits the Teams size limit', () => {
    const card = expandFitting('help', [view(MAX_CARD_BYTES), view(100)]);
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(JSON.stringify(card)).toContain('x'.repeat(100));
  });

  it('fails loudly when even the leanest view is too big (a renderer bug, not bad input)', () => {
    expect(() => expandFitting('help', [view(MAX_CARD_BYTES)])).toThrow(/does not fit/);
  });
});

describe('clip', () => {
  it('keeps short text and marks cut text with an ellipsis', () => {
    expect(clip('abc', 3)).toBe('abc');
    expect(clip('abcdef', 4)).toBe('abc…');
  });

  it('never leaves half of an emoji', () => {
    expect(clip('ab🚀cd', 4)).toBe('ab…');
  });
});

describe('firstOf and numberedList', () => {
  it('says how many were left out', () => {
    expect(firstOf([1, 2, 3, 4], 2, 'facts not shown')).toEqual({ shown: [1, 2], more: '+2 more facts not shown' });
    expect(firstOf([1], 2, 'facts not shown')).toEqual({ shown: [1], more: '' });
  });

  it('numbers steps from 1 and says how many were left out', () => {
    expect(numberedList(['a', 'b', 'c'], 2, 10)).toEqual({
      has: true,
      items: [
        { number: '1.', text: 'a' },
        { number: '2.', text: 'b' },
      ],
      hasMore: true,
      more: '+1 more steps not shown',
    });
  });
});
