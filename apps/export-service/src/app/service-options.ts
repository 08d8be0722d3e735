import type { CreateServiceOptions } from '@factsway/shared-utils';
import { EXPORT_BODY_LIMIT } from './export-routes';
import { registerRoutes } from './routes';

/** How main.ts (and the tests) build export-service: document JSON bodies up to 10 MB. */
export const serviceOptions = {
  name: 'export',
  routes: registerRoutes,
  bodyLimit: EXPORT_BODY_LIMIT,
} satisfies CreateServiceOptions;
