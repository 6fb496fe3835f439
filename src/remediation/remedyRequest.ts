// A remedy click, validated: card data comes back from a client and is untrusted. Nothing reaches Graph
// unless the verb is known and every id has the right shape. The schema's messages are shown to the admin.
import { z } from 'zod';
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

/** Every failure of a field (missing, wrong type, wrong shape) reads the same to the admin. */
const saying = (message: string) => ({ errorMap: () => ({ message }) });
const guid = (message: string) =>
  z
    .unknown()
    .refine(isGuid, message)
    .transform((v) => (v as string).toLowerCase());
const optionalGuid = (message: string) => guid(message).optional();
const USER_OR_GROUP = 'The user or group id on this button is not valid.';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const remedyData = z.object(
  {
    spId: guid('The app id on this button is missing or not valid.'),
    jobId: z.unknown().refine(isJobId, 'The provisioning job id on this button is missing or not valid.').transform((v) => v as string),
    userId: optionalGuid(USER_OR_GROUP),
    groupId: optionalGuid(USER_OR_GROUP),
    seenState: z.string(saying('The state on this button is not valid.')).max(200, 'The state on this button is not valid.').optional(),
    appRoleId: optionalGuid('The app role on this button is not valid.'),
    /** A bulk retry's window start: the list the admin saw. */
    since: z.string(saying('The time on this button is not valid.')).regex(ISO_UTC, 'The time on this button is not valid.').optional(),
    restartOption: z.enum(RESTART_OPTIONS, saying('That restart option is not one I offer.')).optional(),
    stage: z.enum(['review', 'confirm'], saying('The button’s step is not valid.')).default('review'),
    operationId: z.unknown(),
    /** A cancel button's own verb is cancelRemedy, so the action it cancels travels in the data. */
    verb: z.unknown(),
  },
  saying('The button carried no data.'),
);

const isRemedyVerb = (v: unknown): v is RemedyVerb => typeof v === 'string' && (REMEDY_VERBS as readonly string[]).includes(v);

/** The request a click with this verb carries; a failure's message says what is wrong with the button. */
export function remedySchema(verb: string): z.ZodType<RemedyRequest, z.ZodTypeDef, unknown> {
  const cancel = verb === CANCEL_VERB;
  return remedyData.transform((d, ctx): RemedyRequest => {
    const remedy = cancel ? d.verb : verb;
    const problem = !isRemedyVerb(remedy)
      ? `“${String(remedy).slice(0, 40)}” is not an action I know.`
      : (remedy === 'reassignUser' || remedy === 'provisionOnDemand') && !d.userId && !d.groupId
        ? 'This action needs a user or a group, and the button names none.'
        : !cancel && d.stage === 'confirm' && !isGuid(d.operationId)
          ? 'The confirmation carried no valid operation id.'
          : undefined;
    if (problem) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      return z.NEVER;
    }
    const stage = cancel ? 'cancel' : d.stage;
    return {
      verb: remedy as RemedyVerb,
      stage,
      spId: d.spId,
      jobId: d.jobId,
      ...(d.userId ? { userId: d.userId } : {}),
      ...(d.groupId ? { groupId: d.groupId } : {}),
      ...(d.seenState !== undefined ? { seenState: d.seenState } : {}),
      ...(stage === 'confirm' ? { operationId: (d.operationId as string).toLowerCase() } : {}),
      ...(d.restartOption ? { restartOption: d.restartOption } : {}),
      ...(d.appRoleId ? { appRoleId: d.appRoleId } : {}),
      ...(d.since ? { since: d.since } : {}),
    };
  });
}

/** The data a button carries for a request at the given stage. */
export function buttonData(request: RemedyRequest, extra: Partial<RemedyRequest> = {}): Record<string, unknown> {
  const { verb, stage, ...ids } = { ...request, ...extra };
  // A cancel button's own verb is cancelRemedy, so the action it cancels travels in the data.
  return stage === 'cancel' ? { ...ids, verb } : { ...ids, stage };
}
