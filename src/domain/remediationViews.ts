// What the remediation cards show: plain data built by src/remediation, rendered by src/render.
import type { Fact } from './types';

/** A button on a remediation card: an Action.Execute with its verb and data (ids, stage, operation id). */
export interface ActionButton {
  title: string;
  verb: string;
  data: Record<string, unknown>;
  /** Styles the button as the positive or the destructive choice. */
  style?: 'positive' | 'destructive';
}

/**
 * A question asked with one click ("Check status" → "how is ServiceNow doing?"): sent as the admin's own message
 * (Teams' imBack), so the answer comes as a new message and the card it was clicked on stays.
 */
export interface QuestionButton {
  title: string;
  ask: string;
}

/** What an outcome card offers next: another remedy, or a question. */
export type NextStep = ActionButton | QuestionButton;

/** "Clear quarantine for ServiceNow?": what will happen, on what, the impact, and Confirm / Cancel. */
export interface ConfirmationView {
  title: string;
  /** The app, user or group acted on, as the admin knows it ("ServiceNow", "Tomás García in Atlassian Cloud"). */
  subject: string;
  /** What the action does, step by step, in plain words. */
  whatHappens: string[];
  /** Facts about the impact ("Users in scope: 12", "Next cycle: a full one"). */
  impact: Fact[];
  /** A risk or a reason to do something else first (shown prominently). */
  warning?: string;
  confirm: ActionButton;
  cancel: ActionButton;
  /** Other choices: "Test connection first", "Other restart options…". */
  alternatives?: ActionButton[];
}

/** `unknown`: Graph did not say whether the change happened, and re-reading the state could not tell. */
export type OutcomeStatus = 'succeeded' | 'failed' | 'no-change' | 'unknown' | 'working' | 'cancelled' | 'stale';

/** One step of a provision-on-demand result (import, scoping, matching, action). */
export interface OutcomeStep {
  name: string;
  status: string;
  description?: string;
}

/** The result of a click: what changed, who did it and when; or why nothing was done. */
export interface OutcomeView {
  status: OutcomeStatus;
  title: string;
  summary: string;
  /** "Job status: Quarantine → Active", "By: Ada Admin", "At: 2026-11-26 04:40 UTC", "Graph request id". */
  facts: Fact[];
  steps?: OutcomeStep[];
  /** The natural next step first ("Check status", "Provision Jane now", "Why was Jane skipped?"). */
  next?: NextStep[];
  /** A long action under way ("12 of 30 done"): a progress bar. */
  progress?: { done: number; total: number };
}

/** The latest recorded actions ("audit", "who restarted Tableau?"). */
export interface AuditView {
  title: string;
  /** e.g. "Tableau Cloud", or empty for all apps. */
  filter?: string;
  rows: Array<{ when: string; who: string; action: string; target: string; result: string }>;
  /** Said when there are no rows. */
  empty: string;
}
