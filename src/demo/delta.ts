// `GET /servicePrincipals/delta` in Graph's shape: `$deltatoken=latest` starts tracking with no items and an
// `@odata.deltaLink`; a round from a token returns the service principals created or changed since, and the
// deleted ones as `{ id, "@removed": { reason: "deleted" } }` (Microsoft's "Use delta query" overview), then a
// new deltaLink. Tokens are snapshots kept in memory per tenant (the last few only, as Graph's expire too);
// an unknown token is Graph's `syncStateNotFound`.
import type { ServicePrincipal } from '../graph/types';
import { queryOption, selectProperties } from './collection';
import { GraphError, ok, type DemoResponse } from './graphHttp';
import type { DemoTenantFile } from './tenantFile';

const KEPT_TOKENS = 4;

interface Tracking {
  next: number;
  snapshots: Map<string, Map<string, string>>;
}

const tracking = new WeakMap<DemoTenantFile, Tracking>();

export function servicePrincipalsDelta(state: DemoTenantFile, query: Record<string, string>, baseUrl: string): DemoResponse {
  const t = tracking.get(state) ?? { next: 1, snapshots: new Map() };
  tracking.set(state, t);
  const select = queryOption(query, '$select');
  const token = queryOption(query, '$deltatoken');
  const now = new Map(state.servicePrincipals.map((sp) => [sp.id, JSON.stringify(selectProperties(sp, select))]));
  let value: unknown[];
  if (token === 'latest') value = [];
  else if (token === undefined) value = state.servicePrincipals.map((sp) => selectProperties(sp, select));
  else {
    const before = t.snapshots.get(token);
    if (!before) throw new GraphError(400, 'syncStateNotFound', 'The sync state generation is not found. The delta token is expired and data must be synchronized again.');
    value = [
      ...state.servicePrincipals.filter((sp: ServicePrincipal) => before.get(sp.id) !== now.get(sp.id)).map((sp) => selectProperties(sp, select)),
      ...[...before.keys()].filter((id) => !now.has(id)).map((id) => ({ id, '@removed': { reason: 'deleted' } })),
    ];
  }
  const next = `d${t.next++}`;
  t.snapshots.set(next, now);
  for (const old of [...t.snapshots.keys()].slice(0, Math.max(0, t.snapshots.size - KEPT_TOKENS))) t.snapshots.delete(old);
  const params = `${select ? `$select=${encodeURIComponent(select)}&` : ''}$deltatoken=${next}`;
  return ok({
    '@odata.context': `${baseUrl}/$metadata#servicePrincipals`,
    value,
    '@odata.deltaLink': `${baseUrl}/servicePrincipals/delta?${params}`,
  });
}
