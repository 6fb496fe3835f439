import { describe, expect, it } from 'vitest';
import { problemFromError } from '../answer/problemFromError';
import { BotError } from '../errors';
import { renderProblem } from '../render';
import { adminConsentUrl } from './consent';

describe('admin consent', () => {
  it('builds the consent link on the default or a national-cloud authority', () => {
    expect(adminConsentUrl({ tenantId: 'contoso.onmicrosoft.com', clientId: 'abc' })).toBe(
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/adminconsent?client_id=abc',
    );
    expect(adminConsentUrl({ authorityHost: 'https://login.microsoftonline.us//', tenantId: 't/../x', clientId: 'a&b' })).toBe(
      'https://login.microsoftonline.us/t%2F..%2Fx/adminconsent?client_id=a%26b',
    );
  });

  it('shows the consent link and the Entra error on the problem card', () => {
    const url = 'https://login.microsoftonline.com/t1/adminconsent?client_id=c1';
    const { text } = renderProblem(problemFromError(new BotError('consent-required', 'no consent', { aadsts: 'AADSTS65001', consentUrl: url }), 'inc-1'));
    expect(text).toContain('An administrator needs to approve this bot first');
    expect(text).toContain(url);
    expect(text).toContain('AADSTS65001');
  });

  it('asks the user to sign in again when the sign-in expired', () => {
    const { text } = renderProblem(problemFromError(new BotError('sign-in-expired', 'expired', { aadsts: 'AADSTS500133' }), 'inc-2'));
    expect(text).toContain('Your sign-in has expired');
    expect(text).toContain('Sign in again');
    expect(text).toContain('AADSTS500133');
  });
});
