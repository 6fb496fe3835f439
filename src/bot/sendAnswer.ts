// How an answer goes out: the card, with a one-line text for clients that show no cards.
import { CardFactory, type TurnContext } from 'botbuilder';
import type { Answer } from '../answer/answerQuestion';

export async function sendAnswer(context: TurnContext, answer: Answer): Promise<void> {
  await context.sendActivity({
    type: 'message',
    text: answer.text,
    summary: answer.text,
    attachments: [CardFactory.adaptiveCard(answer.card)],
  });
}
