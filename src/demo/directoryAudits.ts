// The Entra audit log's list (`GET /auditLogs/directoryAudits`) as Graph documents it: `$filter` with eq, ge,
// le, startswith and any() over targetResources on the documented properties, `$orderby`, `$top` and paging.
// A filter outside that gets the reports API's 400 "Invalid filter clause", as real Graph does.
import { queryOption } from './collection';
import { badRequest, type DemoRequest } from './graphHttp';
import { ODataParseError, parseFilter, type FilterExpr } from './odata';

const FILTERABLE = new Set([
  'activitydatetime', 'activitydisplayname', 'category', 'correlationid', 'id', 'loggedbyservice', 'result', 'operationtype',
  'initiatedby', 'targetresources',
]);
const OPERATORS = new Set(['eq', 'ge', 'le']);

function supported(expr: FilterExpr, inLambda = false): boolean {
  switch (expr.kind) {
    case 'literal':
      return true;
    case 'path':
      return inLambda && expr.variable !== undefined ? true : FILTERABLE.has(expr.segments[0]?.toLowerCase() ?? '');
    case 'compare':
      return OPERATORS.has(expr.op) && supported(expr.left, inLambda) && supported(expr.right, inLambda);
    case 'and':
    case 'or':
      return supported(expr.left, inLambda) && supported(expr.right, inLambda);
    case 'call':
      return expr.name === 'startswith' && expr.args.every((a) => supported(a, inLambda));
    case 'lambda':
      return expr.quantifier === 'any' && supported(expr.collection) && (!expr.body || supported(expr.body, true));
    default:
      return false;
  }
}

/** Throws Graph's 400 for a `$filter` the audit log does not support; the collection applies the rest. */
export function checkDirectoryAuditFilter(req: DemoRequest): void {
  const filter = queryOption(req.query, '$filter');
  if (filter === undefined) return;
  let expr: FilterExpr;
  try {
    expr = parseFilter(filter);
  } catch (e) {
    if (e instanceof ODataParseError) throw badRequest('Invalid filter clause', 'BadRequest');
    throw e;
  }
  if (!supported(expr)) throw badRequest('Invalid filter clause', 'BadRequest');
}
