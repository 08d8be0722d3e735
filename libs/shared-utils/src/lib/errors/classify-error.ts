import { ZodError } from 'zod';
import { HttpError } from './http-error';
import { validationError } from '../validation/validation-error';
import { DATABASE_RETRY_AFTER_SECONDS, databaseUnavailable } from './database-unavailable';

/** What the client is told about an error; `fault` marks a 5xx that is our bug or outage. */
export interface ClassifiedError {
  status: number;
  code: string;
  message: string;
  details?: unknown;
  fault: boolean;
  /** Seconds for a `Retry-After` header: the failure is a dependency's and should pass. */
  retryAfterSeconds?: number;
  /** The dependency that is down (`database`): reported as one grouped, rate-limited Sentry issue. */
  dependency?: string;
}

export const DATABASE_UNAVAILABLE_CODE = 'database_unavailable';

const DATABASE_UNAVAILABLE_MESSAGE = 'The database is not reachable; nothing was changed. Retry later.';
const WRITE_OUTCOME_UNKNOWN_MESSAGE =
  'The database connection was lost while the change was being stored; the write may or may not have been stored. ' +
  'Read the record before retrying, or retry with the same version (If-Match) or id where the API offers one.';

interface ErrorWithFields {
  type?: unknown;
  status?: unknown;
  statusCode?: unknown;
  code?: unknown;
  expose?: unknown;
  limit?: unknown;
}

// body-parser's error types (https://github.com/expressjs/body-parser#errors)
const bodyParserErrors: Record<string, { status: number; code: string; message: (e: ErrorWithFields) => string }> = {
  'entity.parse.failed': { status: 400, code: 'malformed_json', message: () => 'Request body is not valid JSON' },
  'entity.too.large': {
    status: 413,
    code: 'payload_too_large',
    message: (e) => `Request body is larger than the limit of ${String(e.limit)} bytes`,
  },
  'entity.verify.failed': { status: 400, code: 'bad_request', message: () => 'Request body was rejected' },
  'request.aborted': { status: 400, code: 'request_aborted', message: () => 'Request was aborted by the client' },
  'request.size.invalid': {
    status: 400,
    code: 'bad_request',
    message: () => 'Request body size did not match Content-Length',
  },
  'encoding.unsupported': {
    status: 415,
    code: 'unsupported_media_type',
    message: () => 'Unsupported Content-Encoding',
  },
  'charset.unsupported': { status: 415, code: 'unsupported_media_type', message: () => 'Unsupported charset' },
  'stream.encoding.set': { status: 500, code: 'internal_error', message: () => 'Internal server error' },
};

// PostgreSQL SQLSTATE codes that mean the client asked for something impossible, not that we failed.
const postgresClientErrors: Record<string, { status: number; code: string; message: string }> = {
  '23505': { status: 409, code: 'conflict', message: 'A record with the same unique value already exists' },
  '23503': { status: 409, code: 'conflict', message: 'A referenced record does not exist or is still referenced' },
  '40001': { status: 409, code: 'conflict', message: 'Concurrent update; retry the request' },
};

/** Maps anything thrown in a request to a status, code and client-safe message. */
export function classifyError(error: unknown): ClassifiedError {
  if (error instanceof HttpError) {
    return { status: error.status, code: error.code, message: error.message, details: error.details, fault: error.status >= 500 };
  }
  if (error instanceof ZodError) {
    const asHttp = validationError('input', error);
    return { status: asHttp.status, code: asHttp.code, message: asHttp.message, details: asHttp.details, fault: false };
  }
  const unavailable = databaseUnavailable(error);
  if (unavailable) {
    return {
      status: 503,
      code: DATABASE_UNAVAILABLE_CODE,
      message: unavailable.writeOutcomeUnknown ? WRITE_OUTCOME_UNKNOWN_MESSAGE : DATABASE_UNAVAILABLE_MESSAGE,
      details: { writeOutcome: unavailable.writeOutcomeUnknown ? 'unknown' : 'not_stored' },
      fault: true,
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
      dependency: 'database',
    };
  }
  if (typeof error === 'object' && error !== null) {
    const fields = error as ErrorWithFields;
    if (typeof fields.type === 'string' && bodyParserErrors[fields.type]) {
      const known = bodyParserErrors[fields.type];
      return { status: known.status, code: known.code, message: known.message(fields), fault: known.status >= 500 };
    }
    if (typeof fields.code === 'string' && postgresClientErrors[fields.code]) {
      return { ...postgresClientErrors[fields.code], fault: false };
    }
    // Other http-errors style client errors (e.g. the router's 400 for a malformed %-escape).
    const status = typeof fields.status === 'number' ? fields.status : fields.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500 && fields.expose !== false) {
      return { status, code: status === 400 ? 'bad_request' : 'client_error', message: (error as Error).message, fault: false };
    }
  }
  return { status: 500, code: 'internal_error', message: 'Internal server error', fault: true };
}
