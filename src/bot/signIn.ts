// Sign-in (production): teams-ai's OAuth flow with SSO through the Azure Bot OAuth connection, for messages
// and for card buttons, in personal chat, group chats and channels. Only what reads or changes Graph asks
// for it: help works signed out.
import type { AuthenticationOptions, TurnState } from '@microsoft/teams-ai';
import { tokenExchangeOperationName, verifyStateOperationName, type TurnContext } from 'botbuilder';
import { clickNeedsGraph } from './cardActions';
import { asksGraph } from './listeners';

/** The teams-ai authentication setting the Graph token is kept under (state.temp.authTokens[SIGN_IN]). */
export const SIGN_IN = 'graph';

export interface SignInSettings {
  connectionName: string;
  botId: string;
}


/** Whether this turn will call Graph, and so needs the admin signed in. */
export function needsGraph(context: TurnContext): boolean {
  const a = context.activity;
  if (a.type === 'message') return asksGraph(typeof a.text === 'string' ? a.text : '');
  if (a.type === 'invoke' && a.name === 'adaptiveCard/action') {
    const action = (a.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
    return clickNeedsGraph(action?.verb, action?.data);
  }
  return false;
}

/**
 * Whether this is Teams completing a sign-in (the SSO token exchange, or the code after signing in through the
 * link). teams-ai hands these to the waiting sign-in only on turns where auto sign-in runs: it tags the
 * activity with the setting name there, and its sign-in routes match on that tag.
 */
function completesSignIn(context: TurnContext): boolean {
  const a = context.activity;
  return a.type === 'invoke' && (a.name === tokenExchangeOperationName || a.name === verifyStateOperationName);
}

export function authenticationOptions(settings: SignInSettings): AuthenticationOptions {
  return {
    settings: {
      [SIGN_IN]: {
        connectionName: settings.connectionName,
        title: 'Sign in',
        text: 'Sign in with your work account: I read and fix provisioning with your own permissions.',
        enableSso: true,
        tokenExchangeUri: `api://botid-${settings.botId}`,
      },
    },
    autoSignIn: async (context: TurnContext) => needsGraph(context) || completesSignIn(context),
  };
}

/** The admin's token from the OAuth connection (audience api://botid-<BOT_ID>), once signed in. */
export function connectionToken(state: TurnState): string | undefined {
  return state.temp.authTokens?.[SIGN_IN];
}
