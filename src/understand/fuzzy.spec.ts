import { describe, expect, it } from 'vitest';
import { editDistance, foldText, isCloseMatch, similarity } from './fuzzy';

describe('foldText', () => {
  it('lowercases, strips accents and collapses whitespace', () => {
    expect(foldText('  Tomás   GARCÍA\t\n')).toBe('tomas garcia');
    expect(foldText('Zoë Šimić')).toBe('zoe simic');
  });

  it('keeps apostrophes and other punctuation of names', () => {
    expect(foldText("Liam O'Brien")).toBe("liam o'brien");
  });

  it('returns an empty string for non-text', () => {
    expect(foldText(undefined as unknown as string)).toBe('');
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('counts an adjacent transposition as one edit', () => {
    expect(editDistance('quarantien', 'quarantine')).toBe(1);
    expect(editDistance('ca', 'ac')).toBe(1);
  });

  it('gives up early above a maximum', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
    expect(editDistance('skiped', 'skipped', 1)).toBe(1);
  });
});

describe('similarity', () => {
  it('is 1 for texts equal up to case and accents, lower as they differ', () => {
    expect(similarity('Tomás', 'tomas')).toBe(1);
    expect(similarity('', '')).toBe(1);
    expect(similarity('jane', 'jane doe')).toBeCloseTo(0.5);
    expect(similarity('abc', 'xyz')).toBe(0);
  });
});

describe('isCloseMatch', () => {
  it('tolerates one typo in words of 4 to 7 letters and two in longer ones', () => {
    expect(isCloseMatch('skiped', 'skipped')).toBe(true);
    expect(isCloseMatch('statis', 'status')).toBe(true);
    expect(isCloseMatch('provisoned', 'provisioned')).toBe(true);
    expect(isCloseMatch('quarnatien', 'quarantine')).toBe(true);
    expect(isCloseMatch('stats', 'skips')).toBe(false);
    expect(isCloseMatch('provsoned', 'provisioning')).toBe(false);
  });

  it('requires short words to match exactly', () => {
    expect(isCloseMatch('bob', 'bob')).toBe(true);
    expect(isCloseMatch('bob', 'rob')).toBe(false);
    expect(isCloseMatch('Box', 'Bix')).toBe(false);
  });

  it('ignores case and accents', () => {
    expect(isCloseMatch('tomas', 'Tomás')).toBe(true);
    expect(isCloseMatch('ZOE', 'zoë')).toBe(true);
  });

  it('never matches empty text', () => {
    expect(isCloseMatch('', '')).toBe(false);
    expect(isCloseMatch('jane', '')).toBe(false);
  });
});
