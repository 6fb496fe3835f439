// One remedy click, end to end, knowing nothing of Teams: validate → (review: read the state, confirm or say
// it changed) → (confirm: claim the operation id once, re-check, act through Graph as the clicking admin,
// read the result, record it) → a card. Answers within the invoke deadline; slower work finishes later.
import { randomUUID } from 'node:crypto';
import { explainError } from '../answer/explainError';
import type { OutcomeView } from '../domain/remediationViews';
import type { RemedyVerb } from '../domain/types';
import type { GraphGateway } from '../graph/gateway';
import type { Logger } from '../log';
import { renderConfirmation, renderOutcome, renderProblem, type Rendered } from '../render';
import type { AuditLog, AuditTarget } from '../storage/auditLog';
import type { Operations, OperationState } from '../storage/operations';
import { clearQuarantine, pauseProvisioning, restartProvisioning, startProvisioning, testConnectionRemedy } from './jobRemedies';
import { provisionOnDemand, reassignUser } from './principalRemedies';
import { forgetProvisioningApps } from '../resolve/provisioningApps';
import { buttonData, parseRemedy, type RemedyRequest } from './remedyRequest';
import type { Actor, Execution, Inspection, RemedyContext, RemedyHandler } from './remedyTypes';

export { CANCEL_VERB } from './remedyRequest';
export type { Actor } from './remedyTypes';

const HANDLERS: Record<RemedyVerb, RemedyHandler> = {
  clearQuarantine,
  restartProvisioning,
  startProvisioning,
  testConnection: testConnectionRemedy,
  reassignUser,
  provisionOnDemand,
  pauseProvisioning,
};

export const VERB_LABELS: Record<RemedyVerb, string> = {
  clearQuarantine: 'Clear quarantine',
  restartProvisioning: 'Restart provisioning',
  startProvisioning: 'Start provisioning',
  testConnection: 'Test connection',
  reassignUser: 'Re-assign',
  provisionOnDemand: 'Provision on demand',
  pauseProvisioning: 'Pause provisioning',
};

/** Teams waits about 5 s for an invoke; past this the click is answered with "working…". */
export const ANSWER_WITHIN_MS = 4000;

export interface RemediationDeps {
  gateway: GraphGateway;
  operations: Operations;
  audit: AuditLog;
  logger: Logger;
  now?: () => Date;
  answerWithinMs?: number;
}

export type RemediationReply =
  | { kind: 'invalid'; problem: string }
  | (Rendered & {
      kind: 'card';
      /** A settled outcome: everyone in a group chat or channel should see it in place of the old card. */
      settled: boolean;
      /** When the work outlived the invoke deadline: the final card, to replace the "working…" one. */
      later?: Promise<Rendered>;
    });

const card = (rendered: Rendered, settled: boolean, later?: Promise<Rendered>): RemediationReply => ({ kind: 'card', ...rendered, settled, later });

