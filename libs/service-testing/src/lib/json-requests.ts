/**
 * Sends `body` as JSON; a string is sent as it is (to test malformed JSON), `undefined` sends no body.
 */
export function sendJson(url: string, method: string, body?: unknown): Promise<Response> {
  return fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** POSTs `body` as JSON and returns the JSON answer; anything but 201 throws with the answer in the message. */
export async function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await sendJson(url, 'POST', body);
  const json = (await response.json()) as Record<string, unknown>;
  if (response.status !== 201) throw new Error(`POST ${url} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

/** A response body as JSON; `any` because tests read whatever fields they assert on. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function readJson(response: Response): Promise<any> {
  return response.json();
}
