import { Router, type Request, type Response } from 'express';
import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import { READY_CHECK_TIMEOUT_MS } from '../database/check-database';
import type { ErrorBody } from '../errors/error-body';
import { databaseReadiness } from './database-readiness';
import type { ReadinessCheck } from './readiness';
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
  /** What `/ready` checks instead of `db`, e.g. the bucket a server reads from. */
  readiness?: ReadinessCheck;
}

function notReady(res: Response, req: Request, code: string, message: string, retryAfterSeconds?: number): void {
  const body: ErrorBody = { error: { code, message, requestId: req.id } };
  if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds));
  res.status(503).json(body);
}

/** `/health` (liveness), `/ready` (own database or `readiness` only, never peers) and `/metrics`. */
export function healthRoutes(options: HealthRoutesOptions): Router {
  const router = Router();
  const isReady =
    options.readiness ??
    databaseReadiness({
      serviceId: options.serviceId,
      db: options.db,
      logger: options.logger,
      timeoutMs: options.readyTimeoutMs ?? READY_CHECK_TIMEOUT_MS,
    });

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: options.serviceId, version: options.version, uptime: process.uptime() });
  });

  router.get('/ready', async (req, res) => {
    if (options.isDraining()) return notReady(res, req, 'shutting_down', 'Service is shutting down');
    const readiness = await isReady();
    if (!readiness.ready) return notReady(res, req, readiness.code, readiness.message, readiness.code === 'database_unavailable' ? DATABASE_RETRY_AFTER_SECONDS : undefined);
    res.json({ status: 'ready', ...readiness.details });
  });

  router.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', options.registry.contentType);
    res.end(await options.registry.metrics());
  });

  return router;
}
