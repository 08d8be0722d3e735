import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { classifyError } from './classify-error';
import type { ErrorBody } from './error-body';

/**
 * Renders every error as `{error:{code,message,requestId}}`. Faults (5xx) are logged
 * with their stack; the body never carries one.
 */
export function renderErrors(logger: Logger): ErrorRequestHandler {
  return function errorRenderer(error: unknown, req: Request, res: Response, next: NextFunction) {
    const classified = classifyError(error);
    if (classified.fault) {
      logger.error({ err: error, requestId: req.id, method: req.method, url: req.originalUrl, code: classified.code }, 'request failed');
    }
    if (res.headersSent) {
      // Too late for an error body: end the broken response so the client sees a failure.
      return next(error);
    }
    const body: ErrorBody = {
      error: { code: classified.code, message: classified.message, requestId: req.id },
    };
    if (classified.details !== undefined) body.error.details = classified.details;
    res.status(classified.status).json(body);
  };
}
