import type { Router } from 'express';
import type { ServiceContext } from '@factsway/shared-utils';
import { registerSignatureRoutes } from './signature-routes';
import { registerSignatureTemplateRoutes } from './signature-template-routes';

/** Everything under /api/signature: signature templates and format. */
export function registerSignatureServiceRoutes(router: Router, { db, peers }: ServiceContext): void {
  if (!db) throw new Error('signature-service needs DATABASE_URL');
  registerSignatureTemplateRoutes(router, db);
  registerSignatureRoutes(router, db, peers);
}
