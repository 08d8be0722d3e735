import type { DatabaseServiceContext } from '@factsway/shared-utils';
import type { Router } from 'express';
import { registerCaseRoutes } from './case-routes';
import { registerDraftRoutes } from './draft-routes';
import { registerTemplateRoutes } from './template-routes';

/**
 * The records-service API: `/api/templates`, `/api/cases`, `/api/drafts` (one file per
 * resource). Mounted after the routes every service has (/health, /ready, /metrics).
 */
export function registerRoutes(router: Router, { db }: DatabaseServiceContext): void {
  registerTemplateRoutes(router, db);
  registerCaseRoutes(router, db);
  registerDraftRoutes(router, db);
}
