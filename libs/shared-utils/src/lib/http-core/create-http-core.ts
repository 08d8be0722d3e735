import express, { type Express, type RequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { renderErrors, type RenderErrorsOptions } from '../errors/error-handler';
import { healthRoutes } from '../health/health-routes';
import type { ReadinessCheck } from '../health/readiness';
import { DEFAULT_BODY_LIMIT, jsonBody, type JsonBodyOptions } from '../http/json-body';
import { unmatchedRoute } from '../http/not-found';
import { observeRequests } from '../http/request-observer';
import { trackRouteTemplates } from '../http/route-template';
import type { HttpMetrics } from '../metrics/http-metrics';
import { SHUTDOWN_DRAIN_SECONDS } from '../service/graceful-shutdown';
import { listenHttpCore, type RunningService } from './listen-http-core';

export interface HttpCoreOptions {
  /** Names the server in `/health` and in the listening log line, e.g. `records-service`. */
  serviceId: string;
  version: string;
  /** JSON lines; `createLogger` adds the request id to every line written while serving a request. */
  logger: Logger;
  /** The server's own prom-client Registry (never the global one), served at `/metrics`. */
  registry: Registry;
  /** Counts every request by method, route template and status; omit when the routes count their own. */
  httpMetrics?: HttpMetrics;
  /** What `/ready` checks, besides "not shutting down". Default: always ready. */
  readiness?: ReadinessCheck;
  /** Guards every `/api/...` route (before bodies are read); `/health`, `/ready`, `/metrics` stay open. */
  authenticate?: RequestHandler;
  /** Mounted on /api right after `authenticate` (the audit trail of writes). */
  audit?: RequestHandler;
  /** JSON bodies up to `limit` (default `1mb`), other bodies 415; `false` for a server that reads no bodies. */
  jsonBody?: Partial<JsonBodyOptions> | false;
  /** Registers the server's own routes (mounted at `/`, after `/health`, `/ready`, `/metrics` and body parsing). */
  routes: (router: Router) => void;
  /** Called after the routes and before the uniform error renderer, so an error reporter sees every error first. */
  beforeErrorRenderer?: (app: Express) => void;
  /** Options of the uniform error renderer (e.g. the metric that counts database-outage answers). */
  errorRendering?: RenderErrorsOptions;
  /** Default: SHUTDOWN_DRAIN_SECONDS * 1000. */
  drainTimeoutMs?: number;
  /** How long an idle keep-alive connection may stay during a drain (default DRAIN_IDLE_GRACE_MS). */
  drainIdleGraceMs?: number;
  /** Runs once the server has drained, before the logs flush: close pools and clients here. */
  onDrained?: () => Promise<void>;
}

export interface HttpCore {
  app: Express;
  /** Listens on `host:port` (0 = any free port); `logFields` are added to the "listening" log line. */
  listen(port: number, host: string, logFields?: Record<string, unknown>): Promise<RunningService>;
}

/**
 * What every FACTSWAY HTTP server shares, whatever it serves: request id (header in and
 * out, on every log line), one log line per request, `/health`, `/ready`, `/metrics` on its
 * own registry, JSON body limits, the uniform `{error:{code,message,requestId}}` body and
 * graceful shutdown. Knows nothing of the service catalog: `createService` adds that.
 */
export function createHttpCore(options: HttpCoreOptions): HttpCore {
  const { logger } = options;
  let draining = false;
  const isDraining = () => draining;

  const app = express();
  app.disable('x-powered-by');
  trackRouteTemplates(app);
  app.use(observeRequests(logger, options.httpMetrics, isDraining));
  app.use(
    healthRoutes({
      serviceId: options.serviceId,
      version: options.version,
      registry: options.registry,
      logger,
      isDraining,
      readiness: options.readiness,
    }),
  );
  if (options.authenticate) app.use('/api', options.authenticate);
  if (options.audit) app.use('/api', options.audit);
  if (options.jsonBody !== false) {
    app.use(
      jsonBody({
        limit: options.jsonBody?.limit ?? DEFAULT_BODY_LIMIT,
        acceptContentTypes: options.jsonBody?.acceptContentTypes ?? [],
      }),
    );
  }
  const router = express.Router();
  options.routes(router);
  app.use(router);
  app.use(unmatchedRoute);
  options.beforeErrorRenderer?.(app);
  app.use(renderErrors(logger, options.errorRendering));

  return {
    app,
    listen: (port, host, logFields = {}) =>
      listenHttpCore(app, {
        port,
        host,
        logger,
        serviceId: options.serviceId,
        logFields,
        drainMs: options.drainTimeoutMs ?? SHUTDOWN_DRAIN_SECONDS * 1000,
        drainIdleGraceMs: options.drainIdleGraceMs,
        startDraining: () => {
          draining = true;
        },
        onDrained: options.onDrained,
      }),
  };
}
