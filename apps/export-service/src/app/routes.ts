import type { Router } from 'express';
import type { ServiceContext } from '@factsway/shared-utils';
import { registerExportRoutes } from './export-routes';

/**
 * The export-service API: `POST /api/export` (document JSON -> .docx).
 * Mounted after the routes every service has (/health, /ready, /metrics).
 */
export function registerRoutes(router: Router, context: ServiceContext): void {
  registerExportRoutes(router, context);
}
