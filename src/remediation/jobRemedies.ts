// Remedies on a provisioning job: clear quarantine, restart, start, test connection. Each reads the job
// first (a card may be hours old), says what confirming will do, then acts and reads the job again.
import { diagnoseCredentials, quarantineFinding } from '../diagnose';
import { jobFacts } from '../diagnose/jobState';
import type { AppEvidence, Fact } from '../domain/types';
import { testConnection } from '../gather/gatherApp';
import { loadApp } from '../resolve/findApp';
import { jobActionPath, type JobAction } from '../graph/endpoints';
import { BotError } from '../errors';
import { cancelButton, confirmButton, remedyButton } from './buttons';
import type { RestartOption } from './remedyRequest';
import { OUTCOME_UNKNOWN, type Execution, type Inspection, type RemedyContext, type RemedyHandler, type Verification } from './remedyTypes';
import { afterUnknownWrite } from './verify';

const code = (app: AppEvidence) => String(app.job.status?.code ?? 'unknown');

async function inspectJob(ctx: RemedyContext, staleWhen: (app: AppEvidence) => string | undefined): Promise<Inspection> {
  const app = await loadApp(ctx.gateway, ctx.request.spId, ctx.request.jobId);
  return { app, stale: staleWhen(app), current: jobFacts(app.job, ctx.now.toISOString()) };
}

/** Whether a job shows the change in place: true, false, or undefined when its state cannot tell. */
type Applied = (before: AppEvidence | undefined, after: AppEvidence) => boolean | undefined;

const outOfQuarantine: Applied = (_before, after) => code(after) !== 'Quarantine';
const paused: Applied = (_before, after) => code(after) === 'Paused' || String(after.job.schedule?.state ?? '').toLowerCase() !== 'active';
const scheduleActive: Applied = (_before, after) => String(after.job.schedule?.state ?? '').toLowerCase() === 'active';
// A restart leaves no mark on an active job; it shows only where it lifted a quarantine.
const restarted: Applied = (before, after) => (before && code(before) === 'Quarantine' ? code(after) !== 'Quarantine' : undefined);

async function verifyJob(ctx: RemedyContext, before: Inspection | undefined, applied: Applied): Promise<Verification> {
  const after = await loadApp(ctx.gateway, ctx.request.spId, ctx.request.jobId);
  const yes = applied(before?.app, after);
  const name = after.app.displayName;
  return {
    applied: yes,
    state:
      yes === true
        ? `${name}'s status is now ${code(after)}`
        : yes === false
          ? `${name}'s status is still ${code(after)}: nothing changed`
          : `${name}'s status is ${code(after)}, which cannot show whether it went through`,
    current: jobFacts(after.job, ctx.now.toISOString()),
  };
}

/** A job action, then the job as Graph reports it afterwards; an unconfirmed action is verified, never assumed. */
async function act(ctx: RemedyContext, before: Inspection, action: JobAction, body: unknown, words: { done: string; summary: string; what: string }, applied: Applied): Promise<Execution> {
  let requestId: string | undefined;
  try {
    ({ requestId } = await ctx.gateway.write('POST', jobActionPath(ctx.request.spId, ctx.request.jobId, action), body));
  } catch (error) {
    if (!(error instanceof BotError && OUTCOME_UNKNOWN.has(error.code))) throw error;
    return afterUnknownWrite(words.what, () => verifyJob(ctx, before, applied));
  }
  const after = await loadApp(ctx.gateway, ctx.request.spId, ctx.request.jobId);
  const changed = code(before.app) !== code(after);
  return {
    result: 'succeeded',
    title: `${words.done} for ${after.app.displayName}`,
    summary: words.summary,
    changes: [{ label: 'Job status', value: changed ? `${code(before.app)} → ${code(after)}` : `${code(after)} (unchanged)` }],
    requestId,
  };
}

const usersInScope = (app: AppEvidence): Fact[] => {
  const s = app.job.status;
  // A failed last cycle counts nothing: the last successful one says how many are in scope.
  const count = s?.lastSuccessfulExecution?.countEntitledForProvisioning ?? s?.lastExecution?.countEntitledForProvisioning ?? s?.lastExecution?.countEntitled;
  return typeof count === 'number' ? [{ label: 'Users in scope (last cycle)', value: String(count) }] : [];
};

