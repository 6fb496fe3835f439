// Every failure becomes a card that says what happened and what to try, naming the missing permission or
// role when Graph refuses. Technical detail (request id, call) is kept for support, never secrets.
import { consentRequiredProblem, signInExpiredProblem } from '../auth/consent';
import type { Fact } from '../domain/types';
import { BotError } from '../errors';
import type { Problem } from '../render';

function detail(error: BotError): Fact[] {
  const d = error.details;
  return [
    d.status ? { label: 'HTTP status', value: String(d.status) } : undefined,
    d.graphCode ? { label: 'Graph error code', value: String(d.graphCode) } : undefined,
    d.method && d.path ? { label: 'Request', value: `${d.method} ${d.path}` } : undefined,
    d.requestId ? { label: 'Graph request id', value: String(d.requestId) } : undefined,
    d.aadsts ? { label: 'Microsoft Entra error', value: String(d.aadsts) } : undefined,
  ].filter((f): f is Fact => !!f);
}

/** What the admin is told about a failure: a BotError by its code, anything else as ours, with the incident id. */
export function problemFromError(error: unknown, incidentId: string): Problem {
  if (!(error instanceof BotError)) {
    return {
      title: 'Something went wrong on my side',
      whatHappened: 'I could not finish answering this question because of an unexpected error. Nothing was changed.',
      tryThis: ['Ask again in a moment.', `If it keeps happening, give your administrator this incident id: ${incidentId}.`],
      detail: [{ label: 'Incident id', value: incidentId }],
    };
  }
  const d = error.details;
  switch (error.code) {
    case 'graph-forbidden':
      return {
        title: 'A permission or role is missing',
        whatHappened: `${error.message} This call needs the delegated permission ${d.permissions} and one of these roles: ${d.roles}.${d.note ? ` ${d.note}` : ''}`,
        tryThis: [
          `Ask a Global Administrator or Privileged Role Administrator to grant admin consent for ${d.permissions} to this bot.`,
          `Make sure your account has one of these Microsoft Entra roles: ${d.roles}.`,
          'Ask again once the change has been made (role assignments can take a few minutes to apply).',
        ],
        detail: detail(error),
      };
    case 'licence-required':
      return {
        title: 'The provisioning logs need an Entra ID P1 or P2 licence',
        whatHappened:
          'Microsoft Graph refused to read the provisioning logs because the tenant has no Microsoft Entra ID P1 or P2 licence. Jobs, schemas and assignments need no licence, so questions about an app’s state still work.',
        tryThis: [
          'Ask about an app’s state instead ("is <app> in quarantine?", "how is <app> doing?").',
          'To read provisioning logs, the tenant needs Microsoft Entra ID P1 or P2.',
        ],
        detail: detail(error),
      };
    case 'graph-throttled': {
      const wait = Math.max(1, Math.ceil(Number(d.retryAfter ?? 30)));
      const tryAgain = `Try again in ${wait} ${wait === 1 ? 'second' : 'seconds'}.`;
      // The bot's own share of Graph's provisioning-log limit, used up by questions asked just now: Graph
      // itself refused nothing, so it is not said to be busy.
      if (d.budget === 'provisioning-logs') {
        return {
          title: 'Too many provisioning-log reads at once',
          whatHappened: `Microsoft Graph allows ${d.limit ?? 5} provisioning-log reads per ${d.windowSeconds ?? 10} seconds for a tenant (shared by the bot’s instances), and questions asked in the last few seconds (yours or other admins’) have used them. Waiting for the next one would have kept you waiting too long.`,
          tryThis: [tryAgain],
          detail: detail(error),
        };
      }
      return {
        title: 'Microsoft Graph is busy',
        whatHappened: 'Microsoft Graph is throttling requests for this tenant right now, and waiting longer would have kept you waiting too long.',
        tryThis: [tryAgain],
        detail: detail(error),
      };
    }
    case 'graph-timeout':
    case 'graph-unreachable':
    case 'graph-unavailable':
      return {
        title: 'Microsoft Graph did not answer',
        whatHappened: `${error.message} Nothing was changed.`,
        tryThis: ['Try again in a minute.', 'If it persists, check the Microsoft 365 service health page for Microsoft Entra or Microsoft Graph incidents.'],
        detail: detail(error),
      };
    case 'graph-not-found':
      return {
        title: 'That object no longer exists',
        whatHappened: 'Microsoft Graph says the user, group, app or provisioning job this question is about does not exist any more. It may have been deleted or its provisioning removed.',
        tryThis: ['Ask the question again by name so I look it up afresh.', 'Check the Enterprise applications list in the Microsoft Entra admin center.'],
        detail: detail(error),
      };
    case 'consent-required':
      return consentRequiredProblem(error);
    case 'sign-in-expired':
      return signInExpiredProblem(error);
    case 'graph-unauthorized':
      return {
        title: 'Your sign-in was not accepted',
        whatHappened: 'Microsoft Graph did not accept the sign-in token for this request.',
        tryThis: ['Sign in again and repeat the question.'],
        detail: detail(error),
      };
    case 'graph-bad-response':
      return {
        title: 'Microsoft Graph answered something I could not read',
        whatHappened: `${error.message} I did not guess an answer from it.`,
        tryThis: ['Try again in a minute.', 'If you use a Graph-compatible test server, check what it returns for this request.'],
        detail: detail(error),
      };
    case 'graph-bad-request':
    case 'graph-conflict':
      return {
        title: 'Microsoft Graph refused the request',
        whatHappened: error.message,
        tryThis: ['Check the names in your question and try again.', 'If the app was just changed, wait a minute and ask again.'],
        detail: detail(error),
      };
    case 'invalid-id':
    case 'invalid-input':
      return {
        title: 'That request was not valid',
        whatHappened: `${error.message} Nothing was sent to Microsoft Graph.`,
        tryThis: ['Ask the question again in your own words, for example "why was Jane skipped?".'],
      };
    default:
      return {
        title: 'Something went wrong',
        whatHappened: error.message,
        tryThis: ['Try again in a moment.'],
        detail: [{ label: 'Incident id', value: incidentId }],
      };
  }
}
