// "I didn't understand": one line saying so, then the closest questions the bot can answer, as buttons that
// ask them (the help card's `ask` verb). User text reaches the card only as bound data.
import { clip, expandFitting, type Rendered } from './template';

export interface NotUnderstood {
  /** What was typed, quoted back (clipped) so the admin sees what the bot read. */
  typed: string;
  /** Two or three questions that work here, closest first. */
  suggestions: string[];
}

const MAX_SUGGESTIONS = 3;

export function renderNotUnderstood(n: NotUnderstood): Rendered {
  const typed = clip(String(n.typed ?? '').replace(/\s+/g, ' ').trim(), 120);
  const line = typed ? `I didn't understand “${typed}”.` : "I didn't understand that.";
  const suggestions = (Array.isArray(n.suggestions) ? n.suggestions : []).slice(0, MAX_SUGGESTIONS).map((s) => clip(String(s), 200));
  const view = { line, hasSuggestions: suggestions.length > 0, suggestions: suggestions.map((text) => ({ title: text, data: { text } })) };
  return { card: expandFitting('not-understood', [view]), text: [line, ...suggestions.map((s) => `• ${s}`)].join('\n') };
}
