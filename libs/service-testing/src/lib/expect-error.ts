import type { ErrorBody } from '@factsway/shared-utils';

/**
 * Asserts the response is the platform's error body with this status and code (and a request id);
 * returns its message for further checks.
 */
export async function expectError(response: Response, status: number, code: string): Promise<string> {
  const body = (await response.json()) as Partial<ErrorBody>;
  expect({ status: response.status, code: body.error?.code }).toEqual({ status, code });
  expect(body.error?.requestId).toEqual(expect.any(String));
  return body.error?.message as string;
}
