import { Writable } from 'node:stream';
import { AuthenticationError, AuthenticationRequiredError, CredentialUnavailableError, type AccessToken, type TokenCredential } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { BotError } from '../errors';
import { createLogger } from '../log';
import { OnBehalfOfTokens, REFRESH_EARLY_MS, type OnBehalfOfSettings } from './onBehalfOf';

const HOUR = 3600_000;

/** A stand-in credential factory: counts exchanges, and answers each with `answer(assertion)`. */
function fakeEntra(answer: (assertion: string, n: number) => AccessToken | Error, now: () => number = Date.now) {
  const exchanges: string[] = [];
  const credentialFor = (assertion: string): TokenCredential => ({
    getToken: async () => {
      exchanges.push(assertion);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const result = answer(assertion, exchanges.length);
      if (result instanceof Error) throw result;
      return result;
    },
  });
  const tokens = (extra: Partial<OnBehalfOfSettings> = {}) =>
    new OnBehalfOfTokens({ tenantId: 'contoso-tenant', clientId: 'bot-app', credentialFor, now, ...extra });
  return { exchanges, tokens };
}

const issued = (token: string, expiresOnTimestamp: number): AccessToken => ({ token, expiresOnTimestamp });

async function rejection(promise: Promise<unknown>): Promise<BotError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(BotError);
  return error as BotError;
}

describe('OnBehalfOfTokens caching', () => {
  it('reuses a user’s token until five minutes before it expires, then exchanges again', async () => {
    let clock = 1_000_000;
    const entra = fakeEntra((_a, n) => issued(`graph-${n}`, clock + HOUR), () => clock);
    const tokens = entra.tokens();
    expect(await tokens.getToken('user-1', 'assertion-1')).toBe('graph-1');
    clock += HOUR - REFRESH_EARLY_MS - 1;
    expect(await tokens.getToken('user-1', 'assertion-1')).toBe('graph-1');
    clock += 2;
    expect(await tokens.getToken('user-1', 'assertion-1')).toBe('graph-2');
    expect(entra.exchanges).toHaveLength(2);
  });

  it('shares one exchange between simultaneous calls of the same user', async () => {
    const entra = fakeEntra((_a, n) => issued(`graph-${n}`, Date.now() + HOUR));
    const provider = entra.tokens().tokenProviderFor('user-1', 'assertion-1');
    expect(await Promise.all([provider.getToken(), provider.getToken(), provider.getToken()])).toEqual(['graph-1', 'graph-1', 'graph-1']);
    expect(entra.exchanges).toHaveLength(1);
  });

  it('keeps users apart, and a new assertion of the same user gets a new token', async () => {
    const entra = fakeEntra((assertion) => issued(`graph-for-${assertion}`, Date.now() + HOUR));
    const tokens = entra.tokens();
    expect(await tokens.getToken('user-1', 'a1')).toBe('graph-for-a1');
    expect(await tokens.getToken('user-2', 'a2')).toBe('graph-for-a2');
    expect(await tokens.getToken('user-1', 'a1-renewed')).toBe('graph-for-a1-renewed');
    expect(await tokens.getToken('user-2', 'a2')).toBe('graph-for-a2');
    expect(entra.exchanges).toEqual(['a1', 'a2', 'a1-renewed']);
  });

  it('keeps at most maxCachedUsers users, dropping the least recently used', async () => {
    const entra = fakeEntra((assertion) => issued(`graph-for-${assertion}`, Date.now() + HOUR));
    const tokens = entra.tokens({ maxCachedUsers: 2 });
    await tokens.getToken('u1', 'a1');
    await tokens.getToken('u2', 'a2');
    await tokens.getToken('u1', 'a1'); // u1 used again: u2 is now the oldest
    await tokens.getToken('u3', 'a3');
    await tokens.getToken('u1', 'a1');
    await tokens.getToken('u2', 'a2');
    expect(entra.exchanges).toEqual(['a1', 'a2', 'a3', 'a2']);
  });

  it('asks for sign-in when there is no assertion, without calling Entra', async () => {
    const entra = fakeEntra(() => issued('never', Date.now() + HOUR));
    expect((await rejection(entra.tokens().getToken('user-1', ''))).code).toBe('sign-in-expired');
    expect(entra.exchanges).toEqual([]);
  });
});

