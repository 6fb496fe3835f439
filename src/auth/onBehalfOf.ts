// On-behalf-of Microsoft Graph tokens: the user's token from the Azure Bot OAuth connection (audience
// `api://botid-<BOT_ID>`) is exchanged for a Graph token, so every Graph call runs with the user's own
// permissions. Tokens are cached per user until shortly before they expire and never logged: cache keys hold a
// SHA-256 of the assertion, and failures keep only the AADSTS code (Entra's error text is never passed on).
import { createHash } from 'node:crypto';
import { OnBehalfOfCredential, type AccessToken, type TokenCredential } from '@azure/identity';
import { BotError } from '../errors';
import type { TokenProvider } from '../graph/gateway';
import type { Logger } from '../log';
import { adminConsentUrl, DEFAULT_AUTHORITY_HOST } from './consent';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** A token is replaced this long before it expires, so no Graph call starts with a token about to lapse. */
export const REFRESH_EARLY_MS = 5 * 60_000;

export interface OnBehalfOfSettings {
  /** The bot's tenant (BOT_TENANT_ID). */
  tenantId: string;
  /** The bot's Entra app id (BOT_ID). */
  clientId: string;
  /** The app's client secret; or `certificatePath`. */
  clientSecret?: string;
  /** A PEM file with the app's certificate and private key. */
  certificatePath?: string;
  /** Default `https://login.microsoftonline.com`; must be https. */
  authorityHost?: string;
  /** Skip MSAL's instance discovery (sovereign clouds, a local stand-in authority). */
  disableInstanceDiscovery?: boolean;
  /** Default `https://graph.microsoft.com/.default`. */
  scope?: string;
  /** Users whose token is kept; the least recently used is dropped beyond this. Default 1000. */
  maxCachedUsers?: number;
  logger?: Logger;
  /** The clock (tests). */
  now?: () => number;
  /** Makes the credential for one assertion; by default an `OnBehalfOfCredential` from these settings. */
  credentialFor?: (assertion: string) => TokenCredential;
}

interface CachedToken {
  assertionHash: string;
  token: string;
  refreshAt: number;
}

// AADSTS codes meaning the user's assertion can no longer be used: signing in again fixes them.
const EXPIRED_ASSERTION = new Set(['AADSTS50013', 'AADSTS500133', 'AADSTS700082']);
const CONSENT_MISSING = 'AADSTS65001';

export class OnBehalfOfTokens {
  private readonly cache = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<string>>();
  private readonly now: () => number;
  private readonly maxUsers: number;

  /** @throws BotError 'config' when neither a client secret nor a certificate is given. */
  constructor(private readonly settings: OnBehalfOfSettings) {
    if (!settings.credentialFor && !settings.clientSecret && !settings.certificatePath) {
      throw new BotError('config', 'On-behalf-of sign-in needs the bot app’s client secret or certificate.');
    }
    this.now = settings.now ?? Date.now;
    this.maxUsers = Math.max(1, settings.maxCachedUsers ?? 1000);
  }

  /** The Graph gateway's token source for one user's turn. */
  tokenProviderFor(userObjectId: string, assertion: string): TokenProvider {
    return { getToken: () => this.getToken(userObjectId, assertion) };
  }

  /**
   * A Graph token for the user, from the cache while it is fresh, otherwise from Microsoft Entra ID (concurrent
   * callers for the same user and assertion share one request).
   * @throws BotError 'consent-required' | 'sign-in-expired' | 'graph-unauthorized' | 'graph-unreachable'
   */
  async getToken(userObjectId: string, assertion: string): Promise<string> {
    if (typeof assertion !== 'string' || assertion.trim() === '') {
      throw new BotError('sign-in-expired', 'There is no sign-in token for this user.');
    }
    const user = typeof userObjectId === 'string' ? userObjectId : '';
    const assertionHash = createHash('sha256').update(assertion, 'utf8').digest('hex');
    const cached = this.cache.get(user);
    if (cached && cached.assertionHash === assertionHash && cached.refreshAt > this.now()) {
      // Re-insert so the Map's order is least recently used first.
      this.cache.delete(user);
      this.cache.set(user, cached);
      return cached.token;
    }
    const key = `${user}:${assertionHash}`;
    let request = this.pending.get(key);
    if (!request) {
      request = this.exchange(user, assertion, assertionHash).finally(() => this.pending.delete(key));
      this.pending.set(key, request);
    }
    return request;
  }

