import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * A Registry for one service (never prom-client's global one, so several services can
 * live in one test process): default process metrics plus `service` and `version` on every series.
 */
export function createServiceRegistry(serviceId: string, version: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: serviceId, version });
  // Event-loop lag sampled every 100 ms instead of prom-client's 10 ms: the lag that matters is
  // far above 100 ms, and an idle pod should not wake 100 times a second to measure it.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  return registry;
}
