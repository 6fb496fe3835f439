// "Clear quarantine for ServiceNow?": what will happen, the impact, any warning, then Confirm / Cancel / others.
import type { ConfirmationView } from '../domain/remediationViews';
import type { TimeZoneOptions } from '../diagnose/time';
import { breakable } from './look';
import { renderFitting, type Limits } from './levels';
import { clip, executeButtons, factRuns, fittingButtons, localText, numberedList, str, strings, type Rendered } from './template';

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

function confirmationView(v: ConfirmationView, limits: Limits<'confirmation'>, time: TimeZoneOptions) {
  const subject = clip(str(v.subject), limits.chars);
  const warning = clip(localText(v.warning, time), limits.chars * 2);
  return {
    title: breakable(clip(str(v.title), limits.chars) || 'Confirm this change?'),
    hasSubject: subject !== '',
    subject: breakable(subject),
    steps: numberedList(strings(v.whatHappens).map((s) => localText(s, time)), limits.steps, limits.chars),
    impact: factRuns(v.impact, limits.facts, limits.chars, time),
    hasWarning: warning !== '',
    warning: breakable(warning),
    buttons: fittingButtons(allButtons(v), limits.buttons),
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
  return { card: renderFitting('confirmation', (limits) => confirmationView(v, limits, time)), text: confirmationText(v) };
}
