import { Router, type Request, type Response } from 'express';
import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import { checkDatabase, READY_CHECK_TIMEOUT_MS } from '../database/check-database';
import type { ErrorBody } from '../errors/error-body';
import { DATABASE_RETRY_AFTER_SECONDS } from '../errors/database-unavailable';

export interface HealthRoutesOptions {
  serviceId: string;
  version: string;
  registry: Registry;
  db?: Pool;
  logger: Logger;
  /** True once shutdown began: readiness fails so the load balancer stops sending traffic. */
  isDraining: () => boolean;
  readyTimeoutMs?: number;
}

function notReady(res: Response, req: Request, code: string, message: string, retryAfterSeconds?: number): void {
  const body: ErrorBody = { error: { code, message, requestId: req.id } };
  if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds));
  res.status(503).json(body);
}

/** `/health` (liveness), `/ready` (own database only, never peers) and `/metrics`. */
export function healthRoutes(options: HealthRoutesOptions): Router {
  const router = Router();
  const timeoutMs = options.readyTimeoutMs ?? READY_CHECK_TIMEOUT_MS;

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: options.serviceId, version: options.version, uptime: process.uptime() });
  });

  router.get('/ready', async (req, res) => {
    if (options.isDraining()) return notReady(res, req, 'shutting_down', 'Service is shutting down');
    if (options.db) {
      try {
        await checkDatabase(options.db, timeoutMs);
      } catch (error) {
        options.logger.warn({ err: error }, 'readiness check failed: database unreachable');
        return notReady(res, req, 'database_unavailable', 'Database is not reachable', DATABASE_RETRY_AFTER_SECONDS);
      }
    }
    res.json({ status: 'ready', service: options.serviceId });
  });

  router.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', options.registry.contentType);
    res.end(await options.registry.metrics());
  });

  return router;
}
