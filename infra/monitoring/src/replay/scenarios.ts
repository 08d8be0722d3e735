import { ServiceDefinition, serviceId } from '@factsway/service-catalog';
import { healthyScrapeJobs, postgresSeries, PromtoolSeries, samplesPer, serviceSeries, ServiceTimeline } from './replay-series';

const minute = samplesPer(1);
const at = (hours: number, minutes = 0) => (hours * 60 + minutes) * minute;
const within = (sample: number, from: number, to: number) => sample >= from && sample < to;

/**
 * Traffic over a working day: almost nothing at night, a morning ramp, a plateau, an evening
 * tail. Requests per second per service.
 */
function dailyTraffic(sample: number): number {
  const hour = sample / at(1);
  if (hour < 6) return 0.05;
  if (hour < 9) return 0.05 + (hour - 6) * 1.5;
  if (hour < 18) return 4.5;
  if (hour < 22) return 4.5 - (hour - 18);
  return 0.3;
}

/** Background failures well inside every SLO (0.02% 5xx, 0.2% slow). */
const background = { errorRatio: 0.0002, slowRatio: 0.002 };

export interface Scenario {
  name: string;
  /** What the day holds, for the report. */
  events: string[];
  hours: number;
  series: PromtoolSeries[];
  /** The pages it must produce (alertname -> label sets); empty for normal life. */
  expectedPages: { alertname: string; labels: Record<string, string> }[];
  /** When the pages must be firing (promtool duration). */
  pageBy?: string;
  /** Only pages whose alertname matches are compared (the rest of the incident's pages are allowed). */
  pageFilter?: string;
  /**
   * Alerts a normal day still raises that it should not: measured alert fatigue, pinned so that a
   * fix (or a new false alarm) changes the outcome and this list with it. Empty is the goal.
   */
  knownFatigue?: { critical: Record<string, string>[]; warning: Record<string, string>[] };
}

/**
 * A normal day in production: the replay must not page for any of it.
 * - 10:00 a rolling deploy of every service (maxSurge 1, maxUnavailable 0: a new pod is up before an old one goes)
 * - 12:00 one records-service pod restarts (30 s down, counters from zero)
 * - 14:00 a 30-second database failover: the primary's exporter misses two scrapes, the services with
 *   tables fail their requests and count connection errors for those 30 seconds
 * - 16:00-16:20 a traffic spike, five times the plateau, slower but inside the latency SLO
 * - 00:00-06:00 a quiet night, 0.05 requests per second, with a single 5xx at 03:00
 */
export function normalDay(services: readonly ServiceDefinition[]): Scenario {
  const samples = at(24);
  const owners = services.filter((s) => s.tables.length > 0).map((s) => serviceId(s.name));
  const failover = [at(14), at(14) + 2] as const;
  const deploy = at(10);
  const series = services.flatMap((service, index) => {
    const owner = service.tables.length > 0;
    const deployStart = deploy + index * 2 * minute;
    const timeline: ServiceTimeline = {
      rps: (s) => dailyTraffic(s) * (within(s, at(16), at(16, 20)) ? 5 : 1),
      errorRatio: (s) => {
        if (owner && within(s, ...failover)) return 1;
        if (s === at(3) && serviceId(service.name) === 'records-service') return 1 / (0.05 * 15);
        return background.errorRatio;
      },
      slowRatio: (s) => (within(s, at(16), at(16, 20)) ? 0.006 : background.slowRatio),
      connectionErrors: (s) => (owner && within(s, ...failover) ? 3 : 0),
      pods: [
        // Two pods before the deploy; each is replaced by a new one, the new one up first.
        { instance: 1, exists: (s) => s < deployStart + minute, up: () => true },
        { instance: 2, exists: (s) => s < deployStart + 2 * minute, up: (s) => !(service.name === 'records' && within(s, at(12), at(12) + 2)) },
        { instance: 3, exists: (s) => s >= deployStart, up: () => true },
        { instance: 4, exists: (s) => s >= deployStart + minute, up: () => true },
      ],
    };
    return serviceSeries(service, timeline, samples);
  });
  return {
    name: 'a normal day',
    events: ['rolling deploy of every service', 'one pod restart', 'a 30-second database failover', 'a 5x traffic spike inside the SLO', 'a quiet night with one 5xx'],
    hours: 24,
    series: [...series, ...postgresSeries(samples, (s) => within(s, ...failover)), ...healthyScrapeJobs(samples)],
    expectedPages: [],
    // The 30-second failover: DatabaseConnectionErrors (rate over 1m, for 1m) pages every table
    // owner, and its 503s open a slow-burn availability ticket for six of them. To fix in that rule.
    knownFatigue: {
      critical: owners.map((service) => ({ alertname: 'DatabaseConnectionErrors', service })),
      warning: owners.filter((service) => service !== 'ingestion-service').map((service) => ({ alertname: 'AvailabilityErrorBudgetBurn', service })),
    },
  };
}

