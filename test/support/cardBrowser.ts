// Draws cards the way a Teams client does: the official Adaptive Cards renderer (npm `adaptivecards`) with a
// Teams host config, in headless Chromium (Debian's `chromium`, driven by playwright-core), at a given width.
// Measures what a person would notice: content past the card edge or cut off, the card's height, text contrast.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Card } from './testBot';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const THEMES = ['light', 'dark', 'high-contrast'] as const;
export type Theme = (typeof THEMES)[number];

export const hostConfig = (theme: Theme): Record<string, unknown> =>
  JSON.parse(readFileSync(join(__dirname, 'teamsHostConfigs', `${theme}.json`), 'utf8'));

export interface Drawn {
  /** Height of the drawn card in CSS pixels. */
  height: number;
  /** Elements whose box reaches past the card's edge, or whose text is cut off (a few words of each). */
  overflow: string[];
  /** Texts below 4.5:1 against what is behind them. */
  lowContrast: Array<{ text: string; ratio: number; color: string; background: string }>;
  /** What the renderer reported while reading the card (unknown types, values it ignored). */
  parseEvents: Array<{ event: string; message: string }>;
  /** Every text the renderer put on the card, shown or behind a toggle (zero-width spaces removed). */
  text: string;
}

// Runs in the page: a fresh card each time, so one page serves every card, width and theme.
function drawInPage(args: { card: unknown; width: number; hostConfig: Record<string, unknown> }): Drawn {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const AC = (globalThis as any).AdaptiveCards;
  const host = document.getElementById('host')!;
  host.innerHTML = '';
  host.style.width = `${args.width}px`;
  const styles = (args.hostConfig.containerStyles ?? {}) as Record<string, { backgroundColor?: string }>;
  const page = AC.stringToCssColor(styles.default?.backgroundColor ?? '#ffffff');
  document.body.style.background = page;

  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig(args.hostConfig);
  card.parse(args.card, context);
  const parseEvents: Drawn['parseEvents'] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    parseEvents.push({ event: AC.ValidationEvent[e.event] ?? String(e.event), message: e.message });
  }
  const root = card.render() as HTMLElement;
  host.appendChild(root);

  const edge = host.getBoundingClientRect();
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const words = (el: Element) => (el.textContent ?? '').trim().slice(0, 60);
  const overflow: string[] = [];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.right > edge.right + 1 || r.left < edge.left - 1) overflow.push(`past the edge: ${el.tagName} “${words(el)}”`);
    const s = getComputedStyle(el);
    if (s.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1 && (el.textContent ?? '').trim() !== '')
      overflow.push(`cut off: ${el.tagName} “${words(el)}”`);
  }

  const rgba = (css: string): [number, number, number, number] => {
    const m = css.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(',').map((x) => parseFloat(x));
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top: number[], under: number[]) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3]));
  const backgroundOf = (el: Element | null): number[] => {
    const layers: number[][] = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let base = rgba(page).slice(0, 3);
    for (const layer of layers.reverse()) base = over(layer, [...base, 1]);
    return base;
  };
  const luminance = (c: number[]) => {
    const [r, g, b] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const lowContrast: Drawn['lowContrast'] = [];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    if (!ownText || !visible(el) || el.closest('button')) continue;
    const bg = backgroundOf(el);
    const fg = over(rgba(getComputedStyle(el).color), [...bg, 1]);
    const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5)
      lowContrast.push({ text: words(el), ratio: Math.round(ratio * 100) / 100, color: `rgb(${fg.map(Math.round)})`, background: `rgb(${bg.map(Math.round)})` });
  }
  const text = (root.textContent ?? '').replace(/\u200B/g, '');
  return { height: Math.round(root.getBoundingClientRect().height), overflow, lowContrast, parseEvents, text };
}

export interface CardBrowser {
  draw(card: Card, width: number, theme: Theme): Promise<Drawn>;
  /** Each card drawn in turn as `draw` does, in one round trip to the page. */
  drawAll(cards: Card[], width: number, theme: Theme): Promise<Drawn[]>;
  /**
   * What a person copies from each text of the card as last drawn, after opening its "Details": the text is
   * selected as a mouse would and read back as the clipboard gets it.
   */
  copiedTexts(): Promise<string[]>;
  /** A PNG of the card as last drawn. */
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

const LAUNCH_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function openCardBrowser(): Promise<CardBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the card rendering tests need it. ` +
        'Install it with `apt-get install -y --no-install-recommends chromium` (as .ci/run does), or set CHROMIUM_PATH.',
    );
  }
  // playwright-core gives every launch a fresh, temporary user data directory.
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_FLAGS });
  const page: Page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  const renderer = require.resolve('adaptivecards/dist/adaptivecards.min.js');
  await page.setContent('<!doctype html><html><body style="margin:0;padding:8px"><div id="host"></div></body></html>');
  await page.addStyleTag({ path: require.resolve('adaptivecards/dist/adaptivecards.css') });
  await page.addScriptTag({ path: renderer });
  // The page keeps the drawing function, so that many cards can be drawn in one call.
  await page.addScriptTag({ content: `globalThis.drawCard = ${drawInPage.toString()};` });
  type InPage = typeof globalThis & { drawCard: typeof drawInPage };
  return {
    draw: (card, width, theme) => page.evaluate((args) => (globalThis as InPage).drawCard(args), { card, width, hostConfig: hostConfig(theme) }),
    drawAll: (cards, width, theme) =>
      page.evaluate(({ cards, width, hostConfig }) => cards.map((card) => (globalThis as InPage).drawCard({ card, width, hostConfig })), { cards, width, hostConfig: hostConfig(theme) }),
    copiedTexts: async () => {
      for (const details of await page.getByRole('button', { name: 'Details' }).all()) await details.click();
      return page.evaluate(() =>
        Array.from(document.querySelectorAll('#host .ac-textBlock, #host .ac-richTextBlock')).map((el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          const selection = window.getSelection()!;
          selection.removeAllRanges();
          selection.addRange(range);
          return selection.toString();
        }),
      );
    },
    screenshot: async (path) => {
      await page.locator('#host').screenshot({ path });
    },
    close: () => browser.close(),
  };
}
