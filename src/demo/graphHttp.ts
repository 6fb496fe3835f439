// The demo Graph server's request/response vocabulary and Graph's error shapes.

/** One request as the demo Graph sees it, top-level or inside `$batch`. */
export interface DemoRequest {
  method: string;
  /** The path after /v1.0, without the query string, percent-decoded: `/users/{id}`. */
  path: string;
  /** Query options as sent (`$filter`, `$top`, ...), decoded. */
  query: Record<string, string>;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The parsed JSON body, when there is one. */
  body?: unknown;
  inBatch: boolean;
}

/** A response; `onRequest` may return one to replace the normal handling. */
export interface DemoResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent as-is instead of `body` (for example malformed JSON). */
  rawBody?: string;
  /** Wait this long before answering (latency, timeouts). */
  delayMs?: number;
}

/** A Graph error answer; thrown by handlers and turned into `{error:{code, message, innerError}}`. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export function badRequest(message: string, code = 'Request_BadRequest'): GraphError {
  return new GraphError(400, code, message);
}

export function resourceNotFound(id: string): GraphError {
  return new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

export function segmentNotFound(segment: string): GraphError {
  return badRequest(`Resource not found for the segment '${segment}'.`, 'BadRequest');
}

export function methodNotAllowed(method: string): GraphError {
  return new GraphError(405, 'Request_BadRequest', `The HTTP method '${method}' is not allowed for this resource.`);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

/** Throws Graph's 400 for an id that must be a GUID and is not. */
export function requireGuid(id: unknown): string {
  if (!isGuid(id)) throw badRequest(`Invalid object identifier '${String(id)}'.`);
  return id;
}

export function errorBody(code: string, message: string, requestId: string, clientRequestId?: string): unknown {
  const innerError: Record<string, string> = { date: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), 'request-id': requestId };
  if (clientRequestId) innerError['client-request-id'] = clientRequestId;
  return { error: { code, message, innerError } };
}

/** A 200 with a copy of the data, so a later mutation cannot change an answer already given (batches). */
export function ok(body: unknown, status = 200): DemoResponse {
  return { status, body: structuredClone(body) };
}

export const NO_CONTENT: DemoResponse = { status: 204 };
