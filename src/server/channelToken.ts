// The Bot Framework channel token, verified before botbuilder sees it: the keys come from the same OpenID
// metadata, but a token that fails here is refused with a reason our logger writes once, where botbuilder
// would print the key (PEM) or a stack to stderr for every rejected token.
import { verify } from 'node:crypto';
// Not re-exported from the package root; the same class botbuilder's own validation uses.
import { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata';

/** botbuilder's own allowance for clock skew. */
const SKEW_SECONDS = 300;

export class ChannelTokenCheck {
  private readonly metadata: OpenIdMetadata;

  constructor(
    metadataUrl: string,
    private readonly issuer: string,
    private readonly audience: string,
    private readonly now: () => number = Date.now,
  ) {
    this.metadata = new OpenIdMetadata(metadataUrl);
  }

  /** Why the `Authorization` header is not a valid channel token for this bot, or undefined when it is. */
  async problem(authHeader: string): Promise<string | undefined> {
    const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]*)$/.exec(authHeader ?? '');
    if (!match) return 'no Bearer token';
    const [, header64, payload64, signature64] = match;
    const header = decode(header64);
    const claims = decode(payload64);
    if (!header || !claims) return 'the token cannot be read';
    if (header.alg !== 'RS256') return 'the token is not signed with RS256';
    // An Entra-signed token (a user's OAuth-connection token) would go down botbuilder's emulator path.
    if (claims.iss !== this.issuer) return 'the token is not a Bot Framework channel token';
    if (claims.aud !== this.audience) return 'the token is for another bot';
    if (typeof claims.exp !== 'number') return 'the token has no expiry';
    const now = this.now() / 1000;
    if (claims.exp + SKEW_SECONDS < now) return 'the token has expired';
    if (typeof claims.nbf === 'number' && claims.nbf - SKEW_SECONDS > now) return 'the token is not valid yet';
    const key = typeof header.kid === 'string' ? await this.metadata.getKey(header.kid) : null;
    if (!key) return 'the token is signed by an unknown key';
    const signed = verify('sha256', Buffer.from(`${header64}.${payload64}`), key.key, Buffer.from(signature64, 'base64url'));
    return signed ? undefined : 'the token signature is not valid';
  }
}

function decode(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
