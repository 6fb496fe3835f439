// Text helpers shared by the domain and the cards.

/** Shortens text to `max` characters, marking the cut with an ellipsis (never splitting a surrogate pair); '' for none. */
export function clip(text: string | null | undefined, max: number): string {
  if (!text) return '';
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
