// Loads the Adaptive Card templates in adaptive-cards/ and binds them to view data. User text only ever
// reaches a card as data bound by `${...}` in a template, never as part of a template, so it renders literally.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { ActionButton } from '../domain/remediationViews';
import { deepFreeze } from '../domain/deepFreeze';
import type { Fact } from '../domain/types';
import { clip } from '../domain/text';
import { localizeTimes, type TimeZoneOptions } from '../diagnose/time';
import { breakable } from './look';

/** Teams rejects a message whose card is larger than about 28 KB. */
export const MAX_CARD_BYTES = 28 * 1024;

export type TemplateName = 'diagnosis' | 'choice' | 'problem' | 'help' | 'confirmation' | 'outcome' | 'audit' | 'not-understood' | 'history' | 'mapping' | 'list' | 'alert-group' | 'digest';

export type AdaptiveCard = Record<string, unknown>;

/** What every render function returns: the card, and a text summary for clients that show no cards. */
export interface Rendered {
  card: AdaptiveCard;
  text: string;
}

// Two levels up from src/render (vitest), three from dist/src/render (after tsc).
const TEMPLATE_DIRS = [resolve(__dirname, '../../adaptive-cards'), resolve(__dirname, '../../../adaptive-cards')];

const templates = new Map<TemplateName, ACData.Template>();

function template(name: TemplateName): ACData.Template {
  let loaded = templates.get(name);
  if (!loaded) {
    const file = TEMPLATE_DIRS.map((dir) => resolve(dir, `${name}.json`)).find((f) => existsSync(f));
    if (!file) throw new Error(`Card template ${name}.json not found in ${TEMPLATE_DIRS.join(' or ')}`);
    loaded = new ACData.Template(JSON.parse(readFileSync(file, 'utf8')));
    templates.set(name, loaded);
  }
  return loaded;
}

export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/**
 * Cards bound lately, by template and view data. Binding is most of a turn's rendering and a quarter of what
 * a Graph question allocates; the same answer is often given again within minutes (several admins during one
 * incident, a question asked twice, an alert redrawn). A card is plain data and is never changed once bound
 * (it is frozen), so one bound card serves every identical view.
 */
const BOUND_CARDS = 100;
const bound = new Map<string, { card: AdaptiveCard; bytes: number }>();

function bind(name: TemplateName, view: object): { card: AdaptiveCard; bytes: number } {
  const key = `${name}\u0000${JSON.stringify(view)}`;
  let entry = bound.get(key);
  if (entry) {
    bound.delete(key); // most recently used last
  } else {
    const card = deepFreeze(template(name).expand({ $root: view }) as AdaptiveCard);
    entry = { card, bytes: cardBytes(card) };
    // A card too large to send is only a step towards a leaner one: not worth a place.
    if (entry.bytes > MAX_CARD_BYTES) return entry;
    if (bound.size >= BOUND_CARDS) bound.delete(bound.keys().next().value!);
  }
  bound.set(key, entry);
  return entry;
}

/** Binds a template to view data. */
export function expandCard(name: TemplateName, view: object): AdaptiveCard {
  return bind(name, view).card;
}

/**
 * Binds the first of `views` (richest first, each a leaner version of the one before) whose card fits in
 * MAX_CARD_BYTES. Callers make their last view bounded whatever the input, so running out of views is a bug.
 */
export function expandFitting(name: TemplateName, views: Iterable<object>): AdaptiveCard {
  let smallest = Infinity;
  for (const view of views) {
    const { card, bytes } = bind(name, view);
    if (bytes <= MAX_CARD_BYTES) return card;
    smallest = Math.min(smallest, bytes);
  }
  throw new Error(`The ${name} card does not fit in ${MAX_CARD_BYTES} bytes even at its leanest (${smallest} bytes)`);
}

/** A value as display text: '' for missing values, so the template never meets an unbound field. */
export function str(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** The non-empty texts of a list that may hold anything (views come from code, but are checked anyway). */
export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(str).filter((s) => s !== '') : [];
}

