import type { Express, Router } from 'express';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { ServiceConfig } from '../config/service-config';
import type { PeerClient } from '../peers/peer-client';

/** What a service's routes get: everything else is already wired. */
export interface ServiceContext {
  config: ServiceConfig;
  logger: Logger;
  /** A pg Pool on `DATABASE_URL`; set when the service owns tables (or `requiresDatabase`). */
  db?: Pool;
  /** The service's own prom-client Registry (served at `/metrics`); add service metrics here. */
  registry: Registry;
  peers: PeerClient;
}

/** Registers the service's own routes on `router` (mounted at `/`, after body parsing). */
export type RegisterRoutes = (router: Router, context: ServiceContext) => void;

/**
 * Called after the routes and before the uniform error renderer, so an error reporter can
 * see every error first, e.g. `(app) => Sentry.setupExpressErrorHandler(app)`.
 */
export type ErrorReportingHook = (app: Express, context: ServiceContext) => void;
