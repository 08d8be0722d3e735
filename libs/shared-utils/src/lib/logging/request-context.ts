import { AsyncLocalStorage } from 'node:async_hooks';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The request id: the caller's valid `x-request-id`, or a new ULID. */
      id: string;
    }
  }
}

export interface RequestContext {
  requestId: string;
}

/**
 * Carries the request id through everything a request awaits, so every log line
 * and every peer call made while serving it carries the id without passing it around.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();

/** The id of the request being served, or undefined outside a request. */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
