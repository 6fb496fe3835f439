// Every question gets a reply within the reply deadline (Teams stops waiting at about 15 s): the answer, or a
// "working…" card that is replaced in place when the answer is ready. The question's Graph work runs in its
// own scope (src/graph/questionScope), so the gateway starts no request and waits for no retry past the work
// deadline, and the answer carries the notes the gateway left (a list it stopped reading early).
import { ActivityTypes, CardFactory, TurnContext } from 'botbuilder';
import type { Answer } from '../answer/answerQuestion';
import { withinQuestion } from '../graph/questionScope';
import type { Logger } from '../log';
import { renderOutcome, type Rendered } from '../render';
import { within } from '../within';

export interface Deadlines {
  /** The admin sees a reply within this. */
  replyMs: number;
  /** Graph work of one question or button stops here. */
  workMs: number;
}

/** Defaults for callers that set none (tests of other parts): within Teams' patience. */
export const DEFAULT_DEADLINES: Deadlines = { replyMs: 10_000, workMs: 60_000 };

/** The admin's notes from the gateway under the answer, as plain text (no markdown from Graph data). */
export function withNotes<T extends Rendered>(rendered: T, notes: readonly string[]): T {
  if (notes.length === 0) return rendered;
  const card = rendered.card as { body?: unknown[] };
  const body = [...(Array.isArray(card.body) ? card.body : []), ...notes.map((note) => ({ type: 'TextBlock', text: note, wrap: true, isSubtle: true, size: 'Small' }))];
  return { ...rendered, card: { ...card, body } as Rendered['card'], text: `${rendered.text}\n${notes.join('\n')}` };
}

/** Who is asking, for the log budget's fairness and the log cache. */
export function askerOf(context: TurnContext): string {
  return context.activity.from?.aadObjectId ?? context.activity.from?.id ?? '';
}

/** Runs work as one question in its scope, with the gateway's notes added to its answer. */
export function asQuestion<T extends Rendered>(context: TurnContext, deadlines: Deadlines, work: () => Promise<T>): Promise<T> {
  return withinQuestion({ deadlineMs: deadlines.workMs, user: askerOf(context) }, async (scope) => withNotes(await work(), scope.notes));
}

function working(): Rendered {
  return renderOutcome({
    status: 'working',
    title: 'Working on it…',
    summary: 'Microsoft Graph is taking a while. This card is replaced by the answer when it is ready.',
    facts: [],
  });
}

/**
 * The answer if it is ready within the reply deadline. Otherwise a "working…" card is sent now and updated
 * with the answer later, and undefined is returned (the turn has replied).
 */
export async function answerInTime(context: TurnContext, deadlines: Deadlines, botAppId: string, logger: Logger, work: () => Promise<Answer>): Promise<Answer | undefined> {
  const answer = asQuestion(context, deadlines, work);
  // "working…" leaves early enough to be out before the deadline on a busy machine.
  const first = await within(answer, deadlines.replyMs - Math.min(1500, deadlines.replyMs / 4));
  if (first) return first;
  const placeholder = working();
  const sent = await context.sendActivity({ type: ActivityTypes.Message, summary: placeholder.text, attachments: [CardFactory.adaptiveCard(placeholder.card)] });
  const reference = TurnContext.getConversationReference(context.activity);
  // The turn's context is revoked when the turn ends: keep the adapter, not the context.
  const adapter = context.adapter;
  void answer
    .then(async (final) => {
      if (!sent?.id) return;
      await adapter.continueConversationAsync(botAppId, reference, (later) =>
        later.updateActivity({ type: ActivityTypes.Message, id: sent.id, summary: final.text, attachments: [CardFactory.adaptiveCard(final.card)] }).then(() => undefined),
      );
    })
    .catch((error) => logger.error({ err: error }, 'could not deliver the late answer'));
  return undefined;
}
