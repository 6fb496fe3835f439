// A Bot Framework token service stand-in over https (the `OAuthUrl` botbuilder calls for a user's token from an
// Azure Bot OAuth connection). Users who signed in have a token; others get 404, and a sign-in resource whose
// token-exchange resource names the bot's SSO application id URI, as the real service builds it from the
// connection's settings. A Teams SSO token it was told about exchanges for the user's token and signs them in.
// It records every call, with the bot's Authorization header.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, startHttpsServer } from './tlsCertificate';

export interface TokenServiceCall {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  /** The JSON body (the token exchange request). */
  body?: Record<string, unknown>;
}

export interface TokenServiceOptions {
  connectionName: string;
  /** The connection's token exchange URL, `api://botid-<BOT_ID>`. */
  tokenExchangeUri: string;
}

export interface TokenService {
  url: string;
  calls: TokenServiceCall[];
  /** The sign-in link the OAuth card and the login request carry. */
  signInLink: string;
  /** The user (Teams user id, e.g. 29:…) has signed in through the link: from now on GetToken returns this token. */
  signIn(userId: string, token: string): void;
  /** Teams can get this SSO token for the user: exchanging it signs them in with `token`. */
  acceptSso(userId: string, ssoToken: string, token: string): void;
  signOut(userId: string): void;
  close(): Promise<void>;
}

export async function startTokenService(tls: { key: string; cert: string }, options: TokenServiceOptions): Promise<TokenService> {
  const tokens = new Map<string, string>();
  const ssoTokens = new Map<string, { userId: string; token: string }>();
  const calls: TokenServiceCall[] = [];
  const signInLink = 'https://token.botframework.com/api/oauth/signin?signin=stand-in';
  const send = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url!, 'https://tokens.invalid');
    const query = Object.fromEntries(url.searchParams);
    const raw = await readBody(req);
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    calls.push({ method: req.method!, path: url.pathname, query, authorization: req.headers.authorization, ...(body ? { body } : {}) });
    const known = query.connectionName === options.connectionName;
    const tokenResponse = (token: string) => ({ channelId: query.channelId ?? 'msteams', connectionName: options.connectionName, token, expiration: new Date(Date.now() + 3600_000).toISOString() });
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /api/usertoken/GetToken': {
        const token = known ? tokens.get(query.userId ?? '') : undefined;
        return token ? send(res, 200, tokenResponse(token)) : send(res, 404);
      }
      case 'POST /api/usertoken/exchange': {
        if (typeof body?.token !== 'string' || !body.token) return send(res, 400, { error: { code: 'BadArgument', message: 'No token to exchange.' } });
        const sso = known ? ssoTokens.get(body.token) : undefined;
        if (!sso || sso.userId !== query.userId) return send(res, 404);
        tokens.set(sso.userId, sso.token);
        return send(res, 200, tokenResponse(sso.token));
      }
      case 'DELETE /api/usertoken/SignOut':
        tokens.delete(query.userId ?? '');
        return send(res, 200, {});
      case 'GET /api/botsignin/GetSignInResource':
        return send(res, 200, {
          signInLink,
          tokenExchangeResource: { id: 'stand-in-exchange-resource', uri: options.tokenExchangeUri, providerId: 'aad-v2' },
        });
      default:
        return send(res, 404);
    }
  };
  const server = await startHttpsServer(tls, handle);
  return {
    url: server.url,
    calls,
    signInLink,
    signIn: (userId, token) => void tokens.set(userId, token),
    acceptSso: (userId, ssoToken, token) => void ssoTokens.set(ssoToken, { userId, token }),
    signOut: (userId) => void tokens.delete(userId),
    close: server.close,
  };
}