export { clip };

/** The first `max` items, and a "+N more …" line for the rest ('' when nothing was left out). */
export function firstOf<T>(items: readonly T[], max: number, what: string): { shown: T[]; more: string } {
  const hidden = items.length - max;
  return { shown: items.slice(0, max), more: hidden > 0 ? `+${hidden} more ${what}` : '' };
}

/** A numbered list, as a template binds it: the first `max` steps numbered for the "1." column, and what was left out. */
export function numberedList(steps: readonly string[], max: number, maxChars: number) {
  const { shown, more } = firstOf(steps, max, 'steps not shown');
  const items = shown.map((text, i) => ({ number: `${i + 1}.`, text: breakable(clip(text, maxChars)) }));
  return { has: items.length > 0, items, hasMore: more !== '', more };
}

/**
 * FactSet values render Teams' markdown, and they carry Graph data (error messages, names) that anyone who
 * can name a user or make a target system answer can shape: brackets are escaped so they never form a link.
 */
export function noMarkdownLinks(text: string): string {
  return text.replace(/[[\]]/g, (c) => `\\${c}`);
}

/** Text with its "YYYY-MM-DD HH:MM UTC" times in the admin's zone, UTC alongside. */
export const localText = (value: unknown, time: TimeZoneOptions = {}): string => localizeTimes(str(value), time.timeZone, time.locale);

/**
 * The first `max` facts as FactSet rows, times in the admin's zone, clipped, with a last row saying how many
 * were left out.
 */
export function factRows(value: unknown, max: number, maxChars: number, time: TimeZoneOptions = {}): Array<{ label: string; value: string }> {
  const all = Array.isArray(value) ? (value as Array<Partial<Fact> | null | undefined>) : [];
  const { shown, more } = firstOf(all, max, 'facts not shown');
  const rows = shown.map((f) => ({ label: clip(str(f?.label), 100), value: noMarkdownLinks(clip(localText(f?.value, time), maxChars)) }));
  return more ? [...rows, { label: '', value: more }] : rows;
}

/** factRows as a template's label/value runs bind them: "Label: " and a value long words can wrap in. */
export const factRuns = (value: unknown, max: number, maxChars: number, time: TimeZoneOptions = {}): Array<{ label: string; value: string }> =>
  factRows(value, max, maxChars, time).map((f) => ({ label: f.label ? `${f.label}: ` : '', value: breakable(f.value) }));

export type ButtonStyle = 'positive' | 'destructive' | 'default';

/** An Action.Execute's bound fields: verb and data untouched, since the bot matches the click on them. */
export interface ExecuteButton {
  title: string;
  verb: string;
  data: Record<string, unknown>;
  style: ButtonStyle;
}

/** The buttons that can be clicked (a button without a verb would come back as a click nobody handles). */
export function executeButtons(value: unknown, fallbackStyle: ButtonStyle = 'default'): ExecuteButton[] {
  const all = Array.isArray(value) ? (value as Array<Partial<ActionButton> | null | undefined>) : [];
  return all
    .filter((b) => str(b?.verb) !== '')
    .map((b) => ({
      title: clip(str(b?.title), 80) || 'Continue',
      verb: str(b?.verb),
      data: { ...b?.data },
      style: b?.style === 'positive' || b?.style === 'destructive' ? b.style : fallbackStyle,
    }));
}

/**
 * The first `max` buttons, and a note when some were left out. A card drops buttons only when their data is too
 * large to fit (or there are too many to read), and then says so rather than leaving the admin guessing.
 */
export function fittingButtons(buttons: readonly ExecuteButton[], max: number): { shown: ExecuteButton[]; hasNote: boolean; note: string } {
  const shown = buttons.slice(0, max);
  const hidden = buttons.length - shown.length;
  const note =
    hidden === 0 ? '' : shown.length === 0 ? 'The buttons are too large for a Teams card, so they are left out.' : `+${hidden} more ${hidden === 1 ? 'option' : 'options'} not shown`;
  return { shown, hasNote: note !== '', note };
}
