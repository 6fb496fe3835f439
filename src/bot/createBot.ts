// The teams-ai Application: routes only. Everything it does is in small listeners over the domain.
import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes } from 'botbuilder';
import { CHOOSE_VERB } from '../answer/answerQuestion';
import { explainError } from '../answer/explainError';
import { renderProblem } from '../render';
import { sendAnswer } from './sendAnswer';
import { REMEDY_VERBS } from '../domain/types';
import { CANCEL_VERB } from '../remediation/remediate';
import { onAsk, onChoose, onMembersAdded, onMessage } from './listeners';
import { onRemedy, onUnknownVerb, type RemedyDeps } from './remedyListener';

export function createBot(adapter: TeamsAdapter, deps: Omit<RemedyDeps, 'adapter'>): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    removeRecipientMention: true,
    // The shared typing timer of teams-ai 1.7 leaks across concurrent turns: typing is sent per turn instead.
    startTypingTimer: false,
    longRunningMessages: false,
  });
  app.adaptiveCards.actionExecute(CHOOSE_VERB, onChoose(deps));
  app.adaptiveCards.actionExecute('ask', onAsk(deps));
  app.adaptiveCards.actionExecute([...REMEDY_VERBS, CANCEL_VERB], onRemedy({ ...deps, adapter }));
  // Registered last: routes match in order, so this only sees verbs nobody else handles.
  app.adaptiveCards.actionExecute(/.*/, onUnknownVerb(deps));
  app.conversationUpdate('membersAdded', onMembersAdded);
  app.activity(ActivityTypes.Message, onMessage(deps));
  app.error(async (context, error) => {
    const incidentId = context.activity.id ?? 'unknown';
    deps.logger.error({ err: error, incidentId }, 'turn failed');
    if (context.activity.type === ActivityTypes.Message) {
      await sendAnswer(context, { kind: 'problem', ...renderProblem(explainError(error, incidentId)) });
    }
  });
  return app;
}
