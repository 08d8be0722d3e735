import { authHeader } from './test-issuer';

/**
 * Sends `body` as JSON; a string is sent as it is (to test malformed JSON), `undefined` sends no body.
 * Carries a valid token of the test firm unless `headers` has its own `authorization` (or `{}` for none).
 */
export async function sendJson(url: string, method: string, body?: unknown, headers?: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method,
    headers: { ...(headers ?? (await authHeader())), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** POSTs `body` as JSON with the test firm's token and returns the JSON answer; anything but 201 throws with the answer in the message. */
export async function postJson(url: string, body: unknown, headers?: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await sendJson(url, 'POST', body, headers);
  const json = (await response.json()) as Record<string, unknown>;
  if (response.status !== 201) throw new Error(`POST ${url} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

/** A response body as JSON; `any` because tests read whatever fields they assert on. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function readJson(response: Response): Promise<any> {
  return response.json();
}
