import { serviceId } from '@factsway/service-catalog';
import { MonitoredServices, serviceIds } from '../service-selectors';
import { serviceMetrics } from '../metrics';

/** Input series for promtool tests, labelled the way the scrape configs label real targets. */
export function targetLabels(service: string, instance = 1): string {
  const id = serviceId(service.replace(/-service$/, ''));
  return `job="${id}",service="${id}",instance="10.0.0.${instance}:8080",namespace="factsway-prod",pod="${podName(id, instance)}"`;
}

export function podName(id: string, instance = 1): string {
  return `${id}-7d9c5b6f4-x${instance}`;
}

export function up(service: string, values: string, instance = 1) {
  return { series: `up{${targetLabels(service, instance)}}`, values };
}

/** Every service up, except the ones a case describes itself. */
export function otherServicesUp(services: MonitoredServices, except: string[], samples = 200) {
  return serviceIds(services).filter((id) => !except.includes(id)).map((id) => up(id, `1x${samples}`));
}

export function requests(service: string, status: string, values: string, route = '/api/cases') {
  return {
    series: `${serviceMetrics.requests}{${targetLabels(service)},method="GET",route="${route}",status="${status}"}`,
    values,
  };
}

export function durationBucket(service: string, le: string, values: string) {
  return {
    series: `${serviceMetrics.requestDuration}_bucket{${targetLabels(service)},method="GET",route="/api/cases",status="200",le="${le}"}`,
    values,
  };
}

export function durationCount(service: string, values: string) {
  return {
    series: `${serviceMetrics.requestDuration}_count{${targetLabels(service)},method="GET",route="/api/cases",status="200"}`,
    values,
  };
}
