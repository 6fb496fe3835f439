// Reading cards the way a person reads them: every visible text, every fact, every button.
import type { Activity, Card } from './testBot';

export interface CardButton {
  type: string;
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
  url?: string;
}

function walk(node: unknown, visit: (n: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}

/** All text a user can see on the card, in order, joined by newlines. */
export function cardText(card: Card): string {
  const out: string[] = [];
  walk(card, (n) => {
    // A fact row (a bold "Label: " run and its value) reads like a FactSet's fact: "Label value".
    const runs = n.type === 'RichTextBlock' && Array.isArray(n.inlines) ? (n.inlines as Array<Record<string, unknown>>) : [];
    const label = runs.length === 2 && runs[0].weight === 'Bolder' ? String(runs[0].text) : '';
    if (label.endsWith(': ')) out.push(`${label.slice(0, -2)} ${String(runs[1].text)}`);
    if (n.type === 'TextBlock' && typeof n.text === 'string') out.push(n.text);
    if (n.type === 'RichTextBlock' && !label.endsWith(': ')) out.push(runs.map((r) => String(r.text)).join(''));
    if (typeof n.title === 'string' && typeof n.value === 'string' && !n.type) out.push(`${n.title} ${n.value}`);
    if (typeof n.type === 'string' && n.type.startsWith('Action.') && typeof n.title === 'string') out.push(`[${n.title}]`);
  });
  // Without the zero-width break points that let long values wrap: a person does not see them.
  return out.join('\n').replace(/\u200B/g, '');
}

export function cardButtons(card: Card): CardButton[] {
  const out: CardButton[] = [];
  walk(card, (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Action.')) out.push(n as unknown as CardButton);
  });
  return out;
}

/** The message replies that carry a card (typing indicators and the like left out). */
export function cardsOf(replies: Activity[]): Card[] {
  return replies
    .filter((a) => a.type === 'message')
    .flatMap((a) => a.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content);
}

export function onlyCard(replies: Activity[]): Card {
  const cards = cardsOf(replies);
  if (cards.length !== 1) throw new Error(`expected one card, got ${cards.length}: ${JSON.stringify(replies).slice(0, 500)}`);
  return cards[0];
}
