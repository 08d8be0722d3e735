import { postgresMetrics } from '../../metrics';
import { AlertDefinition } from '../rule-types';

const pg = `job="${postgresMetrics.job}",namespace="factsway-prod",pod="factsway-postgres-1",role="primary"`;

/**
 * Production only: the CloudNativePG instance exporter (port 9187). `up == 0` means the
 * pod is gone or not answering; `cnpg_collector_up == 0` means the exporter cannot reach
 * PostgreSQL inside the pod.
 */
export const postgresDown: AlertDefinition = {
  name: 'PostgresDown',
  group: 'factsway-database',
  rules: [
    {
      alert: 'PostgresDown',
      // `role` (primary/replica, from the pod label) lets Alertmanager inhibit only on a primary outage.
      expr: `min by (namespace, pod, role) (up{job="${postgresMetrics.job}"}) == 0 or min by (namespace, pod, role) (${postgresMetrics.collectorUp}) == 0`,
      for: '2m',
      severity: 'critical',
      scope: 'platform',
      summary: 'PostgreSQL instance {{ $labels.pod }} is down',
      description:
        'The CloudNativePG instance {{ $labels.pod }} in {{ $labels.namespace }} has not been reachable for 2 minutes; if it was the primary, every service that owns tables is failing until failover completes.',
    },
  ],
  tests: [
    {
      name: 'fires when the exporter reports PostgreSQL unreachable',
      inputSeries: [
        { series: `up{${pg}}`, values: '1x20' },
        { series: `${postgresMetrics.collectorUp}{${pg}}`, values: '1 1 0x20' },
      ],
      evalTime: '10m',
      expectFiring: [{ severity: 'critical', namespace: 'factsway-prod', pod: 'factsway-postgres-1', role: 'primary' }],
    },
    {
      name: 'does not fire for a one-minute restart',
      inputSeries: [
        { series: `up{${pg}}`, values: '1 1 0 1x20' },
        { series: `${postgresMetrics.collectorUp}{${pg}}`, values: '1x20' },
      ],
      evalTime: '10m',
      expectFiring: [],
    },
  ],
};
