import { alertmanagerMetrics, postgresMetrics } from '../../metrics';
import { updateProbe } from '../../probes/update-manifest-probes';
import { AlertDefinition, AlertSpec, Severity } from '../rule-types';

/**
 * Scrape jobs that other alerts read. When one disappears (exporter removed, RBAC broken,
 * relabelling wrong), the alerts built on it go silent instead of firing: this says so.
 */
export const watchedScrapeJobs: { job: string; feeds: string; severity: Severity }[] = [
  { job: postgresMetrics.job, feeds: 'PostgresDown and the database data-safety alerts', severity: 'critical' },
  { job: 'kube-state-metrics', feeds: 'ServiceNotReady, PodCrashLooping and the capacity alerts', severity: 'warning' },
  { job: 'kubernetes-cadvisor', feeds: 'ContainerMemoryNearLimit', severity: 'warning' },
  { job: 'kubelet', feeds: 'PersistentVolumeFilling', severity: 'warning' },
  { job: alertmanagerMetrics.job, feeds: 'AlertmanagerNotificationsFailing', severity: 'warning' },
  { job: updateProbe.job, feeds: 'UpdateManifestUnreachable, UpdateCertificateExpiring and UpdateProbeSlow', severity: 'warning' },
];

function rule({ job, feeds, severity }: (typeof watchedScrapeJobs)[number]): AlertSpec {
  return {
    alert: 'ScrapeJobMissing',
    expr: `absent(up{job="${job}"} == 1)`,
    for: '15m',
    severity,
    scope: 'platform',
    labels: { job },
    summary: `Prometheus has no healthy ${job} target`,
    description: `No target of scrape job ${job} has been up for 15 minutes, so ${feeds} cannot fire.`,
  };
}

const up = (job: string, values: string) => ({ series: `up{job="${job}",instance="10.0.0.1:1"}`, values });

export const scrapeJobMissing: AlertDefinition = {
  name: 'ScrapeJobMissing',
  group: 'factsway-monitoring',
  rules: watchedScrapeJobs.map(rule),
  tests: [
    {
      name: 'fires for the job whose targets vanished, and only for it',
      inputSeries: watchedScrapeJobs.map(({ job }) => up(job, job === 'kube-state-metrics' ? '1x5' : '1x40')),
      evalTime: '30m',
      expectFiring: [{ severity: 'warning', job: 'kube-state-metrics' }],
    },
    {
      name: 'pages when the PostgreSQL exporter targets are all down',
      inputSeries: watchedScrapeJobs.map(({ job }) => up(job, job === postgresMetrics.job ? '0x30' : '1x30')),
      evalTime: '20m',
      expectFiring: [{ severity: 'critical', job: postgresMetrics.job }],
    },
    {
      name: 'does not fire while every job has a target up, or after a ten-minute gap',
      inputSeries: watchedScrapeJobs.map(({ job }) => up(job, job === 'kubelet' ? '1x5 0x10 1x15' : '1x30')),
      evalTime: '25m',
      expectFiring: [],
    },
  ],
};
