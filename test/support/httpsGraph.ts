// A Microsoft Graph stand-in over https that lets through only requests carrying a token the authority issued
// (401 InvalidAuthenticationToken otherwise, as Graph answers) and serves them from a demo Graph server, so the
// answers come from a demo tenant. It records the Authorization header of every request.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, startHttpsServer } from './tlsCertificate';

export interface GraphCall {
  method: string;
  /** The request target, e.g. `/v1.0/servicePrincipals?$filter=…`. */
  url: string;
  authorization?: string;
}

export interface HttpsGraph {
  /** The Graph base URL, e.g. `https://127.0.0.1:51234/v1.0`. */
  url: string;
  calls: GraphCall[];
  close(): Promise<void>;
}

// What passes between the client and the demo server; hop-by-hop and TLS-specific headers stay behind.
const FORWARDED_REQUEST_HEADERS = ['content-type', 'consistencylevel', 'client-request-id', 'prefer'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'request-id', 'client-request-id', 'retry-after', 'location'];

/** `demoUrl`: the demo Graph server's base URL (`http://127.0.0.1:PORT/v1.0`); `tokens`: the accepted bearer tokens. */
export async function startHttpsGraph(tls: { key: string; cert: string }, demoUrl: string, tokens: () => readonly string[]): Promise<HttpsGraph> {
  const calls: GraphCall[] = [];
  const demoOrigin = new URL(demoUrl).origin;
  let base = '';
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    calls.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization });
    const body = await readBody(req);
    if (!tokens().some((token) => req.headers.authorization === `Bearer ${token}`)) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty or invalid.' } }));
      return;
    }
    const headers = Object.fromEntries(FORWARDED_REQUEST_HEADERS.flatMap((h) => (typeof req.headers[h] === 'string' ? [[h, req.headers[h] as string]] : [])));
    const answer = await fetch(`${demoOrigin}${req.url}`, { method: req.method, headers, body: body || undefined });
    // Next-page links name the demo server: point them here, as Graph's own links name Graph.
    const text = (await answer.text()).split(demoUrl).join(base);
    const responseHeaders = Object.fromEntries(FORWARDED_RESPONSE_HEADERS.flatMap((h) => (answer.headers.has(h) ? [[h, answer.headers.get(h)!]] : [])));
    res.writeHead(answer.status, responseHeaders);
    res.end(text);
  };
  const server = await startHttpsServer(tls, handle);
  base = `${server.url}/v1.0`;
  return { url: base, calls, close: server.close };
}
