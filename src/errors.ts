// Errors with codes (in the spirit of bolt-js): every failure a user can meet has a code the bot maps to a
// clear answer, and a message that is safe to show.
export type BotErrorCode =
  | 'invalid-id'
  | 'invalid-input'
  | 'graph-bad-request'
  | 'graph-unauthorized'
  | 'graph-forbidden'
  | 'licence-required'
  | 'graph-not-found'
  | 'graph-conflict'
  | 'graph-throttled'
  | 'graph-unavailable'
  | 'graph-timeout'
  | 'graph-bad-response'
  | 'graph-unreachable'
  | 'consent-required'
  | 'sign-in-expired'
  | 'config';

export class BotError extends Error {
  constructor(
    readonly code: BotErrorCode,
    message: string,
    readonly details: Record<string, string | number | undefined> = {},
  ) {
    super(message);
    this.name = 'BotError';
  }
}
