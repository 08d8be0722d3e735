import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { DatabaseUnavailableMetric } from '../metrics/database-unavailable-metric';
import { classifyError, DATABASE_UNAVAILABLE_CODE } from './classify-error';
import type { ErrorBody } from './error-body';

export interface RenderErrorsOptions {
  /** Counts the requests answered 503 `database_unavailable`. */
  databaseUnavailable?: DatabaseUnavailableMetric;
}

/**
 * Renders every error as `{error:{code,message,requestId}}`. Faults (5xx) are logged
 * with their stack; the body never carries one. A dependency outage (the database) answers
 * 503 with `Retry-After` and is logged as a warning without a stack: it is not a bug.
 */
export function renderErrors(logger: Logger, options: RenderErrorsOptions = {}): ErrorRequestHandler {
  return function errorRenderer(error: unknown, req: Request, res: Response, next: NextFunction) {
    const classified = classifyError(error);
    const where = { requestId: req.id, method: req.method, url: req.originalUrl, code: classified.code };
    if (classified.dependency) {
      logger.warn({ ...where, dependency: classified.dependency, cause: (error as Error)?.message }, 'request failed: dependency unavailable');
    } else if (classified.fault) {
      logger.error({ ...where, err: error }, 'request failed');
    }
    if (classified.code === DATABASE_UNAVAILABLE_CODE) {
      const outcome = (classified.details as { writeOutcome?: string } | undefined)?.writeOutcome;
      options.databaseUnavailable?.count(outcome === 'unknown' ? 'unknown' : 'not_stored');
    }
    if (res.headersSent) {
      // Too late for an error body: end the broken response so the client sees a failure.
      return next(error);
    }
    const body: ErrorBody = {
      error: { code: classified.code, message: classified.message, requestId: req.id },
    };
    if (classified.details !== undefined) body.error.details = classified.details;
    if (classified.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(classified.retryAfterSeconds));
    res.status(classified.status).json(body);
  };
}
