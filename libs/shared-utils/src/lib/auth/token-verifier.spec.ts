// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the declarations of jose for node10 resolution (see jose-types.d.ts)
/// <reference path="./jose-types.d.ts" />
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { freePort } from '@factsway/dev-support';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { AuthError } from './auth-error';
import { startLocalIssuer, type LocalIssuer } from './local-issuer';
import { createTokenVerifier, IssuerUnavailableError, type TokenVerifier } from './token-verifier';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function unsignedToken(header: object, payload: object, signature = ''): string {
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}.${signature}`;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the token to be rejected');
}

async function expectInvalid(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(AuthError);
  expect(error).toMatchObject({ status: 401, bearerError: 'invalid_token' });
  expect((error as Error).message).toMatch(message);
}

describe('createTokenVerifier', () => {
  let issuer: LocalIssuer;
  let verify: TokenVerifier;

  beforeAll(async () => {
    issuer = await startLocalIssuer();
    verify = createTokenVerifier({ ...issuer, cooldownMs: 0 });
  });
  afterAll(() => issuer.close());

  const claims = (now = Math.floor(Date.now() / 1000)) => ({
    iss: issuer.issuer,
    aud: issuer.audience,
    sub: 'user@firm-a',
    tenant: 'firm-a',
    scope: 'api:read api:write',
    iat: now,
    exp: now + 600,
  });

  it('accepts a token of the issuer and reads subject, tenant and scopes', async () => {
    const token = await issuer.mint({ tenant: 'firm-b', subject: 'alice', scopes: ['api:read'] });
    await expect(verify(token)).resolves.toEqual({ subject: 'alice', tenant: 'firm-b', scopes: ['api:read'], token });
  });

  it('rejects an expired token (beyond the clock skew) and accepts one just inside it', async () => {
    await expectInvalid(verify(await issuer.mint({ tenant: 'firm-a', expiresIn: -120 })), /expired/);
    await expect(verify(await issuer.mint({ tenant: 'firm-a', expiresIn: -5 }))).resolves.toMatchObject({ tenant: 'firm-a' });
  });

  it('refuses a token it verified before once the token has expired (the verified-token cache ends at exp)', async () => {
    const strict = createTokenVerifier({ ...issuer, cooldownMs: 0, clockSkewSeconds: 0 });
    const token = await issuer.mint({ tenant: 'firm-a', expiresIn: 2 });
    const first = await strict(token);
    expect(await strict(token)).toBe(first); // the second answer comes from the cache
    expect(Object.isFrozen(first)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await expectInvalid(strict(token), /expired/);
  });

  it('checks a bad token every time (only successes are cached)', async () => {
    const token = await issuer.mint({ tenant: 'firm-a', audience: 'https://other.example' });
    await expectInvalid(verify(token), /aud/);
    await expectInvalid(verify(token), /aud/);
  });

  it('rejects a token not valid before a time in the future', async () => {
    await expectInvalid(verify(await issuer.mint({ tenant: 'firm-a', notBefore: 300 })), /nbf/);
  });

  it('rejects a token of another issuer', async () => {
    await expectInvalid(verify(await issuer.mint({ tenant: 'firm-a', issuer: 'https://evil.example' })), /iss/);
  });

  it('rejects a token for another audience', async () => {
    await expectInvalid(verify(await issuer.mint({ tenant: 'firm-a', audience: 'https://other.example' })), /aud/);
  });

  it('rejects a token without a valid tenant claim', async () => {
    await expectInvalid(verify(await issuer.mint({ tenant: 'Firm A; drop' })), /tenant/);
  });

  it('rejects alg "none"', async () => {
    await expectInvalid(verify(unsignedToken({ alg: 'none', typ: 'JWT' }, claims())), /algorithm is not accepted/);
  });

  it('rejects HS256 signed with the public key as the HMAC secret', async () => {
    const { keys } = (await (await fetch(issuer.jwksUrl)).json()) as { keys: Array<Record<string, unknown>> };
    const secret = JSON.stringify(keys[0]);
    const signingInput = unsignedToken({ alg: 'HS256', kid: keys[0]['kid'] }, claims()).slice(0, -1);
    const signature = createHmac('sha256', secret).update(signingInput).digest('base64url');
    await expectInvalid(verify(`${signingInput}.${signature}`), /algorithm is not accepted/);
  });

  it('rejects a token signed by a key the issuer does not publish, and a tampered one', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', kid: 'not-published' }).sign(privateKey);
    await expectInvalid(verify(forged), /key the issuer does not publish/);

    const [header, , signature] = (await issuer.mint({ tenant: 'firm-a' })).split('.');
    await expectInvalid(verify(`${header}.${base64url(JSON.stringify({ ...claims(), tenant: 'firm-b' }))}.${signature}`), /signature/);
    await expectInvalid(verify('not-a-jwt'), /malformed/);
  });

  it('refetches the key set on an unknown kid, so a rotated signing key is accepted', async () => {
    await verify(await issuer.mint({ tenant: 'firm-a' })); // the key set is now cached
    await issuer.rotateKey();
    await expect(verify(await issuer.mint({ tenant: 'firm-a' }))).resolves.toMatchObject({ tenant: 'firm-a' });
  });

  it('answers 503 (not 401) when the key set cannot be fetched: the token may well be valid', async () => {
    const unreachable = createTokenVerifier({ ...issuer, jwksUrl: `http://127.0.0.1:${await freePort()}/jwks` });
    const error = await rejection(unreachable(await issuer.mint({ tenant: 'firm-a' })));
    expect(error).toBeInstanceOf(IssuerUnavailableError);
    expect(error).toMatchObject({ status: 503, code: 'issuer_unavailable' });
  });

  it('answers 503 when the key set does not answer within the timeout', async () => {
    const hanging: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as { port: number };
    try {
      const slow = createTokenVerifier({ ...issuer, jwksUrl: `http://127.0.0.1:${port}/jwks`, timeoutMs: 200 });
      const error = await rejection(slow(await issuer.mint({ tenant: 'firm-a' })));
      expect(error).toMatchObject({ status: 503, code: 'issuer_unavailable' });
    } finally {
      hanging.closeAllConnections();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });

  it('publishes only public keys', async () => {
    const { keys } = (await (await fetch(issuer.jwksUrl)).json()) as { keys: Array<Record<string, unknown>> };
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).not.toHaveProperty('d');
    expect(Object.keys(await exportJWK((await generateKeyPair('ES256')).publicKey))).not.toContain('d');
  });
});
