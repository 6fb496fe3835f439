// "Clear quarantine for ServiceNow?": what will happen, the impact, any warning, then Confirm / Cancel / others.
import type { ConfirmationView } from '../domain/remediationViews';
import type { TimeZoneOptions } from '../diagnose/time';
import { breakable } from './look';
import {
  clip,
  executeButtons,
  expandFitting,
  factRows,
  firstOf,
  fittingButtons,
  localText,
  numbered,
  str,
  strings,
  type Rendered,
} from './template';

interface Limits {
  steps: number;
  facts: number;
  /** Confirm and Cancel come first, so they are the last to go. */
  buttons: number;
  chars: number;
}

// Richest first; the last has no buttons and bounded text, so it fits whatever the view holds.
const LEVELS: Limits[] = [
  { steps: 10, facts: 12, buttons: 6, chars: 1000 },
  { steps: 5, facts: 6, buttons: 4, chars: 300 },
  { steps: 3, facts: 3, buttons: 2, chars: 120 },
  { steps: 3, facts: 3, buttons: 0, chars: 120 },
];

const TEXT_CHARS = 600;


/**
 * The safe choice is the primary one: when the card warns and offers another way ("Test connection first"),
 * that way comes first and filled, and Confirm is a plain button; otherwise Confirm is primary.
 * Confirm and Cancel stay next, so they survive when a card has to drop buttons.
 */
function allButtons(v: ConfirmationView) {
  const alternatives = executeButtons(v.alternatives);
  const saferFirst = str(v.warning) !== '' && alternatives.length > 0;
  const confirm = executeButtons([v.confirm], 'positive').map((b) => (saferFirst && b.style === 'positive' ? { ...b, style: 'default' as const } : b));
  const cancel = executeButtons([v.cancel]);
  if (!saferFirst) return [...confirm, ...cancel, ...alternatives];
  const [safer, ...rest] = alternatives;
  return [{ ...safer, style: 'positive' as const }, ...confirm, ...cancel, ...rest];
}

function confirmationView(v: ConfirmationView, limits: Limits, time: TimeZoneOptions) {
  const steps = firstOf(strings(v.whatHappens).map((s) => localText(s, time)), limits.steps, 'steps not shown');
  const impact = factRows(v.impact, limits.facts, limits.chars, time);
  const buttons = fittingButtons(allButtons(v), limits.buttons);
  const subject = clip(str(v.subject), limits.chars);
  const warning = clip(localText(v.warning, time), limits.chars * 2);
  return {
    title: breakable(clip(str(v.title), limits.chars) || 'Confirm this change?'),
    hasSubject: subject !== '',
    subject: breakable(subject),
    hasSteps: steps.shown.length > 0,
    steps: numbered(steps.shown, limits.chars).map((s) => ({ number: s.number, text: breakable(s.text) })),
    hasStepsMore: steps.more !== '',
    stepsMore: steps.more,
    impact: impact.map((f) => ({ label: f.label ? `${f.label}: ` : '', value: breakable(f.value) })),
    hasWarning: warning !== '',
    warning: breakable(warning),
    buttons: buttons.shown,
    hasButtonsNote: buttons.note !== '',
    buttonsNote: buttons.note,
  };
}

function confirmationText(v: ConfirmationView): string {
  const warning = clip(str(v.warning), TEXT_CHARS);
  return [
    clip(str(v.title), TEXT_CHARS) || 'Confirm this change?',
    clip(strings(v.whatHappens)[0] ?? '', TEXT_CHARS),
    warning && `Warning: ${warning}`,
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** `time`: the admin's zone; the card's times are shown in it, UTC alongside. */
export function renderConfirmation(v: ConfirmationView, time: TimeZoneOptions = {}): Rendered {
  const views = LEVELS.map((limits) => confirmationView(v, limits, time));
  return { card: expandFitting('confirmation', views), text: confirmationText(v) };
}
