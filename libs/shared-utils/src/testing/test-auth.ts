import { startLocalIssuer, type LocalIssuer } from '../lib/auth/local-issuer';

let shared: Promise<LocalIssuer> | undefined;

/** One local issuer per spec file's process (its server does not keep the process alive). */
export function specIssuer(): Promise<LocalIssuer> {
  shared ??= startLocalIssuer({ unref: true });
  return shared;
}

/** AUTH_* variables of a service trusting the spec issuer. */
export async function authEnv(): Promise<Record<string, string>> {
  return (await specIssuer()).env;
}

/** `authorization` header with a firm-a token carrying every scope. */
export async function bearer(tenant = 'firm-a'): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await (await specIssuer()).mint({ tenant })}` };
}

/** `fetch` with a firm-a token unless the request sets its own `authorization`. */
export async function authorizedFetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('authorization')) headers.set('authorization', (await bearer())['authorization']);
  return globalThis.fetch(input, { ...init, headers });
}
