import { ServiceDefinition, serviceId } from '@factsway/service-catalog';
import { latencyBucketLabel, MonitoredServices, serviceIdPattern } from '../service-selectors';
import { monitoringConfig } from '../config';
import { infrastructureRoutes, postgresMetrics, serviceMetrics, updateOriginMetrics } from '../metrics';
import { probeMetrics, updateProbe } from '../probes/update-manifest-probes';
import { sloSeries } from '../rules/slo-recording-rules';

/** PromQL behind every panel; Grafana's `$service`, `$instance` and `$__rate_interval` are filled at query time. */
const window = '$__rate_interval';
const userTraffic = `route!~"${infrastructureRoutes.join('|')}"`;
const selected = `service=~"$service",instance=~"$instance"`;
const one = (s: ServiceDefinition) => `service="${serviceId(s.name)}",instance=~"$instance"`;
const { requests, requestDuration } = serviceMetrics;

function rate(metric: string, matchers: string, by: string): string {
  return `sum by (${by}) (rate(${metric}{${matchers}}[${window}]))`;
}

/** 5xx share; `or ... * 0` shows 0 rather than "no data" while a service has served no 5xx. */
function errorRatio(matchers: string, by: string): string {
  const all = rate(requests, `${matchers},${userTraffic}`, by);
  return `(${rate(requests, `${matchers},${userTraffic},status=~"5.."`, by)} or ${all} * 0) / ${all}`;
}

function latencyQuantile(q: number, matchers: string, by: string): string {
  return `histogram_quantile(${q}, ${rate(`${requestDuration}_bucket`, `${matchers},${userTraffic}`, `${by}, le`)})`;
}

export const overviewQueries = (services: MonitoredServices) => ({
  up: `sum by (service) (up{job=~"${serviceIdPattern(services)}",${selected}})`,
  requestRate: rate(requests, `${selected},${userTraffic}`, 'service'),
  errorRatio: errorRatio(selected, 'service'),
  p95Latency: latencyQuantile(0.95, selected, 'service'),
  errorBudgetRemaining: (() => {
    const span = monitoringConfig.sloWindow;
    const total = `sum by (service) (increase(${requests}{service=~"$service",${userTraffic}}[${span}]))`;
    const failed = `sum by (service) (increase(${requests}{service=~"$service",${userTraffic},status=~"5.."}[${span}]))`;
    return `1 - ((${failed} or ${total} * 0) / ${total}) / on (service) (1 - ${sloSeries.availabilityObjective})`;
  })(),
});

/** Rate, Errors, Duration for one service, plus the share of requests inside its latency SLO. */
export function redQueries(s: ServiceDefinition) {
  const m = one(s);
  return {
    requestRate: rate(requests, `${m},${userTraffic}`, 'route'),
    errorRatio: errorRatio(m, 'service'),
    latency: {
      p50: latencyQuantile(0.5, m, 'service'),
      p95: latencyQuantile(0.95, m, 'service'),
      p99: latencyQuantile(0.99, m, 'service'),
    },
    withinLatencySlo:
      `${rate(`${requestDuration}_bucket`, `${m},${userTraffic},le="${latencyBucketLabel(s)}"`, 'service')}` +
      ` / ${rate(`${requestDuration}_count`, `${m},${userTraffic}`, 'service')}`,
    memory: `sum by (instance) (${serviceMetrics.residentMemory}{${m}})`,
  };
}

export const databaseQueries = {
  connectionErrors: rate(serviceMetrics.databaseConnectionErrors, selected, 'service'),
  queryP95: `histogram_quantile(0.95, ${rate(`${serviceMetrics.databaseQueryDuration}_bucket`, selected, 'service, le')})`,
  instancesUp: `min by (pod) (${postgresMetrics.collectorUp})`,
  backends: `sum by (pod) (${postgresMetrics.backends})`,
  databaseSize: `max by (datname) (${postgresMetrics.databaseSize})`,
};

const originRequests = updateOriginMetrics.requests;
/** The local update origin's own series: only `npm start` has them (production serves through CloudFront). */
export const updateOriginQueries = {
  requestRate: `sum by (kind, status) (rate(${originRequests}[${window}]))`,
};

const probeJob = `job="${updateProbe.job}"`;
/** The blackbox probe of the live manifests: the same series in production and locally. */
export const updateProbeQueries = {
  success: `min by (instance) (${probeMetrics.success}{${probeJob}})`,
  duration: `max by (instance) (${probeMetrics.duration}{${probeJob}})`,
  certificateDaysLeft: `min by (instance) (${probeMetrics.certificateExpiry}{${probeJob}} - time()) / 86400`,
};
