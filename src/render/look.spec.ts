import { describe, expect, it } from 'vitest';
import { breakable } from './look';

const ZWSP = '\u200B';

describe('breakable', () => {
  it('gives a long unbreakable value places to wrap without changing what it says', () => {
    const body = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"scimType":"uniqueness","status":"409"}';
    const out = breakable(body);
    expect(out.replaceAll(ZWSP, '')).toBe(body);
    expect(out.split(ZWSP).every((part) => part.length <= 24)).toBe(true);
  });

  it('breaks an error code where its words meet (not after a word of under four letters)', () => {
    expect(breakable('SystemForCrossDomainIdentityManagementCredentialValidationFailure').split(ZWSP)).toEqual([
      'System',
      'ForCross',
      'Domain',
      'Identity',
      'Management',
      'Credential',
      'Validation',
      'Failure',
    ]);
  });

  it('leaves ordinary text and short words alone, and never splits an emoji', () => {
    expect(breakable('Jane Doe was skipped by a scoping filter.')).toBe('Jane Doe was skipped by a scoping filter.');
    const emoji = '🚀'.repeat(30);
    expect(breakable(emoji).split(ZWSP).every((part) => !/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(part))).toBe(true);
  });
});
