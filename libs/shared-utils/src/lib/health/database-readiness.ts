import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { checkDatabase } from '../database/check-database';
import type { ReadinessCheck } from './readiness';

export interface DatabaseReadinessOptions {
  serviceId: string;
  /** Without a pool the service is always ready. */
  db?: Pool;
  logger: Logger;
  timeoutMs: number;
}

/** A catalog service is ready when its own database answers within the timeout. */
export function databaseReadiness(options: DatabaseReadinessOptions): ReadinessCheck {
  return async () => {
    if (options.db) {
      try {
        await checkDatabase(options.db, options.timeoutMs);
      } catch (error) {
        options.logger.warn({ err: error }, 'readiness check failed: database unreachable');
        return { ready: false, code: 'database_unavailable', message: 'Database is not reachable' };
      }
    }
    return { ready: true, details: { service: options.serviceId } };
  };
}
