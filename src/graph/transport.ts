// The bytes on the wire for every Graph call: node:http(s) on keep-alive agents, answered as a fetch
// `Response` for the Graph SDK. Global fetch (undici's WHATWG streams) cost about three times the CPU per
// request, the largest share of a question's CPU (measured with `npm run bench -- --only turns`).
import http from 'node:http';
import https from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export class TransportError extends Error {
  constructor(readonly kind: 'timeout' | 'unreachable', cause?: unknown) {
    super(kind === 'timeout' ? 'Microsoft Graph did not answer in time.' : 'Microsoft Graph could not be reached.', { cause });
    this.name = 'TransportError';
  }
}

function plainHeaders(headers: HeadersInit | undefined): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) {
    const out: Record<string, string> = {};
    headers.forEach((value, name) => (out[name] = value));
    return out;
  }
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return { ...(headers as Record<string, string>) };
}

function decoded(res: http.IncomingMessage): Readable {
  const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
  if (encoding === 'gzip') return res.pipe(createGunzip());
  if (encoding === 'deflate') return res.pipe(createInflate());
  if (encoding === 'br') return res.pipe(createBrotliDecompress());
  return res;
}

function bodyOf(res: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const source = decoded(res);
    source.on('data', (chunk: Buffer) => chunks.push(chunk));
    source.on('end', () => resolve(Buffer.concat(chunks)));
    source.on('error', reject);
    res.on('error', reject);
  });
}

/**
 * What the gateway and the SDK's retry handler read of a response (status, ok, a header, the text), without
 * the cost of building a WHATWG Response and Headers for every call.
 */
export class WireResponse {
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  constructor(
    readonly status: number,
    headers: http.IncomingHttpHeaders | Record<string, string>,
    private readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = {
      get: (name) => {
        const value = headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    };
  }
  async text(): Promise<string> {
    return this.body.toString('utf8');
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.body.toString('utf8'));
  }
}

/** One HTTP exchange within `timeoutMs` (the whole exchange, body included). Throws only a TransportError. */
export function exchange(url: string, init: { method?: string; headers?: HeadersInit; body?: unknown }, timeoutMs: number): Promise<WireResponse> {
  return new Promise<WireResponse>((resolve, reject) => {
    const target = new URL(url);
    const agent = agents[target.protocol as keyof typeof agents];
    if (!agent) return reject(new TransportError('unreachable', new Error(`unsupported protocol ${target.protocol}`)));
    const body = init.body === undefined || init.body === null ? undefined : typeof init.body === 'string' ? init.body : Buffer.from(init.body as ArrayBuffer);
    const headers = { 'accept-encoding': 'gzip, deflate, br', ...plainHeaders(init.headers) };
    const client = target.protocol === 'https:' ? https : http;
    const req = client.request(target, { method: init.method ?? 'GET', headers, agent }, (res) => {
      bodyOf(res).then(
        (bytes) => {
          clearTimeout(timer);
          resolve(new WireResponse(res.statusCode ?? 502, res.headers, bytes));
        },
        (error) => fail(new TransportError('unreachable', error)),
      );
    });
    const fail = (error: TransportError) => {
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new TransportError('timeout')), timeoutMs);
    req.on('error', (error) => fail(new TransportError('unreachable', error)));
    req.end(body);
  });
}
