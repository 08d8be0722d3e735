import type { Router } from 'express';
import type { DatabaseServiceContext } from '@factsway/shared-utils';
import { registerTemplateRoutes, templateStore } from '@factsway/line-templates';
import { registerCaptionRoutes } from './caption-routes';
import { captionTemplateBody, captionTemplates } from './caption-templates';

/**
 * The caseblock-service API: caption templates CRUD (`/api/caseblock/templates`),
 * `POST /api/caseblock/format` and `POST /api/caseblock/extract`.
 * Mounted after the routes every service has (/health, /ready, /metrics).
 */
export function registerRoutes(router: Router, { db, peers }: DatabaseServiceContext): void {
  const templates = (tenant: string) => templateStore(db, captionTemplates, tenant);
  registerTemplateRoutes(router, { basePath: '/api/caseblock/templates', body: captionTemplateBody, storeFor: templates });
  registerCaptionRoutes(router, templates, peers);
}
