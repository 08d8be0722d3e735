import type { Router } from 'express';
import type { DatabaseServiceContext } from '@factsway/shared-utils';
import { registerIngestRoutes } from './ingest-routes';

/**
 * The ingestion-service API: `POST /api/ingest` (.docx -> document JSON) and `GET /api/ingest/:id`.
 * Mounted after the routes every service has (/health, /ready, /metrics).
 */
export function registerRoutes(router: Router, context: DatabaseServiceContext): void {
  registerIngestRoutes(router, context);
}
