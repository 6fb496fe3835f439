// The shape every remedy follows: inspect the current state, describe what confirming will do, do it.
import type { ConfirmationView, OutcomeStep, NextStep } from '../domain/remediationViews';
import type { AppEvidence, Fact } from '../domain/types';
import type { GraphGateway } from '../graph/gateway';
import type { RemedyRequest } from './remedyRequest';

export interface Actor {
  name: string;
  aadObjectId: string;
  tenantId: string;
  /** The clicker's IANA zone and locale (Teams' `localTimezone`, `locale`): the cards' times are shown in them. */
  timeZone?: string;
  locale?: string;
}

export interface RemedyContext {
  gateway: GraphGateway;
  request: RemedyRequest;
  actor: Actor;
  now: Date;
  /** A remedy over many people records each one's outcome in the audit log as it goes. */
  record?(person: PersonOutcome): Promise<void>;
  /** A long remedy reports its progress (the card is updated in place). */
  progress?(progress: Progress): void;
}

export interface PersonOutcome {
  userId: string;
  userName: string;
  result: Execution['result'];
  detail: string;
  graphRequestId?: string;
}

export interface Progress {
  done: number;
  total: number;
  title: string;
  summary: string;
}

/** What a remedy read before acting: the app, and whether the card's view of it is out of date. */
export interface Inspection {
  app: AppEvidence;
  /** Set when the state changed since the card was built: what changed, in words. */
  stale?: string;
  /** Facts of the current state (shown when stale, and before/after on the result). */
  current: Fact[];
  /** Remedy-specific findings the confirmation and execution need (the assignment, the group, …). */
  details?: Record<string, unknown>;
}

export interface Execution {
  /** `unknown`: Graph did not say, and the state read afterwards could not tell (the card says so). */
  result: 'succeeded' | 'failed' | 'no-change' | 'unknown';
  title: string;
  summary: string;
  /** What changed ("Job status: Quarantine → Active"). */
  changes: Fact[];
  requestId?: string;
  steps?: OutcomeStep[];
  next?: NextStep[];
}

export interface RemedyHandler {
  /** Actions without side effects on the directory or the target run without a confirmation. */
  needsConfirmation: boolean;
  inspect(ctx: RemedyContext): Promise<Inspection>;
  confirmation(ctx: RemedyContext, inspection: Inspection): ConfirmationView;
  execute(ctx: RemedyContext, inspection: Inspection): Promise<Execution>;
  /**
   * After a write whose outcome is unknown (a time-out, a 5xx, a crash mid-remedy): read the state again
   * and say what is actually true. `before` is the inspection made before acting, when there was one.
   */
  verify(ctx: RemedyContext, before?: Inspection): Promise<Verification>;
}

/** What re-reading the state showed: whether the change is in place (undefined: the state cannot tell). */
export interface Verification {
  applied: boolean | undefined;
  /** In words, for the card and the audit ("the job is out of quarantine", "Jane is now unassigned"). */
  state: string;
  current: Fact[];
  next?: NextStep[];
}

/** Graph errors after which a write may or may not have been applied: never "nothing changed". */
export const OUTCOME_UNKNOWN = new Set(['graph-timeout', 'graph-unreachable', 'graph-unavailable']);
