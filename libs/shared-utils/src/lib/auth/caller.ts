import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request } from 'express';

/** Who is calling, from a verified access token. */
export interface Caller {
  /** The token's `sub`: the user (or client) acting. */
  subject: string;
  /** The token's `tenant` claim: the firm whose data this request may touch, and no other. */
  tenant: string;
  scopes: readonly string[];
  /** The verified token, forwarded as is on peer calls so the peer enforces the same tenant. */
  token: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set on every `/api/...` request once its bearer token is verified. */
      caller?: Caller;
    }
  }
}

/** The caller of the request being served, for peer calls made while serving it. */
export const callerContext = new AsyncLocalStorage<Caller>();

export function currentCaller(): Caller | undefined {
  return callerContext.getStore();
}

/**
 * The tenant every query of this request is scoped to: the verified token's, never a header or
 * body field. Only `/api` routes have one (authentication runs before them).
 */
export function tenantOf(req: Request): string {
  if (!req.caller) throw new Error(`no authenticated caller for ${req.method} ${req.originalUrl}: tenant-scoped code runs only behind /api authentication`);
  return req.caller.tenant;
}
