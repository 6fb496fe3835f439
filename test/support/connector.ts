// A Bot Framework connector stand-in on loopback: records what the bot sends and updates
// (POST/PUT /v3/conversations/{id}/activities[/{activityId}]) and answers like the real one.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useStarted } from './useStarted';

export interface ConnectorCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
  /** The bot's credentials on the call (production mode). */
  authorization?: string;
}

export interface Connector {
  /** The serviceUrl to put on activities. */
  url: string;
  calls: ConnectorCall[];
  /** What the stand-in answered to each call (the ids Teams would have given). */
  answers: Map<ConnectorCall, Record<string, string>>;
  /** Resolves when a call matching the predicate arrives (or has arrived). */
  waitFor(match: (c: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  close(): Promise<void>;
}

/** What Teams answers: a new channel thread is a conversation `<channel>;messageid=<first activity id>`. */
function answerFor(method: string, path: string, body: Record<string, unknown>): Record<string, string> {
  const activityId = String(Date.now()) + Math.floor(Math.random() * 1000);
  if (method === 'POST' && path === '/v3/conversations') {
    const channel = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id ?? randomUUID();
    return { id: `${channel};messageid=${activityId}`, activityId };
  }
  return { id: activityId };
}

export async function startConnector(): Promise<Connector> {
  const calls: ConnectorCall[] = [];
  const answers = new Map<ConnectorCall, Record<string, string>>();
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const call = { method: req.method!, path: req.url!, body: raw ? JSON.parse(raw) : {}, authorization: req.headers.authorization };
      const answer = answerFor(call.method, call.path, call.body);
      calls.push(call);
      answers.set(call, answer);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls,
    answers,
    async waitFor(match, timeoutMs = 15_000) {
      const started = Date.now();
      for (;;) {
        const found = calls.find(match);
        if (found) return found;
        if (Date.now() - started > timeoutMs) throw new Error(`no matching connector call; got ${JSON.stringify(calls.map((c) => `${c.method} ${c.path}`))}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The connector stand-in of a file or describe block, started before its tests and closed after them. */
export const useConnector = (): Connector => useStarted(startConnector);
