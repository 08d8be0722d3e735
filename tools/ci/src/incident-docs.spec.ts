import { createProjectGraphAsync, ProjectGraph, workspaceRoot } from '@nx/devkit';
import { createDatabaseUnavailableMetric, createHttpMetrics, createPool, createServiceRegistry } from '@factsway/shared-utils';
import { startUpdateOrigin } from '@factsway/update-origin';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import pino from 'pino';
import { parse } from 'yaml';
import { readMarkdown } from './markdown';
import { nxCommandProblem } from './nx-command-problems';
import { nxCommands } from './nx-commands';
import { promqlMetricNames } from './promql-metric-names';

/**
 * Keeps the incident handbook and the runbooks honest: what an on-call engineer copies
 * out of them at 3 a.m. must exist. Links resolve, `npx nx` commands name real projects
 * and targets, every alert has its runbook (and no runbook outlives its alert), and every
 * metric a runbook's PromQL reads is produced by something Prometheus scrapes.
 */
const operationsDir = join(workspaceRoot, 'docs', 'operations');
const runbooksDir = join(workspaceRoot, 'docs', 'runbooks');
const handbook = join(operationsDir, 'incident-response.md');
const markdownIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => join(dir, f));
const documents = [...markdownIn(operationsDir), ...markdownIn(runbooksDir)];
const name = (file: string) => relative(workspaceRoot, file);

interface RuleFile {
  groups: { rules: { alert?: string; record?: string; expr: string; labels?: Record<string, string> }[] }[];
}
const readYaml = <T>(path: string) => parse(readFileSync(join(workspaceRoot, path), 'utf8')) as T;
const alertRules = readYaml<RuleFile>('infra/monitoring/alerts.yml').groups.flatMap((g) => g.rules);
const alertNames = [...new Set(alertRules.map((r) => r.alert as string))].sort();
const recordingRules = readYaml<RuleFile>('infra/monitoring/recording-rules.yml').groups.flatMap((g) => g.rules);
const recordedNames = recordingRules.map((r) => r.record as string);
const scrapedJobs = new Set(
  ['infra/monitoring/prometheus-config.yaml', 'infra/monitoring/prometheus-local.yaml'].flatMap((path) =>
    readYaml<{ scrape_configs: { job_name: string }[] }>(path).scrape_configs.map((c) => c.job_name),
  ),
);

/**
 * Metrics of the standard exporters, by the scrape job that collects them. Only a job the
 * Prometheus configuration has counts; the names are the exporters' documented ones.
 */
const exporterMetrics: Record<string, string[]> = {
  'kube-state-metrics': [
    'kube_pod_status_ready',
    'kube_pod_container_status_waiting_reason',
    'kube_pod_container_status_restarts_total',
    'kube_pod_container_resource_limits',
    'kube_deployment_status_replicas_available',
    'kube_deployment_spec_replicas',
    'kube_pod_container_status_last_terminated_reason',
    'kube_pod_status_phase',
    'kube_horizontalpodautoscaler_status_current_replicas',
    'kube_horizontalpodautoscaler_spec_max_replicas',
    'kube_resourcequota',
    'kube_pod_container_resource_requests',
    'kube_node_status_allocatable',
  ],
  kubelet: ['kubelet_volume_stats_used_bytes', 'kubelet_volume_stats_capacity_bytes'],
  'kubernetes-cadvisor': ['container_memory_working_set_bytes', 'container_cpu_usage_seconds_total'],
  postgresql: [
    'cnpg_collector_up',
    'cnpg_backends_total',
    'cnpg_pg_database_size_bytes',
    'cnpg_pg_replication_lag',
    'cnpg_pg_stat_archiver_seconds_since_last_archival',
    'cnpg_pg_stat_archiver_last_failed_time',
    'cnpg_pg_stat_archiver_last_archived_time',
    'cnpg_collector_last_available_backup_timestamp',
  ],
  alertmanager: ['alertmanager_notifications_failed_total', 'alertmanager_notifications_total'],
  'update-manifest-probe': ['probe_success', 'probe_duration_seconds', 'probe_http_status_code', 'probe_ssl_earliest_cert_expiry', 'probe_failed_due_to_regex'],
};
/** Series Prometheus makes itself for every target and alert. */
const prometheusOwn = ['up', 'scrape_duration_seconds', 'ALERTS', 'ALERTS_FOR_STATE'];

/** Names in Prometheus' exposition: a histogram is read as its _bucket, _sum and _count series. */
function exposedNames(metrics: { name: string; type: string }[]): string[] {
  return metrics.flatMap(({ name: metric, type }) =>
    type === 'histogram' ? [`${metric}_bucket`, `${metric}_sum`, `${metric}_count`] : type === 'summary' ? [metric, `${metric}_sum`, `${metric}_count`] : [metric],
  );
}

let graph: ProjectGraph;
let knownMetrics: Map<string, string>;

