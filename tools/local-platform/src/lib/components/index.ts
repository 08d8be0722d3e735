import { PlatformComponent } from '../platform-component';
import { issuerComponent } from './issuer';
import { migrationsComponent } from './migrations';
import { monitoringComponent } from './monitoring';
import { postgresComponent } from './postgres';
import { sentrySinkComponent } from './sentry-sink';
import { servicesComponent } from './services';
import { updateOriginComponent } from './update-origin';

/**
 * The parts of the local platform, in start order (they stop in reverse). To add one, add a
 * file here and a line below. The Sentry sink starts before the services so that it can put
 * SENTRY_DSN into `context.serviceEnv`, and the token issuer before them for the AUTH_* variables.
 */
export const platformComponents: readonly PlatformComponent[] = [
  postgresComponent,
  migrationsComponent,
  sentrySinkComponent,
  issuerComponent,
  servicesComponent,
  updateOriginComponent,
  monitoringComponent,
];
