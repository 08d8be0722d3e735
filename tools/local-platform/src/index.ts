export { startLocalPlatform, PlatformStartError } from './lib/start-local-platform';
export type { LocalPlatform, LocalPlatformOptions } from './lib/start-local-platform';
export type { Endpoint, PlatformComponent, PlatformContext, StartedComponent } from './lib/platform-component';
export { catalogPortPlan, freePortPlan, type PortPlan } from './lib/port-plan';
export { statusTable } from './lib/status-table';
export { requestToken } from './lib/request-token';
