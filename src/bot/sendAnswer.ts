// How an answer goes out: the card, with its text in `summary` — the Bot Framework's field for clients that
// cannot render cards and for notifications. Putting it in `text` too would show it twice above the card.
import { CardFactory, type TurnContext } from 'botbuilder';
import type { Answer } from '../answer/answerQuestion';

export async function sendAnswer(context: TurnContext, answer: Answer): Promise<void> {
  await context.sendActivity({
    type: 'message',
    summary: answer.text,
    attachments: [CardFactory.adaptiveCard(answer.card)],
  });
}
