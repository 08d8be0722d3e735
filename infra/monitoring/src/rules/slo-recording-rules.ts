import { serviceId } from '@factsway/service-catalog';
import { latencyBucketLabel, MonitoredServices } from '../service-selectors';
import { infrastructureRoutes, serviceMetrics } from '../metrics';
import { RecordingRule, RuleGroup } from './rule-types';
import { recordedWindows } from './slo-windows';

/** Recording-rule names the alerts and the dashboard read. */
export const sloSeries = {
  availabilityObjective: 'slo:availability_objective:ratio',
  latencyObjective: 'slo:latency_objective:ratio',
  requestRate: (window: string) => `service:http_requests:rate${window}`,
  errorRatio: (window: string) => `service:http_request_errors:ratio_rate${window}`,
  slowRatio: (window: string) => `service:http_requests_slow:ratio_rate${window}`,
};

/** Probe and scrape traffic is not user traffic. */
const userTraffic = `route!~"${infrastructureRoutes.join('|')}"`;

function requestRate(window: string, extraMatchers = ''): string {
  return `sum by (service) (rate(${serviceMetrics.requests}{${userTraffic}${extraMatchers}}[${window}]))`;
}

function errorRatio(window: string): string {
  // `or ... * 0` keeps the ratio at 0 (not absent) while a service has served no 5xx yet.
  return `(${requestRate(window, ',status=~"5.."')} or ${requestRate(window)} * 0) / ${requestRate(window)}`;
}

/** Each service's fast-request bucket sits at its own SLO threshold, so the selectors are per service. */
function slowRatio(window: string, services: MonitoredServices): string {
  const fast = services
    .map(
      (s) =>
        `sum by (service) (rate(${serviceMetrics.requestDuration}_bucket{service="${serviceId(s.name)}",le="${latencyBucketLabel(s)}",${userTraffic}}[${window}]))`,
    )
    .join('\n  or ');
  const all = `sum by (service) (rate(${serviceMetrics.requestDuration}_count{${userTraffic}}[${window}]))`;
  return `1 - (\n  ${fast}\n) / ${all}`;
}

export function sloRecordingRules(services: MonitoredServices): RuleGroup<RecordingRule>[] {
  const objectives: RecordingRule[] = services.flatMap((s) => [
    { record: sloSeries.availabilityObjective, expr: `vector(${s.slo.availability})`, labels: { service: serviceId(s.name) } },
    { record: sloSeries.latencyObjective, expr: `vector(${s.slo.latencyTarget})`, labels: { service: serviceId(s.name) } },
  ]);
  const perWindow: RecordingRule[] = recordedWindows.flatMap((w) => [
    { record: sloSeries.requestRate(w), expr: requestRate(w) },
    { record: sloSeries.errorRatio(w), expr: errorRatio(w) },
    { record: sloSeries.slowRatio(w), expr: slowRatio(w, services) },
  ]);
  return [
    { name: 'factsway-slo-objectives', rules: objectives },
    { name: 'factsway-slo-sli', rules: perWindow },
  ];
}
