import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { ServiceDefinition, serviceId } from '@factsway/service-catalog';
import { MonitoredServices, serviceIdPattern } from '../service-selectors';
import { monitoringConfig } from '../config';
import { databaseUnavailablePanel } from './database-unavailable-panel';
import { prometheusDatasource, statPanel, timeseriesPanel } from './panels';
import { databaseQueries, overviewQueries, redQueries, updateOriginQueries, updateProbeQueries } from './queries';

function variables(services: MonitoredServices) {
  return [
    new dashboard.DatasourceVariableBuilder('datasource').label('Prometheus').type('prometheus'),
    new dashboard.QueryVariableBuilder('service')
      .label('Service')
      .datasource(prometheusDatasource)
      .query(`label_values(up{job=~"${serviceIdPattern(services)}"}, service)`)
      .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
      .sort(dashboard.VariableSort.AlphabeticalAsc)
      .multi(true)
      .includeAll(true),
    new dashboard.QueryVariableBuilder('instance')
      .label('Instance')
      .datasource(prometheusDatasource)
      .query('label_values(up{service=~"$service"}, instance)')
      .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
      .sort(dashboard.VariableSort.AlphabeticalAsc)
      .multi(true)
      .includeAll(true)
      .allValue('.*'),
  ];
}

function overviewPanels(services: MonitoredServices) {
  const queries = overviewQueries(services);
  const byService = '{{service}}';
  return [
    statPanel({
      title: 'Instances up',
      description: 'Instances answering /metrics, per service (ServiceDown fires at 0).',
      unit: 'none',
      queries: [{ expr: queries.up, legend: byService }],
      redBelow: 1,
      width: 24,
    }),
    timeseriesPanel({
      title: 'Request rate',
      description: 'User requests per second (probes and scrapes excluded).',
      unit: 'reqps',
      queries: [{ expr: queries.requestRate, legend: byService }],
    }),
    timeseriesPanel({
      title: 'Error ratio (5xx)',
      description: 'Share of user requests answered with a 5xx.',
      unit: 'percentunit',
      queries: [{ expr: queries.errorRatio, legend: byService }],
    }),
    timeseriesPanel({
      title: 'p95 latency',
      description: '95th percentile request duration.',
      unit: 's',
      queries: [{ expr: queries.p95Latency, legend: byService }],
    }),
    statPanel({
      title: `Error budget remaining (${monitoringConfig.sloWindow})`,
      description: 'Share of the availability error budget (catalog SLO) not yet spent in the SLO window.',
      unit: 'percentunit',
      queries: [{ expr: queries.errorBudgetRemaining, legend: byService }],
      redBelow: 0.25,
    }),
  ];
}

