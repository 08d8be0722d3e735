import type { Express } from 'express';
import type { DestinationStream } from 'pino';
import { authenticate } from '../auth/authenticate';
import { auditWrites } from '../audit/audit-writes';
import { createTokenVerifier } from '../auth/token-verifier';
import { ConfigError } from '../config/config-error';
import { loadConfig, type ServiceConfig } from '../config/service-config';
import { READY_CHECK_TIMEOUT_MS } from '../database/check-database';
import { createPool } from '../database/create-pool';
import { databaseReadiness } from '../health/database-readiness';
import { createHttpCore } from '../http-core/create-http-core';
import type { RunningService } from '../http-core/listen-http-core';
import { createLogger } from '../logging/create-logger';
import { createDatabaseUnavailableMetric } from '../metrics/database-unavailable-metric';
import { createHttpMetrics } from '../metrics/http-metrics';
import { createServiceRegistry } from '../metrics/service-registry';
import { createPeerClient } from '../peers/peer-client';
import { defaultErrorReporting } from './error-reporting';
import type { ErrorReportingHook, RegisterRoutes, ServiceContext, ServiceContextFor } from './service-context';

export type { RunningService } from '../http-core/listen-http-core';

export interface CreateServiceOptions<Name extends string = string, RequiresDatabase extends boolean | undefined = undefined> {
  /** Catalog short name (`records`) or id (`records-service`). */
  name: Name;
  /** Gets a context whose `db` is a Pool, not `Pool | undefined`, when the service owns tables. */
  routes: RegisterRoutes<ServiceContextFor<Name, RequiresDatabase>>;
  /** JSON body limit (default `1mb`); larger bodies get 413. */
  bodyLimit?: string | number;
  /** Default: the service owns tables in the catalog. */
  requiresDatabase?: RequiresDatabase;
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

export interface Service {
  app: Express;
  context: ServiceContext;
  /** Listens on `port` (default: config port; 0 = any free port) at the config host. */
  listen(port?: number): Promise<RunningService>;
}

/**
 * Builds a catalog service: config, logs, metrics and the database from the catalog entry,
 * peers, on the shared HTTP core (request ids, health, body parsing, errors, shutdown).
 */
export function createService<Name extends string, RequiresDatabase extends boolean | undefined = undefined>(
  options: CreateServiceOptions<Name, RequiresDatabase>,
): Service {
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
  // Routes of a service that needs its database are typed with a Pool: a config given without one fails here.
  if (needsDatabase && !db) throw new ConfigError(config.serviceId, [{ variable: 'DATABASE_URL', message: 'is required: the service needs its database' }]);
  const context: ServiceContext = { config, logger, db, registry, peers: createPeerClient(config.peerUrls, logger) };
  const errorReporting = options.errorReporting ?? defaultErrorReporting();

  const core = createHttpCore({
    serviceId: config.serviceId,
    version: config.appVersion,
    logger,
    registry,
    httpMetrics,
    authenticate: authenticate(createTokenVerifier(config.auth)),
    audit: auditWrites(logger, config.serviceId),
    readiness: databaseReadiness({ serviceId: config.serviceId, db, logger, timeoutMs: READY_CHECK_TIMEOUT_MS }),
    jsonBody: { limit: options.bodyLimit, acceptContentTypes: options.acceptContentTypes },
    routes: (router) => options.routes(router, context as ServiceContextFor<Name, RequiresDatabase>),
    beforeErrorRenderer: errorReporting ? (app) => errorReporting(app, context) : undefined,
    errorRendering: { databaseUnavailable: db ? createDatabaseUnavailableMetric(registry) : undefined },
    drainTimeoutMs: options.drainTimeoutMs,
    onDrained: async () => {
      if (db) await db.end().catch((error: unknown) => logger.warn({ err: error }, 'closing the database pool failed'));
    },
  });

  return {
    app: core.app,
    context,
    listen: (port = config.port) => core.listen(port, config.host, { env: config.deploymentEnv }),
  };
}
