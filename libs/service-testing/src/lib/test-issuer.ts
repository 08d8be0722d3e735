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