function when(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function outcomeView(execution: Execution, actor: Actor, at: Date, inspection?: Inspection): OutcomeView {
  return {
    status: execution.result,
    title: execution.title,
    summary: execution.summary,
    facts: [
      ...(inspection ? [{ label: 'App', value: inspection.app.app.displayName }] : []),
      ...execution.changes,
      { label: 'By', value: actor.name },
      { label: 'When', value: when(at) },
      ...(execution.requestId ? [{ label: 'Graph request id', value: execution.requestId }] : []),
    ],
    steps: execution.steps,
    next: execution.next,
  };
}

function target(request: RemedyRequest, inspection?: Inspection): AuditTarget {
  const subject = (inspection?.details as { subject?: { displayName?: string } } | undefined)?.subject;
  return {
    spId: request.spId,
    jobId: request.jobId,
    ...(request.userId ? { userId: request.userId } : {}),
    ...(request.groupId ? { groupId: request.groupId } : {}),
    ...(inspection ? { appName: inspection.app.app.displayName } : {}),
    ...(subject?.displayName ? { userName: subject.displayName } : {}),
  };
}

/** A failure while acting, as a result the admin can act on (the missing role, the object that is gone…). */
function failed(verb: RemedyVerb, error: unknown): Execution {
  const problem = explainError(error, randomUUID());
  return {
    result: 'failed',
    title: `${VERB_LABELS[verb]} did not go through: ${problem.title.toLowerCase()}`,
    summary: [problem.whatHappened, ...problem.tryThis].join(' '),
    changes: problem.detail ?? [],
  };
}

/** Runs a claimed operation to its end and records it. Never rejects: every ending is a card. */
async function run(ctx: RemedyContext, handler: RemedyHandler, operationId: string, deps: RemediationDeps): Promise<Rendered> {
  const { request, actor } = ctx;
  let inspection: Inspection | undefined;
  let execution: Execution;
  try {
    inspection = await handler.inspect(ctx);
    execution = inspection.stale
      ? { result: 'no-change', title: 'Nothing was done: the state changed meanwhile', summary: inspection.stale, changes: inspection.current }
      : await handler.execute(ctx, inspection);
  } catch (error) {
    deps.logger.warn({ err: error, verb: request.verb, operationId }, 'remedy failed');
    execution = failed(request.verb, error);
  }
  forgetProvisioningApps(deps.gateway);
  const finishedAt = deps.now?.() ?? new Date();
  const outcome = renderOutcome(outcomeView(execution, actor, finishedAt, inspection));
  try {
    await deps.audit.record({
      tenantId: actor.tenantId,
      actor: { name: actor.name, aadObjectId: actor.aadObjectId },
      verb: request.verb,
      target: target(request, inspection),
      result: execution.result,
      detail: `${execution.title}. ${execution.summary}`,
      graphRequestId: execution.requestId,
      operationId,
    });
    await deps.operations.finish(actor.tenantId, operationId, { result: execution.result, detail: execution.title, finishedAt: finishedAt.toISOString(), card: outcome.card });
  } catch (error) {
    // The action happened; failing to record it must not hide that from the admin.
    deps.logger.error({ err: error, operationId }, 'remedy not recorded');
  }
  return outcome;
}

/** An operation still "running" after this long was cut off (the bot restarted): its outcome is unknown. */
export const ABANDONED_AFTER_MS = 10 * 60_000;

/** A second click, a retry or another instance: show what the first one did (or that it is under way). */
function alreadyClaimed(existing: OperationState, request: RemedyRequest, now: Date): RemediationReply {
  if (existing.status === 'finished' && existing.outcome?.card) return card({ card: existing.outcome.card as Rendered['card'], text: existing.outcome.detail ?? '' }, true);
  const label = VERB_LABELS[existing.verb as RemedyVerb] ?? existing.verb;
  const started = `${existing.startedAt.slice(11, 16)} UTC`;
  if (now.getTime() - Date.parse(existing.startedAt) > ABANDONED_AFTER_MS) {
    // Not re-run on its own: the action may or may not have reached Graph.
    return card(
      renderOutcome({
        status: 'stale',
        title: `${label} was interrupted`,
        summary: `${existing.actor.name} confirmed it at ${started}, but the bot stopped before it finished, so its outcome is unknown. Check the current state before starting it again.`,
        facts: [{ label: 'Started by', value: existing.actor.name }],
        next: [{ title: 'Check and start again', verb: request.verb, data: buttonData(request, { stage: 'review', operationId: undefined }) }],
      }),
      false,
    );
  }
  return card(
    renderOutcome({
      status: 'working',
      title: `${label} is already under way`,
      summary: `${existing.actor.name} confirmed it at ${started}. This card updates when it is done.`,
      facts: [{ label: 'Started by', value: existing.actor.name }],
    }),
    false,
  );
}

async function withinDeadline(work: Promise<Rendered>, verb: RemedyVerb, deps: RemediationDeps): Promise<RemediationReply> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), deps.answerWithinMs ?? ANSWER_WITHIN_MS);
  });
  const first = await Promise.race([work, deadline]);
  clearTimeout(timer);
  if (first) return card(first, true);
  return card(
    renderOutcome({
      status: 'working',
      title: `${VERB_LABELS[verb]}: working…`,
      summary: 'Microsoft Graph is taking a while. This card updates with the result when it is done.',
      facts: [],
    }),
    false,
    work,
  );
}

export async function remediate(verb: unknown, data: unknown, actor: Actor, deps: RemediationDeps): Promise<RemediationReply> {
  const parsed = parseRemedy(verb, data);
  if (!parsed.ok) return { kind: 'invalid', problem: parsed.problem };
  const { request } = parsed;
  const ctx: RemedyContext = { gateway: deps.gateway, request, actor, now: deps.now?.() ?? new Date() };
  const handler = HANDLERS[request.verb];
  try {
    if (request.stage === 'cancel') {
      return card(renderOutcome({ status: 'cancelled', title: `${VERB_LABELS[request.verb]}: cancelled`, summary: 'Nothing was changed.', facts: [{ label: 'By', value: actor.name }] }), false);
    }
    if (request.stage === 'review' && handler.needsConfirmation) {
      const inspection = await handler.inspect(ctx);
      if (inspection.stale) {
        return card(renderOutcome({ status: 'stale', title: 'This card is out of date', summary: `${inspection.stale} Nothing was done.`, facts: inspection.current }), false);
      }
      return card(renderConfirmation(handler.confirmation(ctx, inspection)), false);
    }
    const operationId = request.operationId ?? randomUUID();
    const claim = await deps.operations.begin(actor.tenantId, operationId, {
      verb: request.verb,
      actor: { name: actor.name, aadObjectId: actor.aadObjectId },
      target: target(request),
    });
    if (!claim.first) return alreadyClaimed(claim.existing, request, ctx.now);
    return await withinDeadline(run(ctx, handler, operationId, deps), request.verb, deps);
  } catch (error) {
    const incidentId = randomUUID();
    deps.logger.warn({ err: error, verb: request.verb, incidentId }, 'remedy could not be prepared');
    return card(renderProblem(explainError(error, incidentId)), false);
  }
}
