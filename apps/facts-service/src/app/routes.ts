import type { Router } from 'express';
import type { DatabaseServiceContext } from '@factsway/shared-utils';
import { registerFactRoutes } from './fact-routes';
import { registerSentenceRoutes } from './sentence-routes';

/**
 * The facts-service API: sentence detection (`/api/facts/detect-sentences`, `/api/facts/sentences`)
 * and facts CRUD (`/api/facts`). Sentence routes come first so that `/api/facts/sentences`
 * is not read as a fact id.
 */
export function registerRoutes(router: Router, context: DatabaseServiceContext): void {
  registerSentenceRoutes(router, context);
  registerFactRoutes(router, context);
}
