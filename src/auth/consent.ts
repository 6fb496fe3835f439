// What the user sees when the on-behalf-of exchange cannot give the bot a Graph token: consent is missing (an
// administrator must grant it once for the tenant), or the sign-in has expired (the user signs in again).
import type { BotError } from '../errors';
import type { Problem } from '../render';

export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/**
 * @azure/identity options for an authority: instance discovery asks the public cloud about the host, which
 * a national cloud's or a local stand-in's authority must skip.
 */
export function authorityOptions(authorityHost: string): { authorityHost: string; disableInstanceDiscovery: boolean } {
  return { authorityHost, disableInstanceDiscovery: authorityHost.replace(/\/+$/, '') !== DEFAULT_AUTHORITY_HOST };
}

export interface ConsentTarget {
  /** Default `https://login.microsoftonline.com`. */
  authorityHost?: string;
  tenantId: string;
  /** The bot's Entra app (client) id. */
  clientId: string;
}

/** The page where an administrator grants the app's permissions for the whole tenant. */
export function adminConsentUrl(target: ConsentTarget): string {
  const host = (target.authorityHost || DEFAULT_AUTHORITY_HOST).replace(/\/+$/, '');
  return `${host}/${encodeURIComponent(target.tenantId)}/adminconsent?client_id=${encodeURIComponent(target.clientId)}`;
}

function aadstsFact(error: BotError) {
  return error.details.aadsts ? [{ label: 'Microsoft Entra error', value: String(error.details.aadsts) }] : [];
}

/** For a 'consent-required' error: the consent link, and who can use it. */
export function consentRequiredProblem(error: BotError): Problem {
  const url = error.details.consentUrl ? String(error.details.consentUrl) : undefined;
  return {
    title: 'An administrator needs to approve this bot first',
    whatHappened:
      'Microsoft Entra ID will not let this bot read Microsoft Graph for you, because nobody has granted consent to the permissions it needs in this tenant. Nothing was read or changed.',
    tryThis: [
      url
        ? `Ask a Global Administrator, Privileged Role Administrator or Cloud Application Administrator to open ${url} and accept the permissions.`
        : 'Ask a Global Administrator, Privileged Role Administrator or Cloud Application Administrator to grant admin consent to this bot in the Microsoft Entra admin center (App registrations › API permissions).',
      'Ask your question again once consent has been granted.',
    ],
    detail: [...(url ? [{ label: 'Admin consent link', value: url }] : []), ...aadstsFact(error)],
  };
}

/** For a 'sign-in-expired' error: sign in again; the question is kept. */
export function signInExpiredProblem(error: BotError): Problem {
  return {
    title: 'Your sign-in has expired',
    whatHappened: 'Microsoft Entra ID no longer accepts your sign-in for this bot, so I could not read Microsoft Graph for you. Nothing was changed.',
    tryThis: ['Sign in again when I ask; I will then answer the same question.', 'If signing in keeps failing, sign out of Teams and back in.'],
    detail: aadstsFact(error),
  };
}