function serviceRow(s: ServiceDefinition) {
  const q = redQueries(s);
  const id = serviceId(s.name);
  return new dashboard.RowBuilder(`${id}: ${s.description}`)
    .collapsed(true)
    .withPanel(
      timeseriesPanel({
        title: `${id} requests`,
        description: 'Rate: user requests per second by route template.',
        unit: 'reqps',
        queries: [{ expr: q.requestRate, legend: '{{route}}' }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: `${id} errors`,
        description: `Errors: share of requests answered with a 5xx (SLO: ${s.slo.availability * 100}% succeed).`,
        unit: 'percentunit',
        queries: [{ expr: q.errorRatio, legend: '5xx ratio' }],
        thresholdLine: Number((1 - s.slo.availability).toFixed(6)),
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: `${id} duration`,
        description: `Duration percentiles; the dashed line is the latency SLO threshold (${s.slo.latencySeconds} s).`,
        unit: 's',
        queries: [
          { expr: q.latency.p50, legend: 'p50' },
          { expr: q.latency.p95, legend: 'p95' },
          { expr: q.latency.p99, legend: 'p99' },
        ],
        thresholdLine: s.slo.latencySeconds,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: `${id} within latency SLO`,
        description: `Share of requests faster than ${s.slo.latencySeconds} s (target ${s.slo.latencyTarget * 100}%).`,
        unit: 'percentunit',
        queries: [{ expr: q.withinLatencySlo, legend: `<= ${s.slo.latencySeconds}s` }],
        width: 3,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: `${id} memory`,
        description: `Resident memory per instance (limit ${s.resources.limits.memory}).`,
        unit: 'bytes',
        queries: [{ expr: q.memory, legend: '{{instance}}' }],
        width: 3,
      }),
    );
}

function databaseRow() {
  return new dashboard.RowBuilder('PostgreSQL')
    .collapsed(true)
    .withPanel(
      timeseriesPanel({
        title: 'Connection errors by service',
        description: 'Failed connection attempts per second, as each service pool sees them.',
        unit: 'short',
        queries: [{ expr: databaseQueries.connectionErrors, legend: '{{service}}' }],
      }),
    )
    .withPanel(databaseUnavailablePanel())
    .withPanel(
      timeseriesPanel({
        title: 'Query p95 by service',
        description: '95th percentile database query time, measured in each service.',
        unit: 's',
        queries: [{ expr: databaseQueries.queryP95, legend: '{{service}}' }],
      }),
    )
    .withPanel(
      statPanel({
        title: 'PostgreSQL instances reachable',
        description: 'CloudNativePG exporter: 1 when it can reach PostgreSQL in the pod (production only).',
        unit: 'none',
        queries: [{ expr: databaseQueries.instancesUp, legend: '{{pod}}' }],
        redBelow: 1,
        width: 4,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Backends',
        description: 'Open server connections per instance (production only).',
        unit: 'short',
        queries: [{ expr: databaseQueries.backends, legend: '{{pod}}' }],
        width: 4,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Database size',
        description: 'Size on disk per database (production only).',
        unit: 'bytes',
        queries: [{ expr: databaseQueries.databaseSize, legend: '{{datname}}' }],
        width: 4,
      }),
    );
}

function updatePathRow() {
  return new dashboard.RowBuilder('Update path')
    .collapsed(true)
    .withPanel(
      timeseriesPanel({
        title: 'Manifest probe success',
        description: 'Blackbox probe of latest.yml, latest-mac.yml, latest-linux.yml (1 = a 200 with a version: line); UpdateManifestUnreachable pages at 0 for a minute.',
        unit: 'none',
        queries: [{ expr: updateProbeQueries.success, legend: '{{instance}}' }],
        width: 8,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Manifest probe duration',
        description: 'Seconds per probe; UpdateProbeSlow fires above 2 s averaged over 5 minutes, for 10 minutes.',
        unit: 's',
        queries: [{ expr: updateProbeQueries.duration, legend: '{{instance}}' }],
        thresholdLine: 2,
        width: 8,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Update certificate days left',
        description: 'Days until the updates domain certificate expires (production only: the local origin is plain HTTP); UpdateCertificateExpiring below 14.',
        unit: 'short',
        queries: [{ expr: updateProbeQueries.certificateDaysLeft, legend: '{{instance}}' }],
        thresholdLine: 14,
        width: 8,
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Local update origin requests',
        description: 'Requests to the local update origin (npm start) by kind and status; production serves through CloudFront, whose 5xx rate and origin latency are CloudWatch alarms.',
        unit: 'reqps',
        queries: [{ expr: updateOriginQueries.requestRate, legend: '{{kind}} {{status}}' }],
        width: 12,
      }),
    );
}

/** The platform dashboard: overview, one RED row per service, PostgreSQL, update path. */
export function platformDashboard(services: MonitoredServices) {
  const { uid, title } = monitoringConfig.dashboard;
  const builder = new dashboard.DashboardBuilder(title)
    .uid(uid)
    .tags(['factsway', 'generated'])
    .description('Generated by infra/monitoring/src/dashboard from libs/service-catalog; edit the source, not the JSON.')
    .editable()
    .refresh('30s')
    .time({ from: 'now-6h', to: 'now' })
    .timezone('utc')
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .variables(variables(services))
    .withRow(new dashboard.RowBuilder('Overview'));
  for (const panel of overviewPanels(services)) builder.withPanel(panel);
  for (const s of services) builder.withRow(serviceRow(s));
  builder.withRow(databaseRow()).withRow(updatePathRow());
  return builder.build();
}
