import type { Router } from 'express';
import type { DatabaseServiceContext } from '@factsway/shared-utils';
import { registerEvidenceRoutes } from './evidence-routes';
import { registerExhibitRoutes } from './exhibit-routes';

/** The exhibits-service API: evidence CRUD and fact links (`/api/evidence`), the exhibit list (`/api/exhibits`). */
export function registerRoutes(router: Router, context: DatabaseServiceContext): void {
  registerEvidenceRoutes(router, context);
  registerExhibitRoutes(router, context);
}
