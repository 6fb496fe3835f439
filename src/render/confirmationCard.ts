// "Clear quarantine for ServiceNow?": what will happen, the impact, any warning, then Confirm / Cancel / others.
import type { ConfirmationView } from '../domain/remediationViews';
import {
  clip,
  executeButtons,
  expandFitting,
  factRows,
  firstOf,
  fittingButtons,
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


function allButtons(v: ConfirmationView) {
  return [
    ...executeButtons([v.confirm], 'positive'),
    ...executeButtons([v.cancel]),
    ...executeButtons(v.alternatives),
  ];
}

function confirmationView(v: ConfirmationView, limits: Limits) {
  const steps = firstOf(strings(v.whatHappens), limits.steps, 'steps not shown');
  const impact = factRows(v.impact, limits.facts, limits.chars);
  const buttons = fittingButtons(allButtons(v), limits.buttons);
  const subject = clip(str(v.subject), limits.chars);
  const warning = clip(str(v.warning), limits.chars * 2);
  return {
    title: clip(str(v.title), limits.chars) || 'Confirm this change?',
    hasSubject: subject !== '',
    subject,
    hasSteps: steps.shown.length > 0,
    steps: numbered(steps.shown, limits.chars),
    hasStepsMore: steps.more !== '',
    stepsMore: steps.more,
    hasImpact: impact.length > 0,
    impact,
    hasWarning: warning !== '',
    warning,
    hasButtons: buttons.shown.length > 0,
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

export function renderConfirmation(v: ConfirmationView): Rendered {
  const views = LEVELS.map((limits) => confirmationView(v, limits));
  return { card: expandFitting('confirmation', views), text: confirmationText(v) };
}