beforeAll(async () => {
  process.env['NX_DAEMON'] = 'false';
  graph = await createProjectGraphAsync({ exitOnError: true });

  knownMetrics = new Map();
  // What every service exposes: the same registry, HTTP metrics and pool every service builds in runService.
  const registry = createServiceRegistry('records-service', '0.0.0');
  createHttpMetrics(registry, 0.3);
  createDatabaseUnavailableMetric(registry);
  await createPool({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none' }, registry).end();
  const serviceMetrics = (await registry.getMetricsAsJSON()).map((m) => ({ name: m.name, type: String(m.type) }));
  for (const metric of exposedNames(serviceMetrics)) knownMetrics.set(metric, 'every service');
  registry.clear();
  // What the update origin exposes, read from its /metrics.
  const origin = await startUpdateOrigin({ bucket: { bucket: 'unused', endpoint: 'http://127.0.0.1:9' }, port: 0, logger: pino({ level: 'silent' }) });
  try {
    const text = await (await fetch(new URL('metrics', origin.url))).text();
    const types = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => ({ name: m[1], type: m[2] }));
    for (const metric of exposedNames(types)) if (!knownMetrics.has(metric)) knownMetrics.set(metric, 'update-origin');
  } finally {
    await origin.close();
  }
  for (const record of recordedNames) knownMetrics.set(record, 'recording rule');
  for (const [job, metrics] of Object.entries(exporterMetrics)) {
    if (scrapedJobs.has(job)) for (const metric of metrics) knownMetrics.set(metric, `${job} exporter`);
  }
  for (const metric of prometheusOwn) knownMetrics.set(metric, 'Prometheus');
}, 180_000);

describe('incident handbook and runbooks', () => {
  it('the handbook exists and README links to it', () => {
    expect(existsSync(handbook)).toBe(true);
    expect(readMarkdown(readFileSync(join(workspaceRoot, 'README.md'), 'utf8')).links).toContain('docs/operations/incident-response.md');
  });

  it('every relative link in docs/operations and docs/runbooks resolves, anchors included', () => {
    const broken: string[] = [];
    for (const file of documents) {
      for (const link of readMarkdown(readFileSync(file, 'utf8')).links) {
        if (/^[a-z]+:/i.test(link)) continue; // https:, mailto:
        const [path, anchor] = link.split('#');
        const target = path ? resolve(dirname(file), path) : file;
        if (!existsSync(target)) {
          broken.push(`${name(file)}: ${link} (no ${name(target)})`);
          continue;
        }
        if (anchor && target.endsWith('.md') && !readMarkdown(readFileSync(target, 'utf8')).anchors.has(anchor)) {
          broken.push(`${name(file)}: ${link} (no heading #${anchor} in ${name(target)})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('every `npx nx` command names a project, target and configuration the workspace has', () => {
    const commands = documents.flatMap((file) =>
      readMarkdown(readFileSync(file, 'utf8')).commandLines.flatMap((line) => nxCommands(line).map((command) => ({ file: name(file), command }))),
    );
    expect(commands.length).toBeGreaterThan(20);
    const problems = commands
      .map(({ file, command }) => ({ file, line: command.line, problem: nxCommandProblem(graph, command) }))
      .filter((c) => c.problem);
    expect(problems).toEqual([]);
  });

  it('every alert in alerts.yml has docs/runbooks/<AlertName>.md, and every runbook has its alert', () => {
    const runbooks = readdirSync(runbooksDir).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.slice(0, -3)).sort();
    expect(alertNames.length).toBeGreaterThan(5);
    expect(runbooks).toEqual(alertNames);
  });

  it.each(alertNames)('the %s runbook names its handbook severity level and links back to the handbook', (alert) => {
    const text = readFileSync(join(runbooksDir, `${alert}.md`), 'utf8');
    expect(text).toMatch(/\bSEV[1-4]\b/);
    expect(readMarkdown(text).links.some((link) => link.startsWith('../operations/incident-response.md'))).toBe(true);
  });

  it('every metric read by PromQL in the runbooks and the handbook is produced by a service, a recording rule or a scraped exporter', () => {
    const unknown: string[] = [];
    let expressions = 0;
    for (const file of documents) {
      for (const block of readMarkdown(readFileSync(file, 'utf8')).codeBlocks.filter((b) => b.language === 'promql')) {
        expressions++;
        for (const metric of promqlMetricNames(block.body)) if (!knownMetrics.has(metric)) unknown.push(`${name(file)}: ${metric}`);
      }
    }
    expect(expressions).toBeGreaterThan(10);
    expect(unknown).toEqual([]);
  });

  it('the metric check knows every metric the alert and recording rules read (the same inventory the rules depend on)', () => {
    const read = [...new Set([...alertRules, ...recordingRules].flatMap((r) => promqlMetricNames(r.expr)))];
    expect(read).toEqual(expect.arrayContaining(['up', 'http_requests_total', 'database_connection_errors_total', 'database_unavailable_total', 'cnpg_collector_up']));
    expect(read.filter((metric) => !knownMetrics.has(metric))).toEqual([]);
    expect(knownMetrics.get('http_request_duration_seconds_bucket')).toBe('every service');
    expect(knownMetrics.get('update_origin_requests_total')).toBe('update-origin');
  });

  it('negative controls: a made-up command, link and metric are caught', () => {
    const [command] = nxCommands('npx nx run migrations:rewind');
    expect(nxCommandProblem(graph, command)).toBe('migrations has no "rewind" target');
    expect(promqlMetricNames('sum by (service) (rate(http_requests_totl{status=~"5.."}[5m])) / on(service) group_left slo:availability_objective:ratio')).toEqual([
      'http_requests_totl',
      'slo:availability_objective:ratio',
    ]);
    expect(knownMetrics.has('http_requests_totl')).toBe(false);
    expect(readMarkdown('see [the log](#drill-log) and [x](../nowhere.md)\n## Drill log').anchors.has('drill-log')).toBe(true);
  });
});
