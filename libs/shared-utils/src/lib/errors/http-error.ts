/**
 * An error with an HTTP status, thrown from a route and rendered as
 * `{error:{code,message,requestId}}` (plus `details` when given).
 * `status`/`statusCode` let error reporters (Sentry) skip client errors.
 */
export class HttpError extends Error {
  override name = 'HttpError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get statusCode(): number {
    return this.status;
  }
}

export function badRequest(message: string, details?: unknown): HttpError {
  return new HttpError(400, 'bad_request', message, details);
}

export function notFound(message = 'Not found', details?: unknown): HttpError {
  return new HttpError(404, 'not_found', message, details);
}

export function conflict(message: string, details?: unknown): HttpError {
  return new HttpError(409, 'conflict', message, details);
}

export function payloadTooLarge(message: string, details?: unknown): HttpError {
  return new HttpError(413, 'payload_too_large', message, details);
}

export function unsupportedMediaType(message: string, details?: unknown): HttpError {
  return new HttpError(415, 'unsupported_media_type', message, details);
}

export function unprocessable(message: string, details?: unknown): HttpError {
  return new HttpError(422, 'unprocessable', message, details);
}
