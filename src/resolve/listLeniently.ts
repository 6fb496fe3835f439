// Listing a whole collection on a Graph-compatible server that may not support every query option: the
// options here only trim the payload, so a server that refuses them gets the plain list instead.
import { BotError } from '../errors';
import type { GraphGateway } from '../graph/gateway';
import type { Query } from '../graph/endpoints';

/** Enough for a large directory's lookups; beyond it a server that cannot filter is not a fit anyway. */
export const MAX_LISTED = 20_000;

export async function listLeniently<T>(gateway: GraphGateway, path: string, query: Query): Promise<T[]> {
  try {
    return await gateway.list<T>(path, { ...query, top: 999 }, MAX_LISTED);
  } catch (error) {
    if (!(error instanceof BotError && error.code === 'graph-bad-request')) throw error;
    return gateway.list<T>(path, {}, MAX_LISTED);
  }
}
