import { ServiceDefinition, serviceId } from '@factsway/service-catalog';

/** The services to monitor, in catalog order: every generator takes them as a parameter. */
export type MonitoredServices = readonly ServiceDefinition[];

/** Each service as the `service`/`job` label value (`records-service`). */
export function serviceIds(services: MonitoredServices): string[] {
  return services.map((s) => serviceId(s.name));
}

/** A regex alternation matching exactly these services, for `=~` matchers. */
export function serviceIdPattern(services: MonitoredServices): string {
  return serviceIds(services).join('|');
}

/** Pods of the services' Deployments are named `<service>-<replicaset hash>-<suffix>`. */
export function servicePodPattern(services: MonitoredServices): string {
  return `(${serviceIdPattern(services)})-[a-z0-9]+-[a-z0-9]+`;
}

/** The `le` label value of the histogram bucket at the latency SLO, as prom-client prints it. */
export function latencyBucketLabel(service: ServiceDefinition): string {
  return String(service.slo.latencySeconds);
}
