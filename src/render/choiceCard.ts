// "Which one did you mean?": one button per candidate; a click continues the same question with that choice.
import { breakable } from './look';
import { renderFitting, richest, type Limits } from './levels';
import { clip, firstOf, str, type Rendered } from './template';

export interface ChoiceOption {
  title: string;
  subtitle?: string;
  /** Sent back verbatim on click (the bot puts the original question in it). */
  data: Record<string, unknown>;
}

export interface ChoiceQuestion {
  prompt: string;
  options: ChoiceOption[];
  /** The Action.Execute verb of every option button. */
  verb: string;
}

/** More buttons than this is a list nobody reads: the admin is asked to refine the name instead. */
export const MAX_CHOICES = richest('choice').buttons;

function moreNote(total: number, shown: number): string {
  if (total === 0) return 'Nothing matched. Try a different or longer name.';
  const hidden = total - shown;
  return hidden > 0 ? `+${hidden} more matches not shown. Refine the name to narrow them down.` : '';
}

function choiceView(q: ChoiceQuestion, options: readonly ChoiceOption[], limits: Limits<'choice'>) {
  const shown = options.slice(0, limits.buttons);
  const note = moreNote(options.length, shown.length);
  const prompt = clip(str(q.prompt), 1000);
  return {
    hasPrompt: prompt !== '',
    prompt: breakable(prompt),
    options: shown.map((o) => {
      const subtitle = clip(str(o?.subtitle), 300);
      return {
        title: clip(str(o?.title), 120) || 'Unnamed',
        hasSubtitle: subtitle !== '',
        subtitle: breakable(subtitle),
        verb: str(q.verb),
        data: { ...o?.data },
      };
    }),
    hasNote: note !== '',
    note,
  };
}

function choiceText(q: ChoiceQuestion, options: readonly ChoiceOption[]): string {
  const { shown, more } = firstOf(options, MAX_CHOICES, 'matches not shown: refine the name');
  const lines = shown.map((o, i) => {
    const subtitle = str(o?.subtitle);
    return `${i + 1}. ${clip(str(o?.title), 120)}${subtitle ? ` (${clip(subtitle, 120)})` : ''}`;
  });
  const empty = options.length === 0 ? moreNote(0, 0) : '';
  return ['Which one did you mean?', clip(str(q.prompt), 1000), ...lines, more, empty]
    .filter((line) => line !== '')
    .join('\n');
}

export function renderChoice(q: ChoiceQuestion): Rendered {
  const options = Array.isArray(q.options) ? q.options : [];
  return { card: renderFitting('choice', (limits) => choiceView(q, options, limits)), text: choiceText(q, options) };
}
