import type { Router } from 'express';
import type { DatabaseServiceContext } from '@factsway/shared-utils';
import { registerAuthorityRoutes } from './authority-routes';
import { registerCitationRoutes } from './citation-routes';
import { registerTableOfAuthoritiesRoutes } from './toa-routes';

/**
 * The caselaw-service API: citation detection and formatting (`/api/citations`),
 * authorities CRUD (`/api/authorities`) and tables of authorities (`/api/toa/generate`).
 */
export function registerRoutes(router: Router, context: DatabaseServiceContext): void {
  registerCitationRoutes(router, context);
  registerAuthorityRoutes(router, context);
  registerTableOfAuthoritiesRoutes(router, context);
}
