// The result of a click: a status badge, what changed (facts, provision-on-demand steps), and the natural next
// step as the primary button.
import type { NextStep, OutcomeStatus, OutcomeView } from '../domain/remediationViews';
import type { TimeZoneOptions } from '../diagnose/time';
import { breakable, statusBadge, type BadgeStyle } from './look';
import { renderFitting, type Limits } from './levels';
import { clip, executeButtons, factRows, factRuns, firstOf, fittingButtons, localText, str, type ExecuteButton, type Rendered } from './template';

/** A word, the badge style that goes with it, and a mark for lists where a badge would be too heavy. */
export interface StatusLook {
  label: string;
  style: BadgeStyle;
  mark: string;
}

const OUTCOME: Record<OutcomeStatus, StatusLook> = {
  succeeded: { label: 'Done', style: 'Good', mark: '✓' },
  failed: { label: 'Failed', style: 'Attention', mark: '✗' },
  'no-change': { label: 'No change', style: 'Accent', mark: '–' },
  unknown: { label: 'Not confirmed', style: 'Warning', mark: '?' },
  working: { label: 'Working…', style: 'Accent', mark: '…' },
  cancelled: { label: 'Cancelled', style: 'Default', mark: '–' },
  stale: { label: 'Changed meanwhile', style: 'Warning', mark: '!' },
};

// The step statuses of a provision-on-demand result (Graph's provisioningStatusInfo.status).
const STEP: Record<string, StatusLook> = {
  success: { label: 'Success', style: 'Good', mark: '✓' },
  skipped: { label: 'Skipped', style: 'Warning', mark: '!' },
  warning: { label: 'Warning', style: 'Warning', mark: '!' },
  failure: { label: 'Failure', style: 'Attention', mark: '✗' },
};

/** How an outcome (or an audit record's result) is shown; a value outside the vocabulary is shown as it is. */
export function outcomeLook(status: unknown): StatusLook {
  return typeof status === 'string' && Object.hasOwn(OUTCOME, status)
    ? OUTCOME[status as OutcomeStatus]
    : { label: str(status), style: 'Default', mark: '•' };
}

function stepLook(status: unknown): StatusLook {
  const key = str(status).toLowerCase();
  return Object.hasOwn(STEP, key) ? STEP[key] : { label: str(status), style: 'Default', mark: '•' };
}

const TEXT_ITEMS = 12;
const TEXT_CHARS = 300;

const steps = (v: OutcomeView) => (Array.isArray(v.steps) ? v.steps.filter((s) => s !== undefined && s !== null) : []);

/**
 * Remedy buttons (Action.Execute) and questions (Action.Submit as imBack: the admin's own message, answered in a
 * new one, so this card stays), in the order given.
 */
function nextButtons(value: unknown): Array<ExecuteButton & { ask: boolean }> {
  const all = Array.isArray(value) ? (value as Array<Partial<NextStep> | null | undefined>) : [];
  return all.flatMap((b): Array<ExecuteButton & { ask: boolean }> => {
    const question = b && 'ask' in b ? str(b.ask).trim() : '';
    if (question) {
      return [{ title: clip(str(b?.title), 80) || 'Ask', verb: '', data: { msteams: { type: 'imBack', value: clip(question, 500) } }, style: 'default' as const, ask: true }];
    }
    return executeButtons([b]).map((e) => ({ ...e, ask: false }));
  });
}

/** A ProgressBar, with a text bar for hosts without it. */
function progressView(p: OutcomeView['progress']) {
  if (!p || !(p.total > 0)) return { hasProgress: false, progress: 0, progressText: '' };
  const done = Math.max(0, Math.min(p.total, Math.floor(p.done)));
  const filled = Math.round((done / p.total) * 10);
  return { hasProgress: true, progress: Math.round((done / p.total) * 100), progressText: `${'▓'.repeat(filled)}${'░'.repeat(10 - filled)} ${done} of ${p.total}` };
}

function outcomeView(v: OutcomeView, limits: Limits<'outcome'>, time: TimeZoneOptions) {
  const status = outcomeLook(v.status);
  const shownSteps = firstOf(steps(v), limits.steps, 'steps not shown');
  // The first next step is the natural one: primary.
  const buttons = fittingButtons(nextButtons(v.next).map((b, i) => (i === 0 && b.style === 'default' ? { ...b, style: 'positive' as const } : b)), limits.buttons);
  const summary = clip(localText(v.summary, time), limits.chars * 2);
  return {
    status: statusBadge(clip(status.label, 40) || 'Result', status.style),
    title: breakable(clip(localText(v.title, time), limits.chars)),
    hasSummary: summary !== '',
    summary: breakable(summary),
    ...progressView(v.progress),
    facts: factRuns(v.facts, limits.facts, limits.chars, time),
    steps: shownSteps.shown.map((s) => {
      const description = clip(str(s.description), limits.chars);
      const look = stepLook(s.status);
      return {
        mark: look.mark,
        name: clip(str(s.name), 200) || 'Step',
        status: clip(look.label, 40),
        description: description ? ` — ${breakable(description)}` : '',
      };
    }),
    hasStepsMore: shownSteps.more !== '',
    stepsMore: shownSteps.more,
    buttons,
  };
}

function outcomeText(v: OutcomeView): string {
  const status = outcomeLook(v.status).label || 'Result';
  const title = clip(str(v.title), TEXT_CHARS);
  const { shown, more } = firstOf(steps(v), TEXT_ITEMS, 'steps not shown');
  return [
    title ? `${status}: ${title}` : status,
    clip(str(v.summary), TEXT_CHARS * 2),
    ...factRows(v.facts, TEXT_ITEMS, TEXT_CHARS).map((f) => (f.label ? `${f.label}: ${f.value}` : f.value)),
    ...shown.map((s) => {
      const name = clip(str(s.name), 200) || 'Step';
      const label = stepLook(s.status).label;
      return label ? `• ${name}: ${label}` : `• ${name}`;
    }),
    more,
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** `time`: the clicking admin's zone; the card's times are shown in it, UTC alongside. */
export function renderOutcome(v: OutcomeView, time: TimeZoneOptions = {}): Rendered {
  return { card: renderFitting('outcome', (limits) => outcomeView(v, limits, time)), text: outcomeText(v) };
}
