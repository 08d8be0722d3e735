import type { Router } from 'express';
import type { DatabaseServiceContext } from '@factsway/shared-utils';
import { registerTemplateRoutes, templateStore } from '@factsway/line-templates';
import { registerSignatureRoutes } from './signature-routes';
import { signatureTemplateBody, signatureTemplates } from './signature-templates';

/**
 * The signature-service API: signature templates CRUD (`/api/signature/templates`)
 * and `POST /api/signature/format`.
 * Mounted after the routes every service has (/health, /ready, /metrics).
 */
export function registerRoutes(router: Router, { db, peers }: DatabaseServiceContext): void {
  const templates = (tenant: string) => templateStore(db, signatureTemplates, tenant);
  registerTemplateRoutes(router, { basePath: '/api/signature/templates', body: signatureTemplateBody, storeFor: templates });
  registerSignatureRoutes(router, templates, peers);
}
