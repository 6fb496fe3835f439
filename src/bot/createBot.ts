// The teams-ai Application: routes only. Everything it does is in small listeners over the domain.
import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type Storage } from 'botbuilder';
import { CreateIfAbsentStorage } from '../auth/createIfAbsentStorage';
import { problemFromError } from '../answer/problemFromError';
import { renderProblem } from '../render';
import { sendAnswer } from './sendAnswer';
import { registerCardActions } from './cardActions';
import { onInstallationUpdate, onMembersAdded, onMembersRemoved, onMessage } from './listeners';
import type { RemedyDeps } from './remedyListener';
import { authenticationOptions, SIGN_IN, type SignInSettings } from './signIn';

export interface BotOptions {
  /** Production: sign-in through the OAuth connection, with teams-ai's turn state kept in this storage. */
  signIn?: SignInSettings & { storage: Storage };
}

export function createBot(adapter: TeamsAdapter, deps: Omit<RemedyDeps, 'adapter'>, options: BotOptions = {}): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    botAppId: deps.botAppId || undefined,
    removeRecipientMention: true,
    // The shared typing timer of teams-ai 1.7 leaks across concurrent turns: typing is sent per turn instead.
    startTypingTimer: false,
    longRunningMessages: false,
    ...(options.signIn
      ? {
          // teams-ai's token-exchange de-duplication writes new keys with an eTag that Blob and file storage
          // reject: the wrapper turns those writes into create-if-absent.
          storage: new CreateIfAbsentStorage(options.signIn.storage),
          authentication: authenticationOptions(options.signIn),
        }
      : {}),
  });
  if (options.signIn) {
    deps = {
      ...deps,
      restartSignIn: async (context, state) => {
        await app.authentication.signOutUser(context, state, SIGN_IN);
        await app.getTokenOrStartSignIn(context, state, SIGN_IN);
      },
    };
    const signIn = app.authentication.get(SIGN_IN);
    // teams-ai put the question asked before sign-in back into the activity: answer it now.
    signIn.onUserSignInSuccess(onMessage(deps));
    signIn.onUserSignInFailure(async (context, _state, error) => {
      deps.logger.warn({ cause: error.cause }, 'sign-in failed');
      await sendAnswer(context, {
        kind: 'problem',
        ...renderProblem({
          title: 'Sign-in did not complete',
          whatHappened: 'I could not get a sign-in token from Microsoft Entra ID for you, so I cannot read provisioning data yet.',
          tryThis: ['Ask your question again and complete the sign-in.', 'If it keeps failing, ask an administrator to check the bot’s OAuth connection and admin consent.'],
        }),
      });
    });
  }
  registerCardActions(app, { ...deps, adapter });
  app.conversationUpdate('membersAdded', onMembersAdded(deps));
  app.conversationUpdate('membersRemoved', onMembersRemoved(deps));
  app.activity('installationUpdate', onInstallationUpdate(deps));
  app.activity(ActivityTypes.Message, onMessage(deps));
  app.error(async (context, error) => {
    const incidentId = context.activity.id ?? 'unknown';
    deps.logger.error({ err: error, incidentId }, 'turn failed');
    if (context.activity.type === ActivityTypes.Message) {
      await sendAnswer(context, { kind: 'problem', ...renderProblem(problemFromError(error, incidentId)) });
    }
  });
  return app;
}
