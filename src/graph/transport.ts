// The bytes on the wire for every Graph call: node:http(s) on keep-alive agents, answered to the Graph SDK
// as a small response object. Global fetch (undici's WHATWG streams) cost about three times the CPU per
// request, the largest share of a question's CPU (measured with `npm run bench -- --only turns`). Redirects
// are not followed (Graph's endpoints the bot calls answer without them; a token must not follow one).
import http from 'node:http';
import https from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

// An idle socket is closed after 4 s, before a server's own keep-alive time-out can race a new request on it.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4_000 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64, timeout: 4_000 }),
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

/** The body as sent, decoded. Bodies are small JSON: decoding them whole costs less than a stream does. */
function bodyOf(res: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('error', reject);
    res.on('end', () => {
      const raw = Buffer.concat(chunks);
      const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
      // An empty body (a 204 after a restart) is empty whatever encoding it names.
      if (raw.length === 0 || !encoding || encoding === 'identity') return resolve(raw);
      try {
        if (encoding === 'gzip' || encoding === 'x-gzip') return resolve(gunzipSync(raw));
        if (encoding === 'deflate') return resolve(inflateSync(raw));
        if (encoding === 'br') return resolve(brotliDecompressSync(raw));
        resolve(raw);
      } catch (error) {
        reject(error);
      }
    });
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
export function exchange(url: string, init: { method?: string; headers?: HeadersInit; body?: unknown }, timeoutMs: number, retried = false): Promise<WireResponse> {
  const started = Date.now();
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
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(new WireResponse(res.statusCode ?? 502, res.headers, bytes));
        },
        (error) => fail(new TransportError('unreachable', error)),
      );
    });
    let settled = false;
    const fail = (error: TransportError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new TransportError('timeout')), timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the server had just closed: the request never reached it, so it goes once more on a
      // new socket (what Node's documentation recommends for keep-alive agents).
      if (req.reusedSocket && error.code === 'ECONNRESET' && !retried && !settled) {
        settled = true;
        clearTimeout(timer);
        exchange(url, init, Math.max(1, timeoutMs - (Date.now() - started)), true).then(resolve, reject);
        return;
      }
      fail(new TransportError('unreachable', error));
    });
    req.end(body);
  });
}
