import type { CreateServiceOptions } from '@factsway/shared-utils';
import { registerRoutes } from './routes';

/** How main.ts (and the tests) build ingestion-service: uploads arrive as multipart, not JSON. */
export const serviceOptions = {
  name: 'ingestion',
  routes: registerRoutes,
  acceptContentTypes: ['multipart/form-data'],
} satisfies CreateServiceOptions<'ingestion'>;
