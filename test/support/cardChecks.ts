// Checks on a card's JSON that a person would notice: two buttons that say or do the same thing, and
// elements a Teams client cannot draw (read by the official renderer as Adaptive Cards 1.5).
import type { Drawn } from './cardBrowser';
import type { Card } from './testBot';

type Node = Record<string, unknown>;

function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Node);
    for (const [key, value] of Object.entries(node)) if (key !== 'data') walk(value, visit);
  }
}

/** Teams' own elements beyond Adaptive Cards 1.5; each must carry a `fallback` for hosts that lack it. */
export const TEAMS_EXTENSIONS = new Set(['Badge', 'Icon', 'ProgressBar', 'ProgressRing', 'Chart.Donut', 'Chart.Pie', 'Chart.VerticalBar', 'Chart.HorizontalBar', 'Chart.Line', 'Chart.Gauge']);

/** Buttons with the same title, or the same target (verb and data, or URL), on one card. */
export function duplicateActions(card: Card): string[] {
  const titles = new Map<string, number>();
  const targets = new Map<string, number>();
  walk(card, (n) => {
    if (typeof n.type !== 'string' || !n.type.startsWith('Action.')) return;
    const title = String(n.title ?? '').trim().toLowerCase();
    titles.set(title, (titles.get(title) ?? 0) + 1);
    const target =
      n.type === 'Action.OpenUrl' ? `url ${String(n.url)}`
      : n.type === 'Action.Execute' ? `execute ${String(n.verb)} ${JSON.stringify(n.data ?? {})}`
      : n.type === 'Action.Submit' ? `submit ${JSON.stringify(n.data ?? {})}`
      : n.type === 'Action.ToggleVisibility' ? `toggle ${JSON.stringify(n.targetElements)}`
      : `${n.type} ${title}`;
    targets.set(target, (targets.get(target) ?? 0) + 1);
  });
  return [
    ...[...titles].filter(([, n]) => n > 1).map(([t]) => `two buttons titled “${t}”`),
    ...[...targets].filter(([, n]) => n > 1).map(([t]) => `two buttons that do ${t.slice(0, 120)}`),
  ];
}

/** The texts of an element as a person reads them (TextBlocks, TextRuns, facts), without zero-width spaces. */
function textsOf(node: unknown): string[] {
  const out: string[] = [];
  walk(node, (n) => {
    if ((n.type === 'TextBlock' || n.type === 'TextRun') && typeof n.text === 'string') out.push(n.text);
    if (n.type === 'FactSet' && Array.isArray(n.facts)) for (const f of n.facts as Node[]) out.push(String(f.title ?? ''), String(f.value ?? ''));
  });
  return out.map((t) => t.replace(/\u200B/g, '').trim()).filter((t) => t !== '');
}

/**
 * Teams extensions the official renderer does not know (Chart.*, Badge, ProgressBar…) must show their fallback
 * there, as on any host without them: each text of each fallback has to be on the drawn card.
 */
export function missingFallbacks(card: Card, drawn: Drawn): string[] {
  const missing: string[] = [];
  const squash = (t: string) => t.replace(/\s+/g, ' ');
  const shown = squash(drawn.text);
  walk(card, (n) => {
    if (typeof n.type !== 'string' || !TEAMS_EXTENSIONS.has(n.type) || !n.fallback) return;
    for (const t of textsOf(n.fallback)) if (!shown.includes(squash(t))) missing.push(`${n.type}'s fallback is not drawn: “${t.slice(0, 60)}”`);
  });
  return missing;
}

/** Teams extensions without a fallback, and whatever else the official renderer could not read as 1.5. */
export function schemaProblems(card: Card, drawn: Drawn): string[] {
  const problems: string[] = [];
  if (card.type !== 'AdaptiveCard' || card.version !== '1.5') problems.push('not an Adaptive Card 1.5');
  walk(card, (n) => {
    if (typeof n.type === 'string' && TEAMS_EXTENSIONS.has(n.type) && !n.fallback) problems.push(`${n.type} without a fallback`);
  });
  const extension = /Unknown element type "?([\w.]+)"?/i;
  for (const e of drawn.parseEvents) {
    const unknown = e.message.match(extension)?.[1];
    if (unknown && TEAMS_EXTENSIONS.has(unknown)) continue;
    problems.push(`${e.event}: ${e.message}`);
  }
  return problems;
}
