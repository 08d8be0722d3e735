import { startLocalIssuer, type LocalIssuer } from '@factsway/shared-utils';

/** The firm the shared test token belongs to. */
export const TEST_TENANT = 'firm-a';

let shared: Promise<LocalIssuer> | undefined;

/**
 * One local issuer per test process, started on first use; its server does not keep the
 * process alive. Every service started by this library trusts it.
 */
export function testIssuer(): Promise<LocalIssuer> {
  shared ??= startLocalIssuer({ unref: true });
  return shared;
}

/** `authorization` header with a token of `tenant` (default firm-a) carrying every scope. */
export async function authHeader(tenant = TEST_TENANT, scopes?: readonly string[]): Promise<Record<string, string>> {
  const issuer = await testIssuer();
  return { authorization: `Bearer ${await issuer.mint({ tenant, scopes })}` };
}

/** `fetch` with a token of the test firm unless the request sets its own `authorization`. */
export async function authorizedFetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('authorization')) headers.set('authorization', (await authHeader())['authorization']);
  return fetch(input, { ...init, headers });
}

/**
 * `authorization` headers every /api route must answer with 401, by what is wrong with them: none
 * at all, an unsigned token (`alg: none`), an expired one, one for another audience, one of
 * another issuer. The tokens are otherwise valid tokens of the test firm with every scope.
 */
export async function rejectedAuthorizations(): Promise<Record<string, Record<string, string>>> {
  const issuer = await testIssuer();
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: issuer.issuer, aud: issuer.audience, sub: 'user@firm-a', tenant: TEST_TENANT, scope: 'api:read api:write', exp: now + 600 };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    'no token': {},
    'alg none': bearer(`${part({ alg: 'none' })}.${part(claims)}.`),
    expired: bearer(await issuer.mint({ tenant: TEST_TENANT, expiresIn: -3600 })),
    'another audience': bearer(await issuer.mint({ tenant: TEST_TENANT, audience: 'https://elsewhere.example' })),
    'another issuer': bearer(await issuer.mint({ tenant: TEST_TENANT, issuer: 'https://evil.example' })),
  };
}