/** Three hours of plateau traffic with `incident` applied to it from 01:00. */
function incidentScenario(
  services: readonly ServiceDefinition[],
  name: string,
  change: (service: ServiceDefinition, timeline: ServiceTimeline, from: number) => ServiceTimeline,
  options: { primaryDown?: boolean; expectedPages: Scenario['expectedPages']; pageBy: string; pageFilter?: string },
): Scenario {
  const samples = at(3);
  const from = at(1);
  const series = services.flatMap((service) => {
    const timeline: ServiceTimeline = {
      rps: () => 4.5,
      errorRatio: () => background.errorRatio,
      slowRatio: () => background.slowRatio,
      connectionErrors: () => 0,
      pods: [1, 2].map((instance) => ({ instance, exists: () => true, up: () => true })),
    };
    return serviceSeries(service, change(service, timeline, from), samples);
  });
  return {
    name,
    events: [name],
    hours: 3,
    series: [...series, ...postgresSeries(samples, (s) => !!options.primaryDown && s >= from), ...healthyScrapeJobs(samples)],
    expectedPages: options.expectedPages,
    pageBy: options.pageBy,
    pageFilter: options.pageFilter,
  };
}

/** One real incident of each kind, each with the pages it must produce and by when (from 01:00). */
export function incidents(services: readonly ServiceDefinition[]): Scenario[] {
  const owners = services.filter((s) => s.tables.length > 0).map((s) => serviceId(s.name));
  return [
    incidentScenario(
      services,
      'records-service crashes for good',
      (service, timeline, from) =>
        service.name !== 'records' ? timeline : { ...timeline, pods: timeline.pods.map((pod) => ({ ...pod, up: (s) => s < from })) },
      // ServiceDown inhibits the burn-rate pages of the same service in Alertmanager; Prometheus fires both.
      {
        expectedPages: [
          { alertname: 'ServiceDown', labels: { service: 'records-service' } },
        ],
        pageBy: '1h3m',
      },
    ),
    incidentScenario(
      services,
      'the PostgreSQL primary is down for good',
      (service, timeline, from) =>
        service.tables.length === 0
          ? timeline
          : { ...timeline, errorRatio: (s) => (s >= from ? 1 : background.errorRatio), connectionErrors: (s) => (s >= from ? 3 : 0) },
      {
        primaryDown: true,
        expectedPages: [
          { alertname: 'PostgresDown', labels: { pod: 'factsway-postgres-1' } },
          ...owners.map((service) => ({ alertname: 'DatabaseConnectionErrors', labels: { service } })),
        ],
        pageBy: '1h3m',
        // The services' 503s also burn their availability budgets: those pages fire in Prometheus too
        // and reach Alertmanager as one group per service.
        pageFilter: 'PostgresDown|DatabaseConnectionErrors',
      },
    ),
    incidentScenario(
      services,
      'export-service answers 30% 5xx',
      (service, timeline, from) =>
        service.name !== 'export' ? timeline : { ...timeline, errorRatio: (s) => (s >= from ? 0.3 : background.errorRatio) },
      { expectedPages: [{ alertname: 'AvailabilityErrorBudgetBurn', labels: { service: 'export-service' } }], pageBy: '1h20m' },
    ),
  ];
}
