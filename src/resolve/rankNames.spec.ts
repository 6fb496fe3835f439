import { describe, expect, it } from 'vitest';
import { bestMatches, closestNames, firstLetterVariants, matchLevel, MatchLevel } from './rankNames';

const people = [
  { name: 'Jane Doe', given: 'Jane', upn: 'jane.doe@contoso.com' },
  { name: 'Janet Smith', given: 'Janet', upn: 'janet.smith@contoso.com' },
  { name: 'Tomás García', given: 'Tomás', upn: 'tomas.garcia@contoso.com' },
  { name: 'Alex Wilber', given: 'Alex', upn: 'alex.wilber@contoso.com' },
  { name: 'Alex Johnson', given: 'Alex', upn: 'alex.johnson@contoso.com' },
];
const names = (p: (typeof people)[number]) => [p.name, p.given, p.upn];

describe('matchLevel', () => {
  it.each([
    ['jane', ['Jane Doe', 'Jane'], MatchLevel.Exact],
    ['JANE DOE', ['Jane Doe'], MatchLevel.Exact],
    ['tomas', ['Tomás'], MatchLevel.Exact],
    ['garcia', ['Tomás García'], MatchLevel.Prefix],
    ['doe', ['Jane Doe'], MatchLevel.Prefix],
    ['jane.doe', ['jane.doe@contoso.com'], MatchLevel.Prefix],
    ['jnae', ['Jane'], MatchLevel.Close],
    ['zebulon', ['Jane Doe'], MatchLevel.None],
    ['', ['Jane Doe'], MatchLevel.None],
  ] as const)('%s against %j is %s', (typed, candidates, level) => {
    expect(matchLevel(typed, candidates)).toBe(level);
  });
});

describe('bestMatches', () => {
  it('prefers an exact first name over a longer prefix (jane, not Janet)', () => {
    expect(bestMatches('jane', people, names).map((p) => p.name)).toEqual(['Jane Doe']);
  });
  it('keeps every match at the best level (two Alexes: ask which)', () => {
    expect(bestMatches('alex', people, names).map((p) => p.name)).toEqual(['Alex Wilber', 'Alex Johnson']);
  });
  it('ignores accents both ways', () => {
    expect(bestMatches('TOMAS GARCIA', people, names).map((p) => p.name)).toEqual(['Tomás García']);
  });
  it('finds nobody for an unrelated name', () => {
    expect(bestMatches('zebulon', people, names)).toEqual([]);
  });
});

describe('closestNames', () => {
  it('suggests the nearest names, best first, and nothing far off', () => {
    expect(closestNames('Jan Dough', people.map((p) => p.name))[0]).toBe('Jane Doe');
    expect(closestNames('qqqqqq', people.map((p) => p.name))).toEqual([]);
  });
});

describe('firstLetterVariants', () => {
  it('adds accented forms of the first letter for prefix queries', () => {
    expect(firstLetterVariants('elodie')).toEqual(['e', 'é', 'è', 'ê', 'ë']);
    expect(firstLetterVariants('Émile')[0]).toBe('e');
    expect(firstLetterVariants('')).toEqual([]);
  });
});

describe('app names', () => {
  const apps = ['Fabrikam', 'Fabrikam SCIM App', 'Fabrikam Field Service'];
  const names = (n: string) => [n];

  it('prefers the exact full name over longer names that start with it', () => {
    expect(bestMatches('Fabrikam', apps, names)).toEqual(['Fabrikam']);
    expect(bestMatches('fabrikam scim app', apps, names)).toEqual(['Fabrikam SCIM App']);
  });

  it('offers every longer name when no name is typed in full', () => {
    expect(bestMatches('Fabri', apps, names)).toEqual(apps);
  });
});
