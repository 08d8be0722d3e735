import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { HttpMetrics } from '../metrics/http-metrics';
import { requestContext } from '../logging/request-context';
import { REQUEST_ID_HEADER, resolveRequestId } from '../logging/request-id';
import { routeTemplateOf } from './route-template';

/** Logged and counted when the client went away before the response was complete (nginx's convention). */
export const CLIENT_CLOSED_STATUS = 499;

/**
 * The first middleware of every service: assigns the request id (header in and out),
 * asks keep-alive clients to reconnect elsewhere once shutdown began,
 * runs the rest of the request inside its context, and when the response ends records
 * one metrics observation (when given metrics) and one log line (method, route, status, duration).
 * Hand-written rather than pino-http + express-prom-bundle: FIELD-NOTES measured those at
 * 0.57x of bare Express, a lean equivalent at 0.86x.
 */
export function observeRequests(logger: Logger, metrics: HttpMetrics | undefined, isDraining: () => boolean): RequestHandler {
  return function requestObserver(req: Request, res: Response, next: NextFunction) {
    const start = process.hrtime.bigint();
    const requestId = resolveRequestId(req.headers[REQUEST_ID_HEADER]);
    req.id = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    // While draining, finish the response and then drop its keep-alive connection.
    if (isDraining()) res.setHeader('Connection', 'close');

    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const completed = res.writableFinished;
      const status = completed ? res.statusCode : CLIENT_CLOSED_STATUS;
      const route = routeTemplateOf(req);
      metrics?.observe(req.method, route, String(status), seconds);
      const level = status >= 500 ? 'error' : completed ? 'info' : 'warn';
      if (!logger.isLevelEnabled(level)) return;
      const line = {
        requestId,
        method: req.method,
        route,
        url: req.originalUrl,
        status,
        durationMs: Math.round(seconds * 1e6) / 1e3,
      };
      if (level === 'error') logger.error(line, 'request failed');
      else if (level === 'warn') logger.warn(line, 'request aborted by client');
      else logger.info(line, 'request completed');
    });

    requestContext.run({ requestId }, next);
  };
}
