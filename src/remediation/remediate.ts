// One remedy click, end to end, knowing nothing of Teams: a request validated by remedySchema → (review: read
// the state, confirm or say it changed) → (confirm: claim the operation id once, re-check, act through Graph
// as the clicking admin, read the result, record it) → a card. Answers within the invoke deadline; slower work finishes later.
import { randomUUID } from 'node:crypto';
import { problemFromError } from '../answer/problemFromError';
import { formatTime } from '../diagnose/time';
import type { OutcomeView } from '../domain/remediationViews';
import type { RemedyVerb } from '../domain/types';
import type { GraphGateway } from '../graph/gateway';
import type { Logger } from '../log';
import { renderConfirmation, renderOutcome, renderProblem, type Rendered } from '../render';
import type { AuditLog, AuditResult, AuditTarget } from '../storage/auditLog';
import type { ConfirmationOffer, Operations, OperationState } from '../storage/operations';
import { clearQuarantine, pauseProvisioning, restartProvisioning, startProvisioning, testConnectionRemedy } from './jobRemedies';
import { provisionOnDemand, reassignUser } from './principalRemedies';
import { retryFailed } from './retryFailed';
import { forgetAppLogs } from '../gather/provisioningLogs';
import { buttonData, type RemedyRequest } from './remedyRequest';
import type { Actor, Execution, Inspection, RemedyContext, RemedyHandler } from './remedyTypes';
import { readBack } from './verify';
import { nextSteps } from './nextSteps';
import { within } from '../within';

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
  retryFailed,
};

export const VERB_LABELS: Record<RemedyVerb, string> = {
  clearQuarantine: 'Clear quarantine',
  restartProvisioning: 'Restart provisioning',
  startProvisioning: 'Start provisioning',
  testConnection: 'Test connection',
  reassignUser: 'Re-assign',
  provisionOnDemand: 'Provision on demand',
  pauseProvisioning: 'Pause provisioning',
  retryFailed: 'Retry failed users',
};

/** Teams waits about 5 s for an invoke; past this the click is answered with "working…". */
export const ANSWER_WITHIN_MS = 4000;

/** A confirmation card's token is good for this long; then the execute step shows the current state instead. */
export const CONFIRMATION_VALID_MS = 15 * 60_000;

export interface RemediationDeps {
  gateway: GraphGateway;
  operations: Operations;
  audit: AuditLog;
  logger: Logger;
  now?: () => Date;
  answerWithinMs?: number;
  /** The click's Graph work stops at this deadline: an operation still "running" well after it was cut off. */
  workDeadlineMs?: number;
  /** A long remedy's progress card, to replace the "working…" card in place. */
  onProgress?(rendered: Rendered): void;
}

export type RemediationReply = Rendered & {
  kind: 'card';
  /** A settled outcome: everyone in a group chat or channel should see it in place of the old card. */
  settled: boolean;
  /** When the work outlived the invoke deadline: the final card, to replace the "working…" one. */
  later?: Promise<Rendered>;
};

const card = (rendered: Rendered, settled: boolean, later?: Promise<Rendered>): RemediationReply => ({ kind: 'card', ...rendered, settled, later });