  private async exchange(user: string, assertion: string, assertionHash: string): Promise<string> {
    let issued: AccessToken | null;
    try {
      issued = await this.credentialFor(assertion).getToken(this.settings.scope ?? GRAPH_SCOPE);
    } catch (error) {
      const failure = this.failure(error);
      this.settings.logger?.warn({ code: failure.code, aadsts: failure.details.aadsts }, 'on-behalf-of token request failed');
      throw failure;
    }
    if (!issued?.token) throw new BotError('graph-unauthorized', 'Microsoft Entra ID did not issue a Microsoft Graph token.');
    const refreshAt = issued.expiresOnTimestamp - REFRESH_EARLY_MS;
    this.settings.logger?.debug({ expiresOn: new Date(issued.expiresOnTimestamp).toISOString() }, 'on-behalf-of Graph token issued');
    // A token that lives less than the refresh margin is used once and not kept.
    if (refreshAt > this.now()) this.remember(user, { assertionHash, token: issued.token, refreshAt });
    return issued.token;
  }

  private remember(user: string, entry: CachedToken): void {
    this.cache.delete(user);
    this.cache.set(user, entry);
    while (this.cache.size > this.maxUsers) this.cache.delete(this.cache.keys().next().value!);
  }

  private credentialFor(assertion: string): TokenCredential {
    if (this.settings.credentialFor) return this.settings.credentialFor(assertion);
    const { tenantId, clientId, clientSecret, certificatePath, authorityHost, disableInstanceDiscovery } = this.settings;
    const common = { tenantId, clientId, userAssertionToken: assertion, authorityHost: authorityHost ?? DEFAULT_AUTHORITY_HOST, disableInstanceDiscovery };
    return clientSecret ? new OnBehalfOfCredential({ ...common, clientSecret }) : new OnBehalfOfCredential({ ...common, certificatePath: certificatePath! });
  }

  private failure(error: unknown): BotError {
    const aadsts = aadstsCode(error);
    if (aadsts === CONSENT_MISSING) {
      return new BotError('consent-required', 'An administrator has not granted this bot consent to read Microsoft Graph in this tenant.', {
        aadsts,
        consentUrl: adminConsentUrl(this.settings),
      });
    }
    if (aadsts && EXPIRED_ASSERTION.has(aadsts)) {
      return new BotError('sign-in-expired', 'Your sign-in has expired; please sign in again.', { aadsts });
    }
    if (!aadsts && isNetworkFailure(error)) {
      return new BotError('graph-unreachable', 'Microsoft Entra ID could not be reached (or did not recognise the bot’s tenant) to get a Microsoft Graph token.');
    }
    return new BotError('graph-unauthorized', 'Microsoft Entra ID did not issue a Microsoft Graph token for your sign-in.', { aadsts });
  }
}

/**
 * The AADSTS code in an @azure/identity or MSAL error: `AuthenticationError.errorResponse` (error_codes or the
 * description), MSAL's `errorMessage`, the message, or a wrapped cause.
 */
export function aadstsCode(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 3) return undefined;
  const e = error as {
    errorResponse?: { errorCodes?: unknown; errorDescription?: unknown; error?: unknown };
    errorMessage?: unknown;
    message?: unknown;
    cause?: unknown;
  };
  const codes = e.errorResponse?.errorCodes;
  if (Array.isArray(codes) && codes.length && /^\d+$/.test(String(codes[0]))) return `AADSTS${codes[0]}`;
  for (const text of [e.errorResponse?.errorDescription, e.errorResponse?.error, e.errorMessage, e.message]) {
    const match = typeof text === 'string' ? /\bAADSTS(\d+)/.exec(text) : null;
    if (match) return `AADSTS${match[1]}`;
  }
  return aadstsCode(e.cause, depth + 1);
}

// MSAL reports an authority it cannot reach (or whose metadata it cannot read) as `endpoints_resolution_error`.
function isNetworkFailure(error: unknown): boolean {
  const { code, name, message } = (error ?? {}) as { code?: unknown; name?: unknown; message?: unknown };
  return (typeof code === 'string' && /^E[A-Z]+$/.test(code)) || name === 'RestError' || /endpoints_resolution_error|network_error/.test(String(message));
}
