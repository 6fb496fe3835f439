// Graph's query options on a collection: $filter, $search, $orderby, $count, $top, $skiptoken paging, $select.
import { badRequest, ok, type DemoRequest, type DemoResponse } from './graphHttp';
import { matchesFilter, matchesSearch, ODataParseError, orderByComparator, parseFilter, parseOrderBy, parseSearch, readProperty, type OrderByClause } from './odata';

export interface CollectionOptions {
  /** Absolute URL of the collection, without query: nextLinks start with it. */
  url: string;
  /** `@odata.context` value. */
  context: string;
  pageSize: number;
  maxPageSize: number;
  /** Order when the request has no $orderby. */
  defaultOrder?: OrderByClause[];
  /** Error code for invalid query options: directory objects say Request_BadRequest, other services BadRequest. */
  errorCode: string;
}

/** Query option lookup ignoring case (`$Filter` works on Graph). */
export function queryOption(query: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(query).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : query[key];
}

function parsed<T>(parse: () => T, option: string, errorCode: string): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof ODataParseError) throw badRequest(`Invalid ${option} clause: ${e.message}`, errorCode);
    throw e;
  }
}

/** Keeps the `$select`ed top-level properties (and always `id` and `@odata.type`). */
export function selectProperties(item: unknown, select: string | undefined): unknown {
  if (select === undefined || item === null || typeof item !== 'object') return item;
  const names = select.split(',').map((s) => s.trim()).filter(Boolean);
  const picked: Record<string, unknown> = {};
  for (const name of ['@odata.type', 'id', ...names]) {
    const value = readProperty(item, name);
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

const SKIPTOKEN_PREFIX = 'demo-offset:';

function decodeSkiptoken(token: string, errorCode: string): number {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const offset = Number(text.slice(SKIPTOKEN_PREFIX.length));
  if (!text.startsWith(SKIPTOKEN_PREFIX) || !Number.isInteger(offset) || offset < 0) {
    throw badRequest(`Invalid $skiptoken '${token}'.`, errorCode);
  }
  return offset;
}

export function collectionResponse(items: unknown[], req: DemoRequest, opts: CollectionOptions): DemoResponse {
  const { query } = req;
  const option = (name: string) => queryOption(query, name);
  let result = items;

  const filter = option('$filter');
  if (filter !== undefined) {
    const expr = parsed(() => parseFilter(filter), '$filter', opts.errorCode);
    result = result.filter((item) => matchesFilter(expr, item));
  }

  const search = option('$search');
  if (search !== undefined) {
    if (req.headers['consistencylevel']?.toLowerCase() !== 'eventual') {
      throw badRequest(
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
        opts.errorCode,
      );
    }
    const expr = parsed(() => parseSearch(search), '$search', opts.errorCode);
    result = result.filter((item) => matchesSearch(expr, item));
  }

  const orderby = option('$orderby');
  const order = orderby !== undefined ? parsed(() => parseOrderBy(orderby), '$orderby', opts.errorCode) : opts.defaultOrder;
  if (order) result = [...result].sort(orderByComparator(order));

  const count = option('$count')?.toLowerCase();
  if (count !== undefined && count !== 'true' && count !== 'false') {
    throw badRequest(`Invalid $count value '${count}': use true or false.`, opts.errorCode);
  }

  const top = option('$top');
  let pageSize = opts.pageSize;
  if (top !== undefined) {
    pageSize = Number(top);
    if (!/^\d+$/.test(top) || pageSize < 1 || pageSize > opts.maxPageSize) {
      throw badRequest(`Invalid page size specified: '${top}'. Must be between 1 and ${opts.maxPageSize} inclusive.`, opts.errorCode);
    }
  }

  const skiptoken = option('$skiptoken');
  const offset = skiptoken === undefined ? 0 : decodeSkiptoken(skiptoken, opts.errorCode);
  const page = result.slice(offset, offset + pageSize);

  const body: Record<string, unknown> = { '@odata.context': opts.context };
  if (count === 'true') body['@odata.count'] = result.length;
  if (offset + pageSize < result.length) {
    const kept = Object.entries(query).filter(([k]) => k.toLowerCase() !== '$skiptoken');
    const token = Buffer.from(`${SKIPTOKEN_PREFIX}${offset + pageSize}`).toString('base64url');
    const params = [...kept, ['$skiptoken', token]].map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
    body['@odata.nextLink'] = `${opts.url}?${params.join('&')}`;
  }
  const select = option('$select');
  body.value = page.map((item) => selectProperties(item, select));
  return ok(body);
}
