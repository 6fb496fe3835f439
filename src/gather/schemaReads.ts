// A job's synchronization schema is the largest body a question reads (20–40 KB per app, parsed each time),
// and it changes only when an admin edits the app's mappings or scoping. One read per app serves the questions
// of the next SCHEMA_REUSE_MS, as the app's shared log read does. It is given only to a question whose own read
// of that app's jobs just succeeded (the same permission reads both), and never where read reuse is off.
import { deepFreeze } from '../domain/deepFreeze';
import type { GraphGateway } from '../graph/gateway';
import type { SynchronizationSchema } from '../graph/types';
import { APP_LOG_CACHE_MS } from './provisioningLogs';

export const SCHEMA_REUSE_MS = APP_LOG_CACHE_MS;
/** Enough for every app a tenant provisions; beyond it the oldest read is dropped. */
const MAX_SCHEMAS = 200;

const schemas = new Map<string, { at: number; schema: SynchronizationSchema }>();
const keyOf = (gateway: Pick<GraphGateway, 'tenant'>, spId: string, jobId: string) => `${gateway.tenant}|${spId.toLowerCase()}|${jobId}`;

/** The schema read for this job within SCHEMA_REUSE_MS, if any. */
export function reusedSchema(gateway: Pick<GraphGateway, 'tenant' | 'reusesLogReads'>, spId: string, jobId: string, now = Date.now()): SynchronizationSchema | undefined {
  if (!gateway.reusesLogReads) return undefined;
  const kept = schemas.get(keyOf(gateway, spId, jobId));
  return kept && now - kept.at < SCHEMA_REUSE_MS ? kept.schema : undefined;
}

/** The tenant's schemas read within SCHEMA_REUSE_MS: what its scoping filters read, known before a question reads any. */
export function sharedSchemas(gateway: Pick<GraphGateway, 'tenant' | 'reusesLogReads'>, now = Date.now()): SynchronizationSchema[] {
  if (!gateway.reusesLogReads) return [];
  const prefix = `${gateway.tenant}|`;
  return [...schemas].filter(([k, v]) => k.startsWith(prefix) && now - v.at < SCHEMA_REUSE_MS).map(([, v]) => v.schema);
}

/** Keeps a schema just read; it is shared, so it is frozen (a diagnosis reads it, never changes it). */
export function keepSchema(gateway: Pick<GraphGateway, 'tenant' | 'reusesLogReads'>, spId: string, jobId: string, schema: SynchronizationSchema, now = Date.now()): SynchronizationSchema {
  if (!gateway.reusesLogReads) return schema;
  for (const [k, v] of schemas) if (now - v.at >= SCHEMA_REUSE_MS) schemas.delete(k);
  const key = keyOf(gateway, spId, jobId);
  schemas.delete(key);
  if (schemas.size >= MAX_SCHEMAS) schemas.delete(schemas.keys().next().value!);
  schemas.set(key, { at: now, schema: deepFreeze(schema) });
  return schema;
}
