// A remedy click, validated: card data comes back from a client and is untrusted. Nothing reaches Graph
// unless the verb is known and every id has the right shape.
import { REMEDY_VERBS, type RemedyVerb } from '../domain/types';
import { isGuid, isJobId } from '../graph/odataText';

export const CANCEL_VERB = 'cancelRemedy';

/** Restart variants beyond the portal's default, each behind its own confirmation that names the risk. */
export const RESTART_OPTIONS = ['Full', 'ForceDeletes'] as const;
export type RestartOption = (typeof RESTART_OPTIONS)[number];

export interface RemedyRequest {
  verb: RemedyVerb;
  /** review: show what will happen; confirm: do it; cancel: say nothing was done. */
  stage: 'review' | 'confirm' | 'cancel';
  spId: string;
  jobId: string;
  userId?: string;
  groupId?: string;
  /** The state the card was built on: the job's status code, or the assignment id (re-assign). */
  seenState?: string;
  /** Set by the confirmation card: one id per confirmation, so repeated clicks run it once. */
  operationId?: string;
  restartOption?: RestartOption;
  /** "Re-assign again" after a half-done re-assignment: the role to add back. */
  appRoleId?: string;
  /** Retry failed users: failures after this ISO time (the list's window). */
  since?: string;
}

export type Parsed = { ok: true; request: RemedyRequest } | { ok: false; problem: string };

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const fail = (problem: string): Parsed => ({ ok: false, problem });
const optionalGuid = (v: unknown) => v === undefined || isGuid(v);

export function parseRemedy(verb: unknown, data: unknown): Parsed {
  const cancel = verb === CANCEL_VERB;
  const d = (data && typeof data === 'object' && !Array.isArray(data) ? data : undefined) as Record<string, unknown> | undefined;
  if (!d) return fail('The button carried no data.');
  const remedy = cancel ? d.verb : verb;
  if (typeof remedy !== 'string' || !(REMEDY_VERBS as readonly string[]).includes(remedy)) return fail(`“${String(remedy).slice(0, 40)}” is not an action I know.`);
  if (!isGuid(d.spId)) return fail('The app id on this button is missing or not valid.');
  if (!isJobId(d.jobId)) return fail('The provisioning job id on this button is missing or not valid.');
  if (!optionalGuid(d.userId) || !optionalGuid(d.groupId)) return fail('The user or group id on this button is not valid.');
  if ((remedy === 'reassignUser' || remedy === 'provisionOnDemand') && !d.userId && !d.groupId) return fail('This action needs a user or a group, and the button names none.');
  if (d.seenState !== undefined && (typeof d.seenState !== 'string' || d.seenState.length > 200)) return fail('The state on this button is not valid.');
  if (!optionalGuid(d.appRoleId)) return fail('The app role on this button is not valid.');
  if (d.since !== undefined && !(typeof d.since === 'string' && ISO_UTC.test(d.since))) return fail('The time on this button is not valid.');
  if (d.restartOption !== undefined && !(RESTART_OPTIONS as readonly unknown[]).includes(d.restartOption)) return fail('That restart option is not one I offer.');
  const stage = cancel ? 'cancel' : d.stage === 'confirm' ? 'confirm' : d.stage === undefined || d.stage === 'review' ? 'review' : undefined;
  if (!stage) return fail('The button’s step is not valid.');
  if (stage === 'confirm' && !isGuid(d.operationId)) return fail('The confirmation carried no valid operation id.');
  return {
    ok: true,
    request: {
      verb: remedy as RemedyVerb,
      stage,
      spId: d.spId.toLowerCase(),
      jobId: d.jobId,
      ...(d.userId ? { userId: (d.userId as string).toLowerCase() } : {}),
      ...(d.groupId ? { groupId: (d.groupId as string).toLowerCase() } : {}),
      ...(d.seenState !== undefined ? { seenState: d.seenState as string } : {}),
      ...(stage === 'confirm' ? { operationId: (d.operationId as string).toLowerCase() } : {}),
      ...(d.restartOption ? { restartOption: d.restartOption as RestartOption } : {}),
      ...(d.appRoleId ? { appRoleId: (d.appRoleId as string).toLowerCase() } : {}),
      ...(d.since ? { since: d.since as string } : {}),
    },
  };
}

/** The data a button carries for a request at the given stage. */
export function buttonData(request: RemedyRequest, extra: Partial<RemedyRequest> = {}): Record<string, unknown> {
  const { verb, stage, ...ids } = { ...request, ...extra };
  // A cancel button's own verb is cancelRemedy, so the action it cancels travels in the data.
  return stage === 'cancel' ? { ...ids, verb } : { ...ids, stage };
}
