import type { Router } from 'express';
import type { DatabaseServiceContext } from '@factsway/shared-utils';
import { registerCaptionRoutes } from './caption-routes';
import { registerCaptionTemplateRoutes } from './caption-template-routes';

/**
 * The caseblock-service API: caption templates CRUD (`/api/caseblock/templates`),
 * `POST /api/caseblock/format` and `POST /api/caseblock/extract`.
 * Mounted after the routes every service has (/health, /ready, /metrics).
 */
export function registerRoutes(router: Router, { db, peers }: DatabaseServiceContext): void {
  registerCaptionTemplateRoutes(router, db);
  registerCaptionRoutes(router, db, peers);
}
