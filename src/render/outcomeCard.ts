// The result of a click: a coloured status word, what changed (facts, provision-on-demand steps), what to do next.
import type { OutcomeStatus, OutcomeView } from '../domain/remediationViews';
import {
  clip,
  executeButtons,
  expandFitting,
  factRows,
  firstOf,
  fittingButtons,
  str,
  type Rendered,
} from './template';

/** A word and an Adaptive Card text colour. */
export interface StatusLook {
  label: string;
  color: 'Good' | 'Attention' | 'Accent' | 'Warning' | 'Default';
}

const OUTCOME: Record<OutcomeStatus, StatusLook> = {
  succeeded: { label: 'Done', color: 'Good' },
  failed: { label: 'Failed', color: 'Attention' },
  'no-change': { label: 'No change', color: 'Accent' },
  unknown: { label: 'Not confirmed', color: 'Warning' },
  working: { label: 'Working…', color: 'Accent' },
  cancelled: { label: 'Cancelled', color: 'Default' },
  stale: { label: 'Changed meanwhile', color: 'Warning' },
};

// The step statuses of a provision-on-demand result (Graph's provisioningStatusInfo.status).
const STEP: Record<string, StatusLook> = {
  success: { label: 'Success', color: 'Good' },
  skipped: { label: 'Skipped', color: 'Warning' },
  warning: { label: 'Warning', color: 'Warning' },
  failure: { label: 'Failure', color: 'Attention' },
};

/** How an outcome (or an audit record's result) is shown; a value outside the vocabulary is shown as it is. */
export function outcomeLook(status: unknown): StatusLook {
  return typeof status === 'string' && Object.hasOwn(OUTCOME, status)
    ? OUTCOME[status as OutcomeStatus]
    : { label: str(status), color: 'Default' };
}

function stepLook(status: unknown): StatusLook {
  const key = str(status).toLowerCase();
  return Object.hasOwn(STEP, key) ? STEP[key] : { label: str(status), color: 'Default' };
}

interface Limits {
  facts: number;
  steps: number;
  buttons: number;
  chars: number;
}

// Richest first; the last has no buttons and bounded text, so it fits whatever the view holds.
const LEVELS: Limits[] = [
  { facts: 12, steps: 20, buttons: 5, chars: 1000 },
  { facts: 6, steps: 10, buttons: 5, chars: 300 },
  { facts: 3, steps: 5, buttons: 3, chars: 120 },
  { facts: 3, steps: 3, buttons: 0, chars: 120 },
];

const TEXT_ITEMS = 12;
const TEXT_CHARS = 300;

const steps = (v: OutcomeView) => (Array.isArray(v.steps) ? v.steps.filter((s) => s !== undefined && s !== null) : []);

function outcomeView(v: OutcomeView, limits: Limits) {
  const status = outcomeLook(v.status);
  const shownSteps = firstOf(steps(v), limits.steps, 'steps not shown');
  const facts = factRows(v.facts, limits.facts, limits.chars);
  const buttons = fittingButtons(executeButtons(v.next), limits.buttons);
  const summary = clip(str(v.summary), limits.chars * 2);
  return {
    status: { label: status.label || 'Result', color: status.color },
    title: clip(str(v.title), limits.chars),
    hasSummary: summary !== '',
    summary,
    hasFacts: facts.length > 0,
    facts,
    hasSteps: shownSteps.shown.length > 0,
    steps: shownSteps.shown.map((s) => {
      const description = clip(str(s.description), limits.chars);
      const look = stepLook(s.status);
      return {
        name: clip(str(s.name), 200) || 'Step',
        status: { label: clip(look.label, 40), color: look.color },
        hasDescription: description !== '',
        description,
      };
    }),
    hasStepsMore: shownSteps.more !== '',
    stepsMore: shownSteps.more,
    hasButtons: buttons.shown.length > 0,
    buttons: buttons.shown,
    hasButtonsNote: buttons.note !== '',
    buttonsNote: buttons.note,
  };
}

function outcomeText(v: OutcomeView): string {
  const view = outcomeView(v, { facts: TEXT_ITEMS, steps: TEXT_ITEMS, buttons: 0, chars: TEXT_CHARS });
  return [
    view.title ? `${view.status.label}: ${view.title}` : view.status.label,
    view.summary,
    ...view.facts.map((f) => (f.label ? `${f.label}: ${f.value}` : f.value)),
    ...view.steps.map((s) => (s.status.label ? `• ${s.name}: ${s.status.label}` : `• ${s.name}`)),
    view.stepsMore,
  ]
    .filter((line) => line !== '')
    .join('\n');
}

export function renderOutcome(v: OutcomeView): Rendered {
  return { card: expandFitting('outcome', LEVELS.map((limits) => outcomeView(v, limits))), text: outcomeText(v) };
}
