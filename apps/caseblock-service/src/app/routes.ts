import type { Router } from 'express';
import type { ServiceContext } from '@factsway/shared-utils';
import { registerCaptionRoutes } from './caption-routes';
import { registerCaptionTemplateRoutes } from './caption-template-routes';

/**
 * The caseblock-service API: caption templates CRUD (`/api/caseblock/templates`),
 * `POST /api/caseblock/format` and `POST /api/caseblock/extract`.
 * Mounted after the routes every service has (/health, /ready, /metrics).
 */
export function registerRoutes(router: Router, { db, peers }: ServiceContext): void {
  if (!db) throw new Error('caseblock-service needs DATABASE_URL');
  registerCaptionTemplateRoutes(router, db);
  registerCaptionRoutes(router, db, peers);
}
