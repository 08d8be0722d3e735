import { newId } from '../ids/new-id';

export const REQUEST_ID_HEADER = 'x-request-id';
export const REQUEST_ID_MAX_LENGTH = 128;

// Safe to echo in a header and a log line: no spaces, quotes, control characters or separators.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]+$/;

/** The caller's `x-request-id` when it is short and safe, otherwise a new ULID. */
export function resolveRequestId(incoming: string | string[] | undefined): string {
  if (typeof incoming === 'string' && incoming.length > 0 && incoming.length <= REQUEST_ID_MAX_LENGTH && SAFE_REQUEST_ID.test(incoming)) {
    return incoming;
  }
  return newId();
}