function outcomeView(verb: RemedyVerb, execution: Execution, actor: Actor, at: Date, inspection?: Inspection): OutcomeView {
  return {
    status: execution.result,
    title: execution.title,
    summary: execution.summary,
    facts: [
      ...(inspection ? [{ label: 'App', value: inspection.app.app.displayName }] : []),
      ...execution.changes,
      { label: 'By', value: actor.name },
      { label: 'When', value: formatTime(at) },
      ...(execution.requestId ? [{ label: 'Graph request id', value: execution.requestId }] : []),
    ],
    steps: execution.steps,
    next: nextSteps(verb, execution.next, execution.result, inspection),
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
  const problem = problemFromError(error, randomUUID());
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
  const record = (result: AuditResult, detail: string, graphRequestId?: string) =>
    deps.audit.record({
      // One record per operation: "started" now, replaced by the outcome, so a crash in between leaves a trace.
      id: operationId,
      tenantId: actor.tenantId,
      actor: { name: actor.name, aadObjectId: actor.aadObjectId },
      verb: request.verb,
      target: target(request, inspection),
      result,
      detail,
      graphRequestId,
      operationId,
    });
  try {
    await record('started', `${VERB_LABELS[request.verb]} confirmed; sending it to Microsoft Graph.`);
  } catch (error) {
    // Nothing was sent yet: an action that cannot be recorded is not carried out.
    deps.logger.error({ err: error, operationId }, 'remedy not recorded; not carried out');
    const problem = renderProblem(problemFromError(error, operationId));
    await deps.operations.finish(actor.tenantId, operationId, { result: 'no-change', detail: 'not recorded, not carried out', finishedAt: new Date().toISOString(), card: problem.card }).catch(() => undefined);
    return problem;
  }
  // A remedy over many people: each one's outcome is its own audit record, under this operation.
  ctx.record = async (p) => {
    await deps.audit.record({
      tenantId: actor.tenantId,
      actor: { name: actor.name, aadObjectId: actor.aadObjectId },
      verb: 'provisionOnDemand',
      target: { ...target(request, inspection), userId: p.userId, userName: p.userName },
      result: p.result,
      detail: p.detail,
      graphRequestId: p.graphRequestId,
      operationId,
    });
  };
  ctx.progress = (p) => deps.onProgress?.(renderOutcome({ status: 'working', title: p.title, summary: p.summary, facts: [], progress: { done: p.done, total: p.total } }));
  try {
    inspection = await handler.inspect(ctx);
    execution = inspection.stale
      ? { result: 'no-change', title: 'Nothing was done: the state changed meanwhile', summary: inspection.stale, changes: inspection.current }
      : await handler.execute(ctx, inspection);
  } catch (error) {
    deps.logger.warn({ err: error, verb: request.verb, operationId }, 'remedy failed');
    execution = failed(request.verb, error);
  }
  forgetAppLogs(deps.gateway, request.spId);
  const finishedAt = deps.now?.() ?? new Date();
  const outcome = renderOutcome(outcomeView(request.verb, execution, actor, finishedAt, inspection), actor);
  try {
    await record(execution.result, `${execution.title}. ${execution.summary}`, execution.requestId);
    await deps.operations.finish(actor.tenantId, operationId, { result: execution.result, detail: execution.title, finishedAt: finishedAt.toISOString(), card: outcome.card });
  } catch (error) {
    // The action happened; failing to record it must not hide that from the admin.
    deps.logger.error({ err: error, operationId }, 'remedy not recorded');
  }
  return outcome;
}

/** Without a work deadline: an operation still "running" after this long was cut off (the bot stopped). */
export const ABANDONED_AFTER_MS = 10 * 60_000;

/**
 * When a running operation's owner will certainly have finished: its Graph work stops at the work deadline,
 * re-reading the state after an unknown write takes at most as long again, and recording it a moment more
 * (2 s, or the work deadline itself when that is shorter).
 */
function finishBy(now: Date, deps: RemediationDeps): string {
  const ms = deps.workDeadlineMs ? 2 * deps.workDeadlineMs + Math.min(2_000, deps.workDeadlineMs) : ABANDONED_AFTER_MS;
  return new Date(now.getTime() + ms).toISOString();
}

/** A second click, a retry or another instance: show what the first one did (or that it is under way). */
async function alreadyClaimed(existing: OperationState, ctx: RemedyContext, operationId: string, deps: RemediationDeps): Promise<RemediationReply> {
  if (existing.status === 'finished' && existing.outcome?.card) return card({ card: existing.outcome.card as Rendered['card'], text: existing.outcome.detail ?? '' }, true);
  const label = VERB_LABELS[existing.verb as RemedyVerb] ?? existing.verb;
  const started = formatTime(existing.startedAt, { now: ctx.now });
  const abandonedAt = existing.finishBy ? Date.parse(existing.finishBy) : Date.parse(existing.startedAt) + ABANDONED_AFTER_MS;
  if (ctx.now.getTime() > abandonedAt) return card(await resolveInterrupted(existing, ctx, operationId, deps), true);
  return card(
    renderOutcome({
      status: 'working',
      title: `${label} is already under way`,
      summary: `${existing.actor.name} confirmed it at ${started}. This card updates when it is done.`,
      facts: [{ label: 'Started by', value: existing.actor.name }],
    }, ctx.actor),
    false,
  );
}

/**
 * An operation the bot stopped in the middle of (a crash, a deploy): Graph may have applied it. The state is
 * read again, and the card, the operation and the audit say what is true ("interrupted; verified state …").
 * Not re-run on its own.
 */
async function resolveInterrupted(existing: OperationState, ctx: RemedyContext, operationId: string, deps: RemediationDeps): Promise<Rendered> {
  const label = VERB_LABELS[existing.verb as RemedyVerb] ?? existing.verb;
  const handler = HANDLERS[ctx.request.verb];
  const v = await readBack(() => handler.verify(ctx));
  const verdict = !v ? 'its outcome is unknown: reading the current state failed' : v.applied === true ? `it went through: ${v.state}` : v.applied === false ? `it did not go through: ${v.state}` : `the state cannot show whether it went through: ${v.state}`;
  const outcome = renderOutcome({
    status: 'stale',
    title: `${label} was interrupted`,
    summary: `${existing.actor.name} confirmed it at ${formatTime(existing.startedAt, { now: ctx.now })}, but the bot stopped before it finished. I read the state again: ${verdict}.`,
    facts: [{ label: 'Started by', value: existing.actor.name }, ...(v?.current ?? [])],
    next: [...(v?.next ?? []), { title: 'Check and start again', verb: ctx.request.verb, data: buttonData(ctx.request, { stage: 'review', operationId: undefined }) }],
  }, ctx.actor);
  const result: AuditResult = v?.applied === true ? 'succeeded' : v?.applied === false ? 'no-change' : 'unknown';
  try {
    await deps.audit.record({
      id: operationId,
      tenantId: ctx.actor.tenantId,
      actor: existing.actor,
      verb: existing.verb,
      target: existing.target,
      result,
      detail: `Interrupted; verified state: ${verdict}.`,
      operationId,
    });
    await deps.operations.finish(ctx.actor.tenantId, operationId, { result, detail: `${label} was interrupted`, finishedAt: ctx.now.toISOString(), card: outcome.card });
  } catch (error) {
    deps.logger.error({ err: error, operationId }, 'interrupted remedy not recorded');
  }
  return outcome;
}

/** Why a confirm click may not run: its token was never issued, belongs to someone else or another action, or expired. */
function offerProblem(offer: ConfirmationOffer | undefined, request: RemedyRequest, actor: Actor): string | undefined {
  if (!offer) return 'This confirmation was not issued by me (or is from an older version of this card).';
  if (offer.user !== actor.aadObjectId) return 'This confirmation was shown to someone else: only they can confirm it.';
  const t = offer.target;
  const same =
    offer.verb === request.verb &&
    t.spId === request.spId &&
    t.jobId === request.jobId &&
    t.userId === request.userId &&
    t.groupId === request.groupId &&
    t.restartOption === request.restartOption &&
    t.appRoleId === request.appRoleId &&
    t.since === request.since;
  return same ? undefined : 'This confirmation was issued for another action or target.';
}

function offerFor(request: RemedyRequest, actor: Actor, shownState: unknown, now: Date): ConfirmationOffer {
  const { spId, jobId, userId, groupId, restartOption, appRoleId, since } = request;
  return {
    user: actor.aadObjectId,
    verb: request.verb,
    target: JSON.parse(JSON.stringify({ spId, jobId, userId, groupId, restartOption, appRoleId, since })),
    ...(typeof shownState === 'string' ? { shownState } : {}),
    expiresAt: new Date(now.getTime() + CONFIRMATION_VALID_MS).toISOString(),
  };
}

/** A confirm click the server did not issue (or no longer honours): the current state and a fresh start. */
async function notConfirmed(why: string, ctx: RemedyContext, handler: RemedyHandler): Promise<RemediationReply> {
  const label = VERB_LABELS[ctx.request.verb];
  const current = await handler.inspect(ctx).then((i) => i.current, () => []);
  return card(
    renderOutcome({
      status: 'stale',
      title: `${label}: this confirmation has expired`,
      summary: `${why} Nothing was done. Here is the current state; start again to get a new confirmation.`,
      facts: current,
      next: [{ title: 'Check and start again', verb: ctx.request.verb, data: buttonData(ctx.request, { stage: 'review', operationId: undefined, seenState: undefined }) }],
    }, ctx.actor),
    false,
  );
}

async function withinDeadline(work: Promise<Rendered>, verb: RemedyVerb, deps: RemediationDeps): Promise<RemediationReply> {
  const first = await within(work, deps.answerWithinMs ?? ANSWER_WITHIN_MS);
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

/** A validated click (see remedySchema) at its stage: review, confirm or cancel. */
export async function remediate(request: RemedyRequest, actor: Actor, deps: RemediationDeps): Promise<RemediationReply> {
  const ctx: RemedyContext = { gateway: deps.gateway, request, actor, now: deps.now?.() ?? new Date() };
  const handler = HANDLERS[request.verb];
  try {
    if (request.stage === 'cancel') {
      return card(renderOutcome({ status: 'cancelled', title: `${VERB_LABELS[request.verb]}: cancelled`, summary: 'Nothing was changed.', facts: [{ label: 'By', value: actor.name }] }, actor), false);
    }
    if (request.stage === 'review' && handler.needsConfirmation) {
      const inspection = await handler.inspect(ctx);
      if (inspection.stale) {
        const next = nextSteps(request.verb, undefined, 'stale', inspection);
        // A button carries the state its card showed; a typed command showed nothing that could be out of date.
        const headline = request.seenState !== undefined ? { status: 'stale' as const, title: 'This card is out of date' } : { status: 'no-change' as const, title: `${VERB_LABELS[request.verb]}: nothing to do` };
        return card(renderOutcome({ ...headline, summary: `${inspection.stale} Nothing was done.`, facts: inspection.current, next }, actor), false);
      }
      const view = handler.confirmation(ctx, inspection);
      // The confirm button's operation id is the token: the server remembers what it offered, to whom.
      const token = String(view.confirm.data.operationId);
      await deps.operations.offer(actor.tenantId, token, offerFor({ ...request, ...view.confirm.data } as RemedyRequest, actor, view.confirm.data.seenState, ctx.now));
      return card(renderConfirmation(view, actor), false);
    }
    if (request.stage === 'confirm') {
      const offer = await deps.operations.offered(actor.tenantId, request.operationId!);
      const problem = offerProblem(offer, request, actor);
      if (problem) return await notConfirmed(problem, ctx, handler);
      // The state the card showed is the server's record, not whatever the click sends back.
      ctx.request = { ...request, seenState: offer!.shownState };
      if (Date.parse(offer!.expiresAt) < ctx.now.getTime()) {
        const existing = await deps.operations.get(actor.tenantId, request.operationId!);
        if (!existing) return await notConfirmed('It is more than 15 minutes old.', ctx, handler);
      }
    }
    const operationId = request.operationId ?? randomUUID();
    const claim = await deps.operations.begin(actor.tenantId, operationId, {
      verb: request.verb,
      actor: { name: actor.name, aadObjectId: actor.aadObjectId },
      target: target(request),
      finishBy: finishBy(ctx.now, deps),
    });
    if (!claim.first) return await alreadyClaimed(claim.existing, ctx, operationId, deps);
    return await withinDeadline(run(ctx, handler, operationId, deps), ctx.request.verb, deps);
  } catch (error) {
    const incidentId = randomUUID();
    deps.logger.warn({ err: error, verb: request.verb, incidentId }, 'remedy could not be prepared');
    return card(renderProblem(problemFromError(error, incidentId)), false);
  }
}
