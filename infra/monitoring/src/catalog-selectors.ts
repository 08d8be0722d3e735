import { ServiceDefinition, serviceId, services } from '@factsway/service-catalog';

/** Every catalog service, as the `service`/`job` label value (`records-service`). */
export const serviceIds: readonly string[] = services.map((s) => serviceId(s.name));

/** A regex alternation matching exactly the catalog services, for `=~` matchers. */
export const serviceIdPattern = serviceIds.join('|');

/** Pods of catalog Deployments are named `<service>-<replicaset hash>-<suffix>`. */
export const servicePodPattern = `(${serviceIdPattern})-[a-z0-9]+-[a-z0-9]+`;

export const catalogServices: readonly ServiceDefinition[] = services;

/** The `le` label value of the histogram bucket at the latency SLO, as prom-client prints it. */
export function latencyBucketLabel(service: ServiceDefinition): string {
  return String(service.slo.latencySeconds);
}
