import type { Router } from 'express';
import type { ServiceContext } from '@factsway/shared-utils';
import { registerCaptionRoutes } from './caption-routes';
import { registerCaptionTemplateRoutes } from './caption-template-routes';

/** Everything under /api/caseblock: caption templates, format, extract. */
export function registerCaseblockRoutes(router: Router, { db, peers }: ServiceContext): void {
  if (!db) throw new Error('caseblock-service needs DATABASE_URL');
  registerCaptionTemplateRoutes(router, db);
  registerCaptionRoutes(router, db, peers);
}