export const clearQuarantine: RemedyHandler = {
  needsConfirmation: true,
  inspect: (ctx) =>
    inspectJob(ctx, (app) => (code(app) === 'Quarantine' ? undefined : `${app.app.displayName} is no longer in quarantine: its status is now ${code(app)}.`)),
  confirmation(ctx, inspection) {
    const name = inspection.app.app.displayName;
    const quarantine = quarantineFinding({ now: ctx.now.toISOString(), app: inspection.app });
    const credentials = quarantine?.cause === 'quarantine-credentials';
    return {
      title: `Clear the quarantine of ${name}?`,
      subject: name,
      whatHappens: [
        `Restart ${name} provisioning with reset scope QuarantineState: the quarantine is lifted.`,
        'Cycles go back to the normal interval (about every 40 minutes) instead of once a day; the watermark and escrowed changes are kept.',
      ],
      impact: quarantine?.evidence.slice(0, 4) ?? inspection.current,
      warning: credentials
        ? `The quarantine was caused by rejected credentials. Until the secret token or tenant URL is fixed, ${name} will fall back into quarantine: test the connection first.`
        : undefined,
      confirm: confirmButton(ctx.request, 'Clear quarantine', { seenState: 'Quarantine' }),
      cancel: cancelButton(ctx.request),
      alternatives: credentials ? [remedyButton('testConnection', 'Test connection first', inspection.app.app)] : [],
    };
  },
  execute: (ctx, before) =>
    act(ctx, before, 'restart', { criteria: { resetScope: 'QuarantineState' } }, {
      done: 'Quarantine cleared',
      what: 'Clearing the quarantine',
      summary: 'The next cycle runs at the normal interval. If the cause is not fixed, the job goes back into quarantine.',
    }, outOfQuarantine),
  verify: (ctx, before) => verifyJob(ctx, before, outOfQuarantine),
};

const RESTART_RISKS: Record<RestartOption, { label: string; scope: string; risk: string; steps: string[] }> = {
  Full: {
    label: 'Full restart',
    // Named with the portal restart's parts, so the job also leaves quarantine as the confirmation says.
    scope: 'Watermark, Escrows, QuarantineState, Full',
    risk: 'A full restart also clears the connector data store: the service forgets what it knew about accounts in the target and matches every user again. Accounts whose matching attribute changed can be created twice.',
    steps: ['Clear the quarantine, the watermark, the escrows and the connector data store.', 'Match and re-evaluate every user in scope in the next cycle.'],
  },
  ForceDeletes: {
    label: 'Restart and allow held-back deletions',
    scope: 'Watermark, Escrows, QuarantineState, ForceDeletes',
    risk: 'This pushes through the deletions that accidental-deletion prevention held back: the accounts concerned will be deleted or disabled in the target. This cannot be undone from here.',
    steps: ['Clear the quarantine, the watermark and the escrows.', 'Carry out the deletions held back by accidental-deletion prevention in the next cycle.'],
  },
};

export const restartProvisioning: RemedyHandler = {
  needsConfirmation: true,
  inspect: (ctx) =>
    inspectJob(ctx, (app) =>
      ctx.request.seenState && ctx.request.seenState !== code(app)
        ? `${app.app.displayName}'s status changed from ${ctx.request.seenState} to ${code(app)} since this card was made.`
        : undefined,
    ),
  confirmation(ctx, inspection) {
    const name = inspection.app.app.displayName;
    const seenState = code(inspection.app);
    const option = ctx.request.restartOption;
    if (option) {
      const r = RESTART_RISKS[option];
      return {
        title: `${r.label} of ${name}?`,
        subject: name,
        whatHappens: [...r.steps, 'The next cycle is a full one: it can take as long as the first cycle (20 minutes to hours).'],
        impact: [...usersInScope(inspection.app), ...inspection.current.slice(0, 2)],
        warning: r.risk,
        confirm: confirmButton(ctx.request, `Yes, ${r.label.toLowerCase()}`, { seenState }, true),
        cancel: cancelButton(ctx.request),
      };
    }
    return {
      title: `Restart ${name} provisioning?`,
      subject: name,
      whatHappens: [
        'Lift any quarantine, clear the watermark and the escrowed (failed) changes — what Restart provisioning does in the admin center.',
        'The next cycle re-evaluates every user and group in scope: a full cycle, which can take as long as the first one (20 minutes to hours).',
      ],
      impact: [...usersInScope(inspection.app), ...inspection.current.slice(0, 2)],
      confirm: confirmButton(ctx.request, 'Restart provisioning', { seenState }),
      cancel: cancelButton(ctx.request),
      alternatives: [
        { ...remedyButton('restartProvisioning', `${RESTART_RISKS.Full.label}…`, inspection.app.app, { seenState, restartOption: 'Full' }) },
        { ...remedyButton('restartProvisioning', `${RESTART_RISKS.ForceDeletes.label}…`, inspection.app.app, { seenState, restartOption: 'ForceDeletes' }) },
      ],
    };
  },
  execute(ctx, before) {
    const option = ctx.request.restartOption;
    // The portal's restart sends no reset scope; the options are explicit.
    const body = option ? { criteria: { resetScope: RESTART_RISKS[option].scope } } : {};
    return act(ctx, before, 'restart', body, {
      done: option ? RESTART_RISKS[option].label : 'Provisioning restarted',
      what: option ? `The ${RESTART_RISKS[option].label.toLowerCase()}` : 'The restart',
      summary: 'The next cycle re-evaluates everyone in scope. Ask me for the status in a while to follow it.',
    }, restarted);
  },
  verify: (ctx, before) => verifyJob(ctx, before, restarted),
};

