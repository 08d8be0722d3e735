import { HttpError } from '../errors/http-error';

/** RFC 6750 error codes, sent in `WWW-Authenticate: Bearer error="..."`. */
export type BearerErrorCode = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

/**
 * A 401/403 whose `WWW-Authenticate` challenge the authentication middleware sets before the
 * uniform error renderer writes the body.
 */
export class AuthError extends HttpError {
  override name = 'AuthError';

  constructor(
    status: 401 | 403,
    readonly bearerError: BearerErrorCode | undefined,
    message: string,
    readonly requiredScope?: string,
  ) {
    super(status, status === 401 ? 'unauthorized' : 'forbidden', message);
  }

  /** The `WWW-Authenticate` value: no error code when no token was sent at all (RFC 6750 §3.1). */
  challenge(realm: string): string {
    const parts = [`realm="${realm}"`];
    if (this.bearerError) parts.push(`error="${this.bearerError}"`, `error_description="${this.message.replace(/["\\]/g, '')}"`);
    if (this.requiredScope) parts.push(`scope="${this.requiredScope}"`);
    return `Bearer ${parts.join(', ')}`;
  }
}

export function invalidToken(message: string): AuthError {
  return new AuthError(401, 'invalid_token', message);
}
