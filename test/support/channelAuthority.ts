// A Bot Framework channel authority stand-in: serves OpenID metadata and a JWKS on loopback (the key endorsed
// for msteams, as Bot Framework publishes it) and signs real RS256 tokens by hand, the way the channel signs
// the Authorization header of every activity it posts to the bot.
import { createHmac, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChannelClaims {
  iss: string;
  aud: string;
  serviceurl: string;
  nbf: number;
  exp: number;
  [claim: string]: unknown;
}

export interface SigningOptions {
  /** Sign with another private key (under the published kid unless `kid` says otherwise). */
  key?: KeyObject;
  kid?: string;
  /** `none`: no signature; `HS256`: an HMAC keyed with the published public key (algorithm confusion). */
  alg?: 'RS256' | 'none' | 'HS256';
}

export interface ChannelAuthority {
  /** For BOT_OPENID_METADATA_URL. */
  metadataUrl: string;
  /** For BOT_TOKEN_ISSUER. */
  issuer: string;
  /** A signed token; claims default to a valid token for `aud` and `serviceurl`, valid for an hour. */
  token(claims: Partial<ChannelClaims> & Pick<ChannelClaims, 'aud' | 'serviceurl'>, options?: SigningOptions): string;
  /** How many requests the authority served (metadata and keys). */
  readonly fetches: number;
  close(): Promise<void>;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function newRsaKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

export async function startChannelAuthority(issuer = 'https://channel-authority.test'): Promise<ChannelAuthority> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const jwk = publicKey.export({ format: 'jwk' });
  let fetches = 0;
  const server = createServer((req, res) => {
    fetches++;
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body =
      req.url === '/v1/.well-known/openidconfiguration'
        ? { issuer, jwks_uri: `${origin}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'], token_endpoint_auth_methods_supported: ['private_key_jwt'] }
        : req.url === '/v1/.well-known/keys'
          ? { keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }
          : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(body ? JSON.stringify(body) : undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    metadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    issuer,
    get fetches() {
      return fetches;
    },
    token(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const alg = options.alg ?? 'RS256';
      const header = base64url(JSON.stringify({ alg, typ: 'JWT', kid: options.kid ?? kid }));
      const payload = base64url(JSON.stringify({ iss: issuer, nbf: now - 60, exp: now + 3600, ...claims }));
      const input = `${header}.${payload}`;
      const signature =
        alg === 'none'
          ? ''
          : alg === 'HS256'
            ? createHmac('sha256', publicKey.export({ format: 'pem', type: 'spki' })).update(input).digest('base64url')
            : sign('sha256', Buffer.from(input), options.key ?? privateKey).toString('base64url');
      return `${input}.${signature}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
