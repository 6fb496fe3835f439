// A question in flight: the intent, plus choices the admin already made on "which one?" cards. It travels
// inside card buttons as flat data, so it is validated like any other untrusted input when it comes back.
import { z } from 'zod';
import { APP_PHASES, CONCEPTS, HISTORY_FOCUSES, REMEDY_VERBS, TOPICS, type Concept, type Intent, type ListKind, type RemedyVerb, type Topic } from '../domain/types';
import { isGuid, isJobId } from '../graph/odataText';
import { RESTART_OPTIONS } from '../remediation/remedyRequest';

export interface Question {
  intent: Intent;
  principalPick?: { kind: 'user' | 'group'; id: string };
  appPick?: { spId: string; jobId: string };
  /** A page of a long answer (the history timeline's "Older" button), zero-based. */
  page?: number;
}

/** The flat form carried in `Action.Execute` data. */
export interface QuestionData {
  topic: Topic;
  principal?: string;
  app?: string;
  principalKind?: 'user' | 'group';
  principalId?: string;
  spId?: string;
  jobId?: string;
  /** A typed command the question carries ("pause it" → which app?). */
  command?: RemedyVerb;
  restartOption?: 'Full' | 'ForceDeletes';
  page?: number;
  historyFocus?: Intent['historyFocus'];
  mappingKind?: NonNullable<Intent['mapping']>['kind'];
  mappingObject?: 'group';
  attribute?: string;
  mappingValue?: string;
  /** For a list: its time window and what it lists. */
  window?: Intent['window'];
  listOf?: ListKind;
  /** For an overview: the one state its apps are narrowed to. */
  appPhase?: Intent['appPhase'];
  errorCode?: string;
  concept?: Concept;
}

const MAX_NAME = 200;

export function toData(q: Question): QuestionData {
  return {
    topic: q.intent.topic,
    ...(q.intent.principal ? { principal: q.intent.principal } : {}),
    ...(q.intent.app ? { app: q.intent.app } : {}),
    ...(q.principalPick ? { principalKind: q.principalPick.kind, principalId: q.principalPick.id } : {}),
    ...(q.appPick ? { spId: q.appPick.spId, jobId: q.appPick.jobId } : {}),
    ...(q.page ? { page: q.page } : {}),
    ...(q.intent.historyFocus ? { historyFocus: q.intent.historyFocus } : {}),
    ...(q.intent.mapping
      ? {
          mappingKind: q.intent.mapping.kind,
          ...(q.intent.mapping.attribute ? { attribute: q.intent.mapping.attribute } : {}),
          ...(q.intent.mapping.object ? { mappingObject: q.intent.mapping.object } : {}),
          ...(q.intent.mapping.value ? { mappingValue: q.intent.mapping.value } : {}),
        }
      : {}),
    ...(q.intent.command ? { command: q.intent.command.verb, ...(q.intent.command.restartOption ? { restartOption: q.intent.command.restartOption } : {}) } : {}),
    ...(q.intent.window ? { window: q.intent.window } : {}),
    ...(q.intent.listOf ? { listOf: q.intent.listOf } : {}),
    ...(q.intent.appPhase ? { appPhase: q.intent.appPhase } : {}),
    ...(q.intent.errorCode ? { errorCode: q.intent.errorCode } : {}),
    ...(q.intent.concept ? { concept: q.intent.concept } : {}),
  };
}

const name = z.string().max(MAX_NAME).optional();

const questionData = z
  .object({
    topic: z.enum(TOPICS),
    principal: name,
    app: name,
    command: z.enum(REMEDY_VERBS).optional(),
    restartOption: z.enum(RESTART_OPTIONS).optional(),
    principalKind: z.enum(['user', 'group']).optional(),
    principalId: z.unknown().refine((v) => v === undefined || isGuid(v)),
    spId: z.unknown().refine((v) => v === undefined || isGuid(v)),
    jobId: z.unknown().refine((v) => v === undefined || isJobId(v)),
    page: z.number().int().min(0).max(999).optional(),
    historyFocus: z.enum(HISTORY_FOCUSES).optional(),
    mappingKind: z.enum(['attribute', 'matching', 'scoping']).optional(),
    mappingObject: z.enum(['group']).optional(),
    attribute: name,
    mappingValue: name,
    window: z
      .object({
        label: z.string().max(60),
        hours: z.number().int().positive().max(24 * 31).optional(),
        since: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/).optional(),
      })
      .optional(),
    listOf: z.enum(['skipped', 'failure', 'problems', 'created', 'removed']).optional(),
    appPhase: z.enum(APP_PHASES).optional(),
    errorCode: z.string().max(120).regex(/^[A-Za-z][A-Za-z0-9]*$/).optional(),
    concept: z.enum(CONCEPTS).optional(),
  })
  // A pick is both of its fields or neither.
  .refine((d) => (d.principalId === undefined) === (d.principalKind === undefined) && (d.spId === undefined) === (d.jobId === undefined));

/** The question a card button carries back; it fails on data that is not one (tampered, truncated, old). */
export const questionSchema: z.ZodType<Question, z.ZodTypeDef, unknown> = questionData.transform((d) => ({
  ...(d.page ? { page: d.page } : {}),
  intent: {
    topic: d.topic,
    ...(d.historyFocus ? { historyFocus: d.historyFocus } : {}),
    ...(d.mappingKind
      ? { mapping: { kind: d.mappingKind, ...(d.attribute ? { attribute: d.attribute } : {}), ...(d.mappingObject ? { object: d.mappingObject } : {}), ...(d.mappingValue ? { value: d.mappingValue } : {}) } }
      : {}),
    ...(d.window ? { window: { label: d.window.label, ...(d.window.hours ? { hours: d.window.hours } : {}), ...(d.window.since ? { since: d.window.since } : {}) } } : {}),
    ...(d.listOf ? { listOf: d.listOf } : {}),
    ...(d.appPhase ? { appPhase: d.appPhase } : {}),
    ...(d.errorCode ? { errorCode: d.errorCode } : {}),
    ...(d.concept ? { concept: d.concept } : {}),
    ...(d.principal ? { principal: d.principal } : {}),
    ...(d.app ? { app: d.app } : {}),
    ...(d.command ? { command: { verb: d.command, ...(d.restartOption ? { restartOption: d.restartOption } : {}) } } : {}),
  },
  ...(d.principalKind ? { principalPick: { kind: d.principalKind, id: d.principalId as string } } : {}),
  ...(d.spId !== undefined ? { appPick: { spId: d.spId as string, jobId: d.jobId as string } } : {}),
}));
