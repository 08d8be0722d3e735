import type { Express, Router } from 'express';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { services } from '@factsway/service-catalog';
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

/** The context of a service that owns tables (or `requiresDatabase`): createService always opens its pool. */
export interface DatabaseServiceContext extends ServiceContext {
  db: Pool;
}

/** Catalog names of the services that own tables. */
type TableOwner = Extract<(typeof services)[number], { tables: readonly [string, ...string[]] }>['name'];

/**
 * What createService gives the routes of `Name`: a DatabaseServiceContext when the catalog says the
 * service owns tables or `requiresDatabase` is true (DATABASE_URL is then required at start), else a
 * ServiceContext. A `requiresDatabase` that may be false gives the plain ServiceContext.
 */
export type ServiceContextFor<Name extends string, RequiresDatabase extends boolean | undefined> = RequiresDatabase extends true
  ? DatabaseServiceContext
  : RequiresDatabase extends false
    ? ServiceContext
    : Name extends TableOwner | `${TableOwner}-service`
      ? DatabaseServiceContext
      : ServiceContext;

/** Registers the service's own routes on `router` (mounted at `/`, after body parsing). */
export type RegisterRoutes<Context extends ServiceContext = ServiceContext> = (router: Router, context: Context) => void;

/**
 * Called after the routes and before the uniform error renderer, so an error reporter can
 * see every error first, e.g. `(app) => Sentry.setupExpressErrorHandler(app)`.
 */
export type ErrorReportingHook = (app: Express, context: ServiceContext) => void;
