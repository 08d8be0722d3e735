import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Express } from 'express';
import type { DestinationStream } from 'pino';
import { loadConfig, type ServiceConfig } from '../config/service-config';
import { createPool } from '../database/create-pool';
import { renderErrors } from '../errors/error-handler';
import { healthRoutes } from '../health/health-routes';
import { DEFAULT_BODY_LIMIT, jsonBody } from '../http/json-body';
import { unmatchedRoute } from '../http/not-found';
import { observeRequests } from '../http/request-observer';
import { trackRouteTemplates } from '../http/route-template';
import { createLogger, flushLogger } from '../logging/create-logger';
import { createDatabaseUnavailableMetric } from '../metrics/database-unavailable-metric';
import { createHttpMetrics } from '../metrics/http-metrics';
import { createServiceRegistry } from '../metrics/service-registry';
import { createPeerClient } from '../peers/peer-client';
import { defaultErrorReporting } from './error-reporting';
import { drainServer, SHUTDOWN_DRAIN_SECONDS } from './graceful-shutdown';
import type { ErrorReportingHook, RegisterRoutes, ServiceContext } from './service-context';

export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface CreateServiceOptions {
  /** Catalog short name (`records`) or id (`records-service`). */
  name: string;
  routes: RegisterRoutes;
  /** JSON body limit (default `1mb`); larger bodies get 413. */
  bodyLimit?: string | number;
  /** Default: the service owns tables in the catalog. */
  requiresDatabase?: boolean;
  /** Body media types passed to routes unparsed instead of 415, e.g. `['multipart/form-data']`. */
  acceptContentTypes?: readonly string[];
  /** Default: `process.env`. */
  env?: Record<string, string | undefined>;
  /** Already-validated config (skips `env`). */
  config?: ServiceConfig;
  /** Default: asynchronous stdout. Tests pass a stream to read the log lines. */
  logDestination?: DestinationStream;
  /** Default: the one installed with `setDefaultErrorReporting`, if any. */
  errorReporting?: ErrorReportingHook;
  /** Default: SHUTDOWN_DRAIN_SECONDS * 1000. */
  drainTimeoutMs?: number;
}

export interface RunningService {
  /** `http://127.0.0.1:<port>` (the bound address). */
  url: string;
  port: number;
  server: Server;
  /**
   * Graceful stop: readiness fails, no new connections, in-flight requests finish
   * (bounded by the drain time), keep-alive connections close, then the pool closes.
   */
  close(): Promise<void>;
}

export interface Service {
  app: Express;
  context: ServiceContext;
  /** Listens on `port` (default: config port; 0 = any free port) at the config host. */
  listen(port?: number): Promise<RunningService>;
}

/** Builds a catalog service: config, logs, request ids, metrics, health, body parsing, errors, db, peers. */
export function createService(options: CreateServiceOptions): Service {
  const config =
    options.config ??
    loadConfig(options.env ?? process.env, options.name, { requiresDatabase: options.requiresDatabase });
  const logger = createLogger({
    serviceId: config.serviceId,
    version: config.appVersion,
    level: config.logLevel,
    destination: options.logDestination,
  });
  const registry = createServiceRegistry(config.serviceId, config.appVersion);
  const httpMetrics = createHttpMetrics(registry, config.definition.slo.latencySeconds);
  // Only services that own tables (or ask for it) get a pool and a database readiness check,
  // even when DATABASE_URL is set for every pod.
  const needsDatabase = options.requiresDatabase ?? config.definition.tables.length > 0;
  const db = needsDatabase && config.databaseUrl ? createPool(config, registry, { logger }) : undefined;
  const context: ServiceContext = { config, logger, db, registry, peers: createPeerClient(config.peerUrls, logger) };

  let draining = false;
  const app = express();
  app.disable('x-powered-by');
  trackRouteTemplates(app);
  app.use(observeRequests(logger, httpMetrics, () => draining));
  app.use(
    healthRoutes({
      serviceId: config.serviceId,
      version: config.appVersion,
      registry,
      db,
      logger,
      isDraining: () => draining,
    }),
  );
  app.use(jsonBody({ limit: options.bodyLimit ?? DEFAULT_BODY_LIMIT, acceptContentTypes: options.acceptContentTypes ?? [] }));
  const router = express.Router();
  options.routes(router, context);
  app.use(router);
  app.use(unmatchedRoute);
  (options.errorReporting ?? defaultErrorReporting())?.(app, context);
  app.use(renderErrors(logger, { databaseUnavailable: db ? createDatabaseUnavailableMetric(registry) : undefined }));

  const drainMs = options.drainTimeoutMs ?? SHUTDOWN_DRAIN_SECONDS * 1000;

  async function listen(port = config.port): Promise<RunningService> {
    const server = app.listen(port, config.host);
    // Outlive the idle timeout of proxies in front (ingress-nginx keeps upstream connections
    // 60 s): if Node closed first, a request racing the close would fail with a 502.
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000;
    await once(server, 'listening');
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
    logger.info({ url, host: config.host, port: address.port, env: config.deploymentEnv }, `${config.serviceId} listening`);

    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        draining = true;
        logger.info({ drainSeconds: drainMs / 1000 }, 'shutting down: draining in-flight requests');
        const { drained } = await drainServer(server, drainMs);
        if (!drained) logger.warn('drain time elapsed: remaining connections were closed');
        if (db) await db.end().catch((error: unknown) => logger.warn({ err: error }, 'closing the database pool failed'));
        logger.info('shutdown complete');
        await flushLogger(logger);
      })();
      return closing;
    };
    return { url, port: address.port, server, close };
  }

  return { app, context, listen };
}
