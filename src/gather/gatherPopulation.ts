// Evidence for "who is assigned to Zendesk?", "how many users are in scope for Zendesk?": the app's assignments
// (bounded), its scope setting (sync all, from the job's secrets) and its schema (the scoping filter), read in
// one round trip. Secret values come back masked and only the settings are read out.
import type { PopulationEvidence } from '../diagnose/population';
import type { AppEvidence } from '../domain/types';
import { appRoleAssignedToPath, jobSchemaPath, synchronizationSecretsPath } from '../graph/endpoints';
import type { GraphGateway } from '../graph/gateway';
import type { AppRoleAssignment, SynchronizationSchema } from '../graph/types';
import { readDeletionSettings, type SecretPair } from './gatherDeprovisioning';
import { keepSchema, reusedSchema } from './schemaReads';

/** Assignments read at most: names are shown a few at a time, and the count says "at least" past it. */
const MAX_ASSIGNMENTS = 2_000;

export async function gatherPopulation(gateway: GraphGateway, app: AppEvidence, now: Date): Promise<PopulationEvidence> {
  const { spId, jobId } = app.app;
  const known = app.schema ?? reusedSchema(gateway, spId, jobId);
  const [assigned, answers] = await Promise.all([
    gateway.listBounded<AppRoleAssignment>(appRoleAssignedToPath(spId), { top: 999 }, MAX_ASSIGNMENTS),
    gateway.batch([
      { id: 'secrets', method: 'GET' as const, url: synchronizationSecretsPath(spId) },
      ...(known ? [] : [{ id: 'schema', method: 'GET' as const, url: jobSchemaPath(spId, jobId) }]),
    ]),
  ]);
  const secrets = answers.get('secrets');
  const schemaRead = answers.get('schema');
  const schema = known ?? (schemaRead?.ok ? keepSchema(gateway, spId, jobId, schemaRead.body as SynchronizationSchema) : undefined);
  return {
    now: now.toISOString(),
    app: schema ? { ...app, schema } : app,
    assignments: assigned.items.filter((a) => !a.deletedDateTime),
    truncated: !!assigned.truncated,
    ...(secrets?.ok ? { settings: readDeletionSettings((secrets.body as { value?: SecretPair[] })?.value ?? []) } : {}),
  };
}
