// The built-in demo tenant: a Graph-compatible HTTP server on a loopback port, serving a DemoTenantFile in
// Graph's own JSON shapes so the bot (and tests, and the benchmark) talk to it exactly as to Microsoft Graph.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkAccess, type DemoAccess } from './access';
import { badRequest, errorBody, GraphError, methodNotAllowed, type DemoRequest, type DemoResponse } from './graphHttp';
import { route } from './routes';
import type { DemoTenantFile } from './tenantFile';

export interface DemoGraphOptions {
  /** Served as given (copied): shift its times first with `shiftTimes` if relative times should read as now. */
  tenant: DemoTenantFile;
  /** 0 (default) picks a free port. */
  port?: number;
  /**
   * Sees every request, and every sub-request of a `$batch` (with `inBatch` true). A returned response replaces
   * the normal handling (inject 429/403/500, delays, malformed JSON); awaiting adds latency.
   */
  onRequest?: (req: DemoRequest) => void | DemoResponse | Promise<void | DemoResponse>;
  /** Who is signed in and the tenant's licence: a Global Reader gets 401 from synchronization calls, a tenant
   *  without P1/P2 gets 403 from audit logs. Default: an admin in a P1 tenant. */
  access?: DemoAccess;
}

export interface DemoGraph {
  /** `http://127.0.0.1:PORT/v1.0`: use it as the Graph base URL. */
  url: string;
  close(): Promise<void>;
  /** The live tenant data: mutations through the API show here, and changes here show in later answers. */
  state: DemoTenantFile;
}

const MAX_BATCH = 20;
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Splits a request target (`/v1.0/users?$top=1`) into the path after /v1.0 and its decoded query. */
function parseTarget(target: string): { path: string; query: Record<string, string> } {
  const url = new URL(target, 'http://demo.invalid');
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments[0] !== 'v1.0') throw badRequest(`Invalid version: '${segments[0] ?? ''}'. This demo serves v1.0.`, 'BadRequest');
  let path: string;
  try {
    path = '/' + segments.slice(1).map(decodeURIComponent).join('/');
  } catch {
    throw badRequest(`The request path '${url.pathname}' is not valid percent-encoding.`, 'BadRequest');
  }
  // URLSearchParams reads '+' as a space, as Graph does.
  return { path, query: Object.fromEntries(url.searchParams) };
}

function errorResponse(e: unknown, requestId: string, clientRequestId?: string): DemoResponse {
  if (e instanceof GraphError) return { status: e.status, body: errorBody(e.code, e.message, requestId, clientRequestId) };
  return {
    status: 500,
    body: errorBody('InternalServerError', `The demo tenant failed: ${(e as Error)?.message ?? String(e)}`, requestId, clientRequestId),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(badRequest('The request body is too large.', 'BadRequest'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJsonBody(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`Invalid JSON in the request body: ${(e as Error).message}`, 'BadRequest');
  }
}

function lowerCaseHeaders(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v)]),
  );
}

/** Starts the demo Graph on 127.0.0.1. */
export async function startDemoGraph(opts: DemoGraphOptions): Promise<DemoGraph> {
  const state = structuredClone(opts.tenant);
  const timers = new Set<NodeJS.Timeout>();
  let baseUrl = '';

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  /** One request through onRequest, then the router (or the batch handler); never throws. */
  async function dispatch(req: DemoRequest, requestId: string): Promise<DemoResponse> {
    let response: DemoResponse;
    try {
      const injected = await opts.onRequest?.(req);
      if (injected) response = injected;
      else if (req.path.toLowerCase() === '/$batch') response = await batch(req);
      else {
        checkAccess(opts.access, req);
        response = route({ state, baseUrl, req });
      }
    } catch (e) {
      response = errorResponse(e, requestId, req.headers['client-request-id']);
    }
    if (response.delayMs) await sleep(response.delayMs);
    return response;
  }

  async function batch(req: DemoRequest): Promise<DemoResponse> {
    if (req.inBatch) throw badRequest('A $batch request cannot contain another $batch.', 'BadRequest');
    if (req.method.toUpperCase() !== 'POST') throw methodNotAllowed(req.method);
    const requests = (req.body as { requests?: unknown } | undefined)?.requests;
    if (!Array.isArray(requests) || requests.length === 0) {
      throw badRequest('Invalid batch payload format: expected {"requests":[...]} with at least one request.', 'BadRequest');
    }
    if (requests.length > MAX_BATCH) {
      throw badRequest(`Limit of ${MAX_BATCH} requests per batch exceeded: ${requests.length} requests.`, 'BadRequest');
    }
    const seen = new Set<string>();
    const subRequests = requests.map((raw: unknown) => {
      const r = (raw ?? {}) as { id?: unknown; method?: unknown; url?: unknown; headers?: unknown; body?: unknown };
      if (typeof r.id !== 'string' || !r.id || typeof r.method !== 'string' || typeof r.url !== 'string') {
        throw badRequest('Invalid batch payload format: each request needs a string id, method and url.', 'BadRequest');
      }
      if (seen.has(r.id)) throw badRequest(`Batch request id '${r.id}' is not unique.`, 'BadRequest');
      seen.add(r.id);
      if (/^[a-z]+:/i.test(r.url)) throw badRequest(`Batch request '${r.id}' must use a relative url.`, 'BadRequest');
      return { id: r.id, method: r.method, url: r.url, headers: r.headers, body: r.body };
    });
    const responses = await Promise.all(
      subRequests.map(async (sub) => {
        const requestId = randomUUID();
        let response: DemoResponse;
        try {
          const target = parseTarget('/v1.0/' + sub.url.replace(/^\/+/, '').replace(/^v1\.0\//i, ''));
          const headers = lowerCaseHeaders(typeof sub.headers === 'object' && sub.headers ? (sub.headers as Record<string, unknown>) : {});
          response = await dispatch({ method: sub.method.toUpperCase(), ...target, headers, body: sub.body, inBatch: true }, requestId);
        } catch (e) {
          response = errorResponse(e, requestId);
        }
        const headers: Record<string, string> = { ...response.headers };
        const body = response.rawBody ?? response.body;
        if (body !== undefined) headers['Content-Type'] ??= 'application/json';
        return { id: sub.id, status: response.status, headers, body };
      }),
    );
    return { status: 200, body: { responses } };
  }

  function send(res: ServerResponse, response: DemoResponse, requestId: string, clientRequestId?: string): void {
    const headers: Record<string, string> = { 'request-id': requestId };
    if (clientRequestId) headers['client-request-id'] = clientRequestId;
    const text = response.rawBody ?? (response.body === undefined ? undefined : JSON.stringify(response.body));
    if (text !== undefined) headers['Content-Type'] = 'application/json';
    Object.assign(headers, response.headers);
    res.writeHead(response.status, headers);
    res.end(text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const headers = lowerCaseHeaders(req.headers);
    let response: DemoResponse;
    try {
      const target = parseTarget(req.url ?? '/');
      const body = parseJsonBody(await readBody(req));
      response = await dispatch({ method: (req.method ?? 'GET').toUpperCase(), ...target, headers, body, inBatch: false }, requestId);
    } catch (e) {
      response = errorResponse(e, requestId, headers['client-request-id']);
    }
    if (!res.destroyed) send(res, response, requestId, headers['client-request-id']);
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`;

  return {
    url: baseUrl,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