export const startProvisioning: RemedyHandler = {
  needsConfirmation: true,
  inspect: (ctx) =>
    inspectJob(ctx, (app) =>
      code(app) === 'Active' && String(app.job.schedule?.state ?? '').toLowerCase() === 'active'
        ? `${app.app.displayName} provisioning is already running (status Active).`
        : ctx.request.seenState && ctx.request.seenState !== code(app)
          ? `${app.app.displayName}'s status changed from ${ctx.request.seenState} to ${code(app)} since this card was made.`
          : undefined,
    ),
  confirmation(ctx, inspection) {
    const name = inspection.app.app.displayName;
    const neverRun = code(inspection.app) === 'NotRun';
    return {
      title: `Start ${name} provisioning?`,
      subject: name,
      whatHappens: [
        `Start the provisioning job of ${name}: cycles run about every 40 minutes from now on.`,
        neverRun
          ? 'This is its first cycle: it can take from 20 minutes to several hours, depending on how many users and groups are in scope.'
          : 'It picks up where it stopped: changes made while it was stopped are provisioned in the next cycle.',
      ],
      impact: inspection.current.slice(0, 3),
      confirm: confirmButton(ctx.request, 'Start provisioning', { seenState: code(inspection.app) }),
      cancel: cancelButton(ctx.request),
      alternatives: [remedyButton('testConnection', 'Test connection first', inspection.app.app)],
    };
  },
  execute: (ctx, before) =>
    act(ctx, before, 'start', undefined, { done: 'Provisioning started', summary: 'Cycles run about every 40 minutes from now on.', what: 'Starting provisioning' }, scheduleActive),
  verify: (ctx, before) => verifyJob(ctx, before, scheduleActive),
};

/** Test connection changes nothing, so it runs on the first click; it is still recorded. */
export const testConnectionRemedy: RemedyHandler = {
  needsConfirmation: false,
  inspect: (ctx) => inspectJob(ctx, () => undefined),
  confirmation() {
    throw new Error('testConnection runs without a confirmation');
  },
  async execute(ctx, inspection) {
    const check = await testConnection(ctx.gateway, inspection.app.app);
    const [finding] = diagnoseCredentials({ now: ctx.now.toISOString(), app: inspection.app, credentialCheck: check }).findings;
    return {
      result: check.ok ? 'succeeded' : 'failed',
      title: finding.title,
      summary: finding.explanation,
      changes: finding.evidence.slice(0, 4),
      next: check.ok && code(inspection.app) === 'Quarantine' ? [remedyButton('clearQuarantine', 'Clear quarantine', inspection.app.app)] : [],
    };
  },
  // It changes nothing: whatever happened, the job is as it was.
  verify: (ctx, before) => verifyJob(ctx, before, () => undefined),
};

/** Pause stops the cycles (POST …/pause); nothing already provisioned is undone, and Start resumes it. */
export const pauseProvisioning: RemedyHandler = {
  needsConfirmation: true,
  inspect: (ctx) =>
    inspectJob(ctx, (app) => (code(app) === 'Paused' ? `${app.app.displayName} provisioning is already paused.` : undefined)),
  confirmation(ctx, inspection) {
    const name = inspection.app.app.displayName;
    return {
      title: `Pause ${name} provisioning?`,
      subject: name,
      whatHappens: [
        `Pause the provisioning job of ${name}: no cycles run until it is started again. A cycle under way stops where it is, and Start continues from there (Graph keeps its progress).`,
        'Accounts already provisioned stay as they are; changes made in the meantime are provisioned when it is started again.',
      ],
      impact: inspection.current.slice(0, 3),
      confirm: confirmButton(ctx.request, 'Pause provisioning', { seenState: code(inspection.app) }),
      cancel: cancelButton(ctx.request),
    };
  },
  execute: (ctx, before) =>
    act(ctx, before, 'pause', undefined, { done: 'Provisioning paused', summary: 'No cycles run until provisioning is started again.', what: 'Pausing provisioning' }, paused),
  verify: (ctx, before) => verifyJob(ctx, before, paused),
};
