// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the declarations of jose for node10 resolution (see jose-types.d.ts)
/// <reference path="./jose-types.d.ts" />
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export const LOCAL_AUDIENCE = 'https://api.factsway.com';
export const ALL_SCOPES = ['api:read', 'api:write'] as const;

export interface MintOptions {
  /** The firm, e.g. `firm-a`: the token's `tenant` claim. */
  tenant: string;
  /** Default: `user@<tenant>`. */
  subject?: string;
  /** Default: api:read and api:write. */
  scopes?: readonly string[];
  /** Seconds from now; negative for an already expired token. Default 3600. */
  expiresIn?: number;
  /** Seconds from now before which the token is not valid. */
  notBefore?: number;
  /** Default: the issuer's audience. */
  audience?: string;
  /** Default: the issuer's own URL. */
  issuer?: string;
}

export interface LocalIssuer {
  /** `http://127.0.0.1:<port>`: the `iss` of its tokens. */
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
  /** AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL for a service that trusts this issuer. */
  readonly env: Record<'AUTH_ISSUER' | 'AUTH_AUDIENCE' | 'AUTH_JWKS_URL', string>;
  /** A signed ES256 access token. */
  mint(options: MintOptions): Promise<string>;
  /** Publishes a new signing key (next to the old one) and signs with it from now on. */
  rotateKey(): Promise<string>;
  close(): Promise<void>;
}

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function newSigningKey(serial: number): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const kid = `key-${serial}-${Date.now().toString(36)}`;
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

/**
 * For tests and the local platform, never deployed: a real token issuer on 127.0.0.1: OpenID discovery document and JWKS over HTTP, ES256 tokens
 * signed with a key generated at start. Services verify its tokens exactly as production ones.
 */
export interface LocalIssuerOptions {
  /** Default 0: a free port. */
  port?: number;
  host?: string;
  audience?: string;
  /**
   * Demo accounts `{ tenant: [subjects] }`: enables `POST /token` with JSON `{ tenant, subject }`,
   * which answers `{ access_token }` for a listed account (the local platform only).
   */
  demoAccounts?: Record<string, readonly string[]>;
  /** Do not keep the process alive for this server (a test process's shared issuer). */
  unref?: boolean;
}

export async function startLocalIssuer(options: LocalIssuerOptions = {}): Promise<LocalIssuer> {
  const keys: SigningKey[] = [await newSigningKey(1)];
  const host = options.host ?? '127.0.0.1';
  const audience = options.audience ?? LOCAL_AUDIENCE;
  let issuer = '';
  const mint = async (mint: MintOptions): Promise<string> => {
    const key = keys[keys.length - 1];
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ tenant: mint.tenant, scope: (mint.scopes ?? ALL_SCOPES).join(' ') })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'at+jwt' })
      .setIssuer(mint.issuer ?? issuer)
      .setAudience(mint.audience ?? audience)
      .setSubject(mint.subject ?? `user@${mint.tenant}`)
      .setIssuedAt(now)
      .setExpirationTime(now + (mint.expiresIn ?? 3600));
    if (mint.notBefore !== undefined) jwt.setNotBefore(now + mint.notBefore);
    return jwt.sign(key.privateKey);
  };
  const issueDemoToken = async (body: string): Promise<[number, unknown]> => {
    let request: { tenant?: unknown; subject?: unknown };
    try {
      request = JSON.parse(body) as typeof request;
    } catch {
      return [400, { error: 'invalid_request', error_description: 'send JSON {"tenant": "firm-a", "subject": "alice@firm-a"}' }];
    }
    const accounts = typeof request.tenant === 'string' ? options.demoAccounts?.[request.tenant] : undefined;
    if (!accounts) return [400, { error: 'invalid_request', error_description: `unknown tenant; demo tenants: ${Object.keys(options.demoAccounts ?? {}).join(', ')}` }];
    const subject = request.subject === undefined ? accounts[0] : request.subject;
    if (typeof subject !== 'string' || !accounts.includes(subject)) {
      return [400, { error: 'invalid_request', error_description: `unknown subject; accounts of ${String(request.tenant)}: ${accounts.join(', ')}` }];
    }
    const expiresIn = 3600;
    return [200, { access_token: await mint({ tenant: request.tenant as string, subject, expiresIn }), token_type: 'Bearer', expires_in: expiresIn }];
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && path === '/token' && options.demoAccounts) {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk.length + body.length > 10_000 ? '' : chunk));
      req.on('end', () => {
        issueDemoToken(body).then(
          ([status, json]) => answer(status, json),
          () => answer(500, { error: 'server_error' }),
        );
      });
      return;
    }
    if (req.method !== 'GET') return answer(405, { error: 'method_not_allowed' });
    if (path === '/jwks') return answer(200, { keys: keys.map((key) => key.publicJwk) });
    if (path === '/.well-known/openid-configuration') {
      return answer(200, {
        issuer,
        jwks_uri: `${issuer}/jwks`,
        id_token_signing_alg_values_supported: ['ES256'],
        scopes_supported: ['openid', ...ALL_SCOPES],
      });
    }
    return answer(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  if (options.unref) {
    server.unref();
    server.on('connection', (socket) => socket.unref());
  }
  const { port } = server.address() as { port: number };
  issuer = `http://${host}:${port}`;
  const jwksUrl = `${issuer}/jwks`;

  return {
    issuer,
    audience,
    jwksUrl,
    env: { AUTH_ISSUER: issuer, AUTH_AUDIENCE: audience, AUTH_JWKS_URL: jwksUrl },
    mint,
    async rotateKey() {
      const key = await newSigningKey(keys.length + 1);
      keys.push(key);
      return key.kid;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
