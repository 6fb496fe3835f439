// Every card button in one table: its Action.Execute verb → the zod schema of the data it carries → the
// listener that answers it, and whether it reads Graph (so it needs the admin signed in). Card data comes back
// from a client and is untrusted: a payload that does not match its schema, and a verb that is not here, get
// a card that says so, with no Graph call, never an exception or teams-ai's bare 501.
import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { MUTE_VERB } from '../alerts/alertCard';
import { CHOOSE_VERB } from '../answer/answerQuestion';
import { questionSchema } from '../answer/question';
import { REMEDY_VERBS } from '../domain/types';
import { isGuid } from '../graph/odataText';
import { CANCEL_VERB, remedySchema } from '../remediation/remedyRequest';
import { asksGraph, invalidInput, invokeCard, onAsk, onChoose, onMute, type MuteData } from './listeners';
import { onRemedy, type RemedyDeps } from './remedyListener';

export interface CardAction<T> {
  /** Validates and normalises the button's data; the first issue's message is what the admin reads. */
  schema: z.ZodType<T, z.ZodTypeDef, unknown>;
  /** Shown instead of the schema's own message when the data does not match. */
  malformed?: string;
  /** Whether answering it reads Graph: sign-in asks for a token first (bot/signIn.ts). */
  needsGraph(payload: T): boolean;
  listener(deps: RemedyDeps): (context: TurnContext, state: TurnState, payload: T) => Promise<AdaptiveCard>;
}

/** Checks each entry's schema against its listener, then lets the table hold them side by side. */
const action = <T>(entry: CardAction<T>) => entry as unknown as CardAction<unknown>;

const askSchema = z.object({ text: z.string().transform((t) => t.slice(0, 2_000)) });

const muteSchema: z.ZodType<MuteData, z.ZodTypeDef, unknown> = z.object({
  spId: z.string().refine(isGuid),
  appName: z.string().transform((n) => n.slice(0, 200)).optional(),
  hours: z.coerce.number().gt(0).max(24 * 30),
});

const remedy = (verb: string) =>
  action({
    schema: remedySchema(verb),
    needsGraph: () => verb !== CANCEL_VERB,
    listener: onRemedy,
  });

/** A Map, so a verb such as "constructor" finds nothing rather than an object's built-in. */
export const CARD_ACTIONS: ReadonlyMap<string, CardAction<unknown>> = new Map([
  [
    CHOOSE_VERB,
    action({
      schema: questionSchema,
      malformed: 'This button carried data I cannot read (the card may be from an older version).',
      needsGraph: () => true,
      listener: onChoose,
    }),
  ],
  ['ask', action({ schema: askSchema, malformed: 'This example button carried no question.', needsGraph: ({ text }) => asksGraph(text), listener: onAsk })],
  [MUTE_VERB, action({ schema: muteSchema, malformed: 'This mute button carried data I cannot read.', needsGraph: () => false, listener: onMute })],
  ...[...REMEDY_VERBS, CANCEL_VERB].map((verb): [string, CardAction<unknown>] => [verb, remedy(verb)]),
]);

const verbOf = (context: TurnContext): unknown => (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;

/** Whether this card click will read Graph; a malformed one reads nothing (its answer is the problem card). */
export function clickNeedsGraph(verb: unknown, data: unknown): boolean {
  const entry = typeof verb === 'string' ? CARD_ACTIONS.get(verb) : undefined;
  const payload = entry?.schema.safeParse(data);
  return !!(entry && payload?.success && entry.needsGraph(payload.data));
}

/** Routes every verb of the table to its listener with validated data, then every other verb to a problem card. */
export function registerCardActions(app: Application<TurnState>, deps: RemedyDeps): void {
  for (const [verb, entry] of CARD_ACTIONS) {
    const listener = entry.listener(deps);
    app.adaptiveCards.actionExecute(verb, async (context, state, data) => {
      const payload = entry.schema.safeParse(data);
      if (payload.success) return listener(context, state, payload.data);
      const problem = entry.malformed ?? payload.error.issues[0]?.message ?? 'This button carried data I cannot read.';
      deps.logger.warn({ verb, problem }, 'malformed card action');
      return invokeCard(invalidInput(problem).card);
    });
  }
  // Registered last: routes match in order, so this sees only verbs the table does not have, strings or not.
  const anyExecute = async (context: TurnContext) =>
    context.activity.name === 'adaptiveCard/action' && (context.activity.value as { action?: { type?: unknown } } | undefined)?.action?.type === 'Action.Execute';
  app.adaptiveCards.actionExecute(anyExecute, async (context) => {
    const verb = String(verbOf(context)).slice(0, 40);
    deps.logger.warn({ verb }, 'unknown card action');
    return invokeCard(invalidInput(`“${verb}” is not an action I know.`).card);
  });
}
