import { PlatformComponent } from '../platform-component';
import { migrationsComponent } from './migrations';
import { monitoringComponent } from './monitoring';
import { postgresComponent } from './postgres';
import { servicesComponent } from './services';
import { updateOriginComponent } from './update-origin';

/**
 * The parts of the local platform, in start order (they stop in reverse). To add one
 * (e.g. the Sentry sink before `servicesComponent`, so that it can set SENTRY_DSN in
 * `context.serviceEnv`; Prometheus and Alertmanager after it), add a file here and a line below.
 */
export const platformComponents: readonly PlatformComponent[] = [
  postgresComponent,
  migrationsComponent,
  servicesComponent,
  updateOriginComponent,
  monitoringComponent,
];
