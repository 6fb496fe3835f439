// The shape every remedy follows: inspect the current state, describe what confirming will do, do it.
import type { ConfirmationView, OutcomeStep, ActionButton } from '../domain/remediationViews';
import type { AppEvidence, Fact } from '../domain/types';
import type { GraphGateway } from '../graph/gateway';
import type { RemedyRequest } from './remedyRequest';

export interface Actor {
  name: string;
  aadObjectId: string;
  tenantId: string;
}

export interface RemedyContext {
  gateway: GraphGateway;
  request: RemedyRequest;
  actor: Actor;
  now: Date;
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
  result: 'succeeded' | 'failed' | 'no-change';
  title: string;
  summary: string;
  /** What changed ("Job status: Quarantine → Active"). */
  changes: Fact[];
  requestId?: string;
  steps?: OutcomeStep[];
  next?: ActionButton[];
}

export interface RemedyHandler {
  /** Actions without side effects on the directory or the target run without a confirmation. */
  needsConfirmation: boolean;
  inspect(ctx: RemedyContext): Promise<Inspection>;
  confirmation(ctx: RemedyContext, inspection: Inspection): ConfirmationView;
  execute(ctx: RemedyContext, inspection: Inspection): Promise<Execution>;
}
