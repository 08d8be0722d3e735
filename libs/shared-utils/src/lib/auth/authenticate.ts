import type { NextFunction, RequestHandler, Response } from 'express';
import { AuthError } from './auth-error';
import { callerContext } from './caller';
import type { TokenVerifier } from './token-verifier';

export const READ_SCOPE = 'api:read';
export const WRITE_SCOPE = 'api:write';
/** Realm of the `WWW-Authenticate` challenge. */
export const AUTH_REALM = 'factsway';

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The scope a request needs: reading needs `api:read`, every write (POST, PUT, PATCH, DELETE) `api:write`. */
export function requiredScope(method: string): string {
  return readMethods.has(method.toUpperCase()) ? READ_SCOPE : WRITE_SCOPE;
}

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * Mounted on `/api`: a verified `Authorization: Bearer` token of the configured issuer, with the
 * scope the method needs, or 401/403 with a `WWW-Authenticate` challenge. The rest of the request
 * runs with the caller in `req.caller` and in `callerContext` (peer calls forward its token).
 */
export function authenticate(verify: TokenVerifier): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization;
    if (header === undefined || header === '') {
      reject(res, next, new AuthError(401, undefined, 'This API needs an access token: send Authorization: Bearer <token>'));
      return;
    }
    const match = BEARER.exec(header);
    if (!match) {
      reject(res, next, new AuthError(401, 'invalid_request', 'The Authorization header must be "Bearer <token>"'));
      return;
    }
    verify(match[1]).then(
      (caller) => {
        const scope = requiredScope(req.method);
        if (!caller.scopes.includes(scope)) {
          reject(res, next, new AuthError(403, 'insufficient_scope', `This request needs the ${scope} scope`, scope));
          return;
        }
        req.caller = caller;
        callerContext.run(caller, next);
      },
      (error: unknown) => (error instanceof AuthError ? reject(res, next, error) : next(error)),
    );
  };
}

/** The uniform error renderer writes the body; the challenge header is set here. */
function reject(res: Response, next: NextFunction, error: AuthError): void {
  res.setHeader('WWW-Authenticate', error.challenge(AUTH_REALM));
  next(error);
}
