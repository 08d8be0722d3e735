import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * A Registry for one service (never prom-client's global one, so several services can
 * live in one test process): default process metrics plus `service` and `version` on every series.
 */
export function createServiceRegistry(serviceId: string, version: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: serviceId, version });
  collectDefaultMetrics({ register: registry });
  return registry;
}
