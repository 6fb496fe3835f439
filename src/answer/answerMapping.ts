// "why is jane's job title wrong in Salesforce?", "what's the matching attribute for Salesforce?": the app's
// schema (and, for a person, their attributes and log entries) diagnosed into a mapping card.
import { diagnoseMapping, type MappingEvidence } from '../diagnose/mappingTopic';
import type { AppEvidence } from '../domain/types';
import { BotError } from '../errors';
import { objectMappingFor, sourceAttributesOf } from '../diagnose/mappings';
import { graphSelectFor } from '../diagnose/sourceAttributes';
import { jobSchemaPath, principalPath, USER_FIELDS } from '../graph/endpoints';
import type { GraphGateway } from '../graph/gateway';
import type { SynchronizationSchema } from '../graph/types';
import { gatherPrincipal, type PrincipalActivity } from '../gather/gatherPrincipal';
import { renderMapping, renderProblem, type Rendered } from '../render';
import type { PrincipalMatch } from '../resolve/findPrincipal';
import type { AnswerDeps } from './answerQuestion';
import type { Question } from './question';

/** The person's values of every source attribute the user mapping reads that the first read did not bring. */
async function withMappedAttributes(gateway: GraphGateway, app: AppEvidence, userId: string, object: Record<string, unknown>): Promise<Record<string, unknown>> {
  const names = (objectMappingFor(app.schema, 'User')?.attributeMappings ?? []).flatMap((m) => sourceAttributesOf(m));
  // The first read asked for USER_FIELDS: one of those missing is empty, not unread.
  const asked = new Set<string>(USER_FIELDS);
  const missing = graphSelectFor(names).filter((p) => !(p in object) && !asked.has(p));
  if (!missing.length) return object;
  return { ...object, ...(await gateway.get<Record<string, unknown>>(principalPath('user', userId), { select: ['id', ...missing] })) };
}

interface Resolved {
  app?: AppEvidence;
  principal?: PrincipalMatch;
  activity?: Promise<PrincipalActivity>;
}

export async function answerMapping(question: Question, deps: AnswerDeps, { app, principal, activity }: Resolved, now: Date): Promise<Rendered> {
  if (!app) {
    return renderProblem({
      title: 'Which app’s mappings should I read?',
      whatHappened: 'Attribute mappings and scoping filters belong to one app’s provisioning.',
      tryThis: ['Name the app, for example "what’s the matching attribute for Salesforce?".'],
    });
  }
  const ask = question.intent.mapping ?? { kind: 'attribute' as const };
  let evidence: MappingEvidence;
  if (principal && principal.ref.kind === 'user') {
    const gathered = await gatherPrincipal(deps.gateway, principal, app, now, activity);
    const withSchema = gathered.apps.find((a) => a.app.spId === app.app.spId) ?? app;
    evidence = {
      now: gathered.now,
      app: withSchema,
      ask,
      person: {
        ref: principal.ref,
        object: await withMappedAttributes(deps.gateway, withSchema, principal.ref.id, gathered.directoryObject as unknown as Record<string, unknown>),
        logs: gathered.logs.filter((l) => l.servicePrincipal?.id === app.app.spId),
        ...(gathered.logsUnavailable ? { logsUnavailable: gathered.logsUnavailable } : {}),
      },
    };
  } else {
    const schema = app.schema ?? (await deps.gateway.get<SynchronizationSchema>(jobSchemaPath(app.app.spId, app.app.jobId)));
    evidence = { now: now.toISOString(), app: { ...app, schema }, ask };
  }
  if (!evidence.app.schema) throw new BotError('graph-bad-response', `The provisioning schema of ${app.app.displayName} could not be read.`);
  return renderMapping(diagnoseMapping(evidence), { timeZone: deps.timeZone, locale: deps.locale });
}