describe('OnBehalfOfTokens failures', () => {
  // The shapes @azure/identity 4 throws: MSAL's server errors become AuthenticationRequiredError carrying
  // Entra's text; its own token requests throw AuthenticationError with the parsed error body.
  const required = (text: string) => new AuthenticationRequiredError({ scopes: ['https://graph.microsoft.com/.default'], message: text });
  const consentText = "invalid_grant: AADSTS65001: The user or administrator has not consented to use the application with ID 'bot-app'.";

  it('turns AADSTS65001 into consent-required with the tenant’s admin-consent link', async () => {
    const tokens = fakeEntra(() => required(consentText)).tokens({ authorityHost: 'https://login.microsoftonline.us/' });
    const error = await rejection(tokens.getToken('user-1', 'a1'));
    expect(error.code).toBe('consent-required');
    expect(error.details).toEqual({ aadsts: 'AADSTS65001', consentUrl: 'https://login.microsoftonline.us/contoso-tenant/adminconsent?client_id=bot-app' });
  });

  it.each([
    ['AADSTS500133 (assertion expired)', required('invalid_grant: Error(s): 500133 - Description: AADSTS500133: Assertion is not within its valid time range.'), 'AADSTS500133'],
    ['AADSTS50013 (invalid assertion)', required('invalid_grant: AADSTS50013: Assertion failed signature validation.'), 'AADSTS50013'],
    [
      'AADSTS700082 in an AuthenticationError body',
      new AuthenticationError(400, { error: 'invalid_grant', error_description: 'AADSTS700082: The refresh token has expired due to inactivity.', error_codes: [700082] }),
      'AADSTS700082',
    ],
  ])('asks to sign in again for %s', async (_name, thrown, aadsts) => {
    const error = await rejection(fakeEntra(() => thrown).tokens().getToken('user-1', 'a1'));
    expect(error.code).toBe('sign-in-expired');
    expect(error.details.aadsts).toBe(aadsts);
  });

  it('reports other Entra refusals as graph-unauthorized with the AADSTS code only', async () => {
    const secretText = 'AADSTS7000215: Invalid client secret provided. Secret sent: s3cr3t-value';
    const error = await rejection(fakeEntra(() => required(secretText)).tokens().getToken('user-1', 'a1'));
    expect(error.code).toBe('graph-unauthorized');
    expect(error.details).toEqual({ aadsts: 'AADSTS7000215' });
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain('s3cr3t');
  });

  it('reports an authority it cannot reach as graph-unreachable', async () => {
    const down = new CredentialUnavailableError('endpoints_resolution_error: See https://aka.ms/msal.js.errors#endpoints_resolution_error for details');
    expect((await rejection(fakeEntra(() => down).tokens().getToken('user-1', 'a1'))).code).toBe('graph-unreachable');
  });

  it('does not cache a failure: the next turn asks Entra again', async () => {
    const entra = fakeEntra((_a, n) => (n === 1 ? required(consentText) : issued('graph-after-consent', Date.now() + HOUR)));
    const tokens = entra.tokens();
    await rejection(tokens.getToken('user-1', 'a1'));
    expect(await tokens.getToken('user-1', 'a1')).toBe('graph-after-consent');
  });

  it('logs neither the token nor the assertion', async () => {
    let logs = '';
    const logger = createLogger({ level: 'trace', destination: new Writable({ write: (chunk, _e, done) => ((logs += chunk), done()) }) });
    const entra = fakeEntra((assertion) => (assertion === 'bad-assertion-value' ? required(consentText) : issued('graph-token-value', Date.now() + HOUR)));
    const tokens = entra.tokens({ logger });
    await tokens.getToken('user-1', 'good-assertion-value');
    await rejection(tokens.getToken('user-1', 'bad-assertion-value'));
    expect(logs).toContain('on-behalf-of');
    for (const secret of ['graph-token-value', 'good-assertion-value', 'bad-assertion-value']) expect(logs).not.toContain(secret);
  });

  it('refuses settings without a secret or certificate', () => {
    expect(() => new OnBehalfOfTokens({ tenantId: 't', clientId: 'c' })).toThrow(expect.objectContaining({ code: 'config' }));
  });
});
