import type { Router } from 'express';
import type { DatabaseServiceContext } from '@factsway/shared-utils';
import { registerSignatureRoutes } from './signature-routes';
import { registerSignatureTemplateRoutes } from './signature-template-routes';

/**
 * The signature-service API: signature templates CRUD (`/api/signature/templates`)
 * and `POST /api/signature/format`.
 * Mounted after the routes every service has (/health, /ready, /metrics).
 */
export function registerRoutes(router: Router, { db, peers }: DatabaseServiceContext): void {
  registerSignatureTemplateRoutes(router, db);
  registerSignatureRoutes(router, db, peers);
}
