// A question in flight: the intent, plus choices the admin already made on "which one?" cards. It travels
// inside card buttons as flat data, so it is validated like any other untrusted input when it comes back.
import { REMEDY_VERBS, TOPICS, type Intent, type RemedyVerb, type Topic } from '../domain/types';
import { isGuid, isJobId } from '../graph/odataText';

export interface Question {
  intent: Intent;
  principalPick?: { kind: 'user' | 'group'; id: string };
  appPick?: { spId: string; jobId: string };
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
}

const MAX_NAME = 200;

export function toData(q: Question): QuestionData {
  return {
    topic: q.intent.topic,
    ...(q.intent.principal ? { principal: q.intent.principal } : {}),
    ...(q.intent.app ? { app: q.intent.app } : {}),
    ...(q.principalPick ? { principalKind: q.principalPick.kind, principalId: q.principalPick.id } : {}),
    ...(q.appPick ? { spId: q.appPick.spId, jobId: q.appPick.jobId } : {}),
    ...(q.intent.command ? { command: q.intent.command.verb, ...(q.intent.command.restartOption ? { restartOption: q.intent.command.restartOption } : {}) } : {}),
  };
}

const RESTART_OPTIONS: ReadonlyArray<unknown> = ['Full', 'ForceDeletes'];

const optionalName = (v: unknown) => v === undefined || (typeof v === 'string' && v.length <= MAX_NAME);

/** The question a card button carries, or undefined when the data is not one (tampered, truncated, old). */
export function fromData(data: unknown): Question | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const d = data as Record<string, unknown>;
  if (!TOPICS.includes(d.topic as Topic)) return undefined;
  if (!optionalName(d.principal) || !optionalName(d.app)) return undefined;
  if (d.command !== undefined && !(REMEDY_VERBS as readonly unknown[]).includes(d.command)) return undefined;
  if (d.restartOption !== undefined && !RESTART_OPTIONS.includes(d.restartOption)) return undefined;
  const question: Question = {
    intent: {
      topic: d.topic as Topic,
      ...(d.principal ? { principal: d.principal as string } : {}),
      ...(d.app ? { app: d.app as string } : {}),
      ...(d.command
        ? { command: { verb: d.command as RemedyVerb, ...(d.restartOption ? { restartOption: d.restartOption as 'Full' | 'ForceDeletes' } : {}) } }
        : {}),
    },
  };
  if (d.principalId !== undefined || d.principalKind !== undefined) {
    if (!isGuid(d.principalId) || (d.principalKind !== 'user' && d.principalKind !== 'group')) return undefined;
    question.principalPick = { kind: d.principalKind, id: d.principalId };
  }
  if (d.spId !== undefined || d.jobId !== undefined) {
    if (!isGuid(d.spId) || !isJobId(d.jobId)) return undefined;
    question.appPick = { spId: d.spId, jobId: d.jobId };
  }
  return question;
}
