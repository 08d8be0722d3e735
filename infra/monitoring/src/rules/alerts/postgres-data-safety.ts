import { databaseConnections } from '@factsway/service-catalog';
import { postgresMetrics } from '../../metrics';
import { AlertDefinition } from '../rule-types';

/**
 * The database's data safety, from the CloudNativePG exporter (docs/adr/025-…-data-safety-alerts.md):
 * the WAL archive and the base backups are what point-in-time recovery needs; replication lag is
 * what a failover loses; connections near `max_connections` refuse the next client.
 */
export const cnpgMetrics = {
  archiverLastFailed: 'cnpg_pg_stat_archiver_last_failed_time',
  archiverLastArchived: 'cnpg_pg_stat_archiver_last_archived_time',
  lastAvailableBackup: 'cnpg_collector_last_available_backup_timestamp',
  replicationLag: 'cnpg_pg_replication_lag',
} as const;

const job = `job="${postgresMetrics.job}"`;
const labels = (pod: string) => `${job},namespace="factsway-prod",pod="${pod}"`;
const instance = { namespace: 'factsway-prod', pod: 'factsway-postgres-1' };

export const postgresWalArchivingFailing: AlertDefinition = {
  name: 'PostgresWalArchivingFailing',
  group: 'factsway-database-safety',
  rules: [
    {
      alert: 'PostgresWalArchivingFailing',
      // The last attempt failed after the last success: WAL is piling up unarchived.
      expr: `max by (namespace, pod) (${cnpgMetrics.archiverLastFailed}{${job}} - ${cnpgMetrics.archiverLastArchived}{${job}}) > 0`,
      for: '10m',
      severity: 'critical',
      scope: 'platform',
      summary: 'PostgreSQL {{ $labels.pod }} cannot archive WAL',
      description:
        'WAL archiving from {{ $labels.pod }} in {{ $labels.namespace }} has kept failing for 10 minutes: point-in-time recovery stops at the last archived segment and unarchived WAL fills the volume.',
    },
  ],
  tests: [
    {
      name: 'fires when every archive attempt fails after the last success',
      inputSeries: [
        { series: `${cnpgMetrics.archiverLastArchived}{${labels('factsway-postgres-1')}}`, values: '600x30' },
        { series: `${cnpgMetrics.archiverLastFailed}{${labels('factsway-postgres-1')}}`, values: '0x5 660+60x25' },
      ],
      evalTime: '25m',
      expectFiring: [{ severity: 'critical', ...instance }],
    },
    {
      name: 'does not fire for one failed attempt that a retry archived',
      inputSeries: [
        { series: `${cnpgMetrics.archiverLastArchived}{${labels('factsway-postgres-1')}}`, values: '600x5 900+60x25' },
        { series: `${cnpgMetrics.archiverLastFailed}{${labels('factsway-postgres-1')}}`, values: '0x3 780x27' },
      ],
      evalTime: '25m',
      expectFiring: [],
    },
  ],
};

/** The daily base backup (ScheduledBackup, 03:00): 26 hours leaves two hours for a slow one. */
export const postgresBackupTooOld: AlertDefinition = {
  name: 'PostgresBackupTooOld',
  group: 'factsway-database-safety',
  testEvaluationInterval: '5m',
  rules: [
    {
      alert: 'PostgresBackupTooOld',
      expr: `time() - max by (namespace) (${cnpgMetrics.lastAvailableBackup}{${job}}) > 26 * 3600`,
      for: '30m',
      severity: 'warning',
      scope: 'platform',
      summary: 'The last PostgreSQL base backup in {{ $labels.namespace }} is older than 26 hours',
      description:
        'No base backup of the database in {{ $labels.namespace }} has completed for over 26 hours: the daily backup failed or did not run. Recovery still works from the older backup plus the WAL archive, but takes longer and depends on more WAL.',
    },
  ],
  tests: [
    {
      name: 'fires when the daily backup did not run',
      interval: '5m',
      inputSeries: [{ series: `${cnpgMetrics.lastAvailableBackup}{${labels('factsway-postgres-2')}}`, values: '3600x400' }],
      evalTime: '28h',
      expectFiring: [{ severity: 'warning', namespace: 'factsway-prod' }],
    },
    {
      name: 'does not fire while a backup completes every day',
      interval: '5m',
      // 5-minute samples: the backup of hour 1, then the next day's at hour 25.
      inputSeries: [{ series: `${cnpgMetrics.lastAvailableBackup}{${labels('factsway-postgres-2')}}`, values: '3600x288 90000x100' }],
      evalTime: '30h',
      expectFiring: [],
    },
  ],
};

export const postgresReplicationLagging: AlertDefinition = {
  name: 'PostgresReplicationLagging',
  group: 'factsway-database-safety',
  rules: [
    {
      alert: 'PostgresReplicationLagging',
      expr: `max by (namespace, pod) (${cnpgMetrics.replicationLag}{${job}}) > 60`,
      for: '10m',
      severity: 'warning',
      scope: 'platform',
      summary: 'PostgreSQL replica {{ $labels.pod }} lags more than a minute behind the primary',
      description:
        'Replica {{ $labels.pod }} in {{ $labels.namespace }} has been more than 60 seconds behind the primary for 10 minutes: a failover to it now would lose those transactions.',
    },
  ],
  tests: [
    {
      name: 'fires when a replica stays minutes behind',
      inputSeries: [{ series: `${cnpgMetrics.replicationLag}{${labels('factsway-postgres-2')}}`, values: '0x5 120+10x25' }],
      evalTime: '25m',
      expectFiring: [{ severity: 'warning', namespace: 'factsway-prod', pod: 'factsway-postgres-2' }],
    },
    {
      name: 'does not fire for a short lag during a bulk write',
      inputSeries: [{ series: `${cnpgMetrics.replicationLag}{${labels('factsway-postgres-2')}}`, values: '0x5 90x5 0x20' }],
      evalTime: '25m',
      expectFiring: [],
    },
  ],
};

const connectionLimit = 0.8 * databaseConnections.maxConnections;

/**
 * Connections of one instance. The poolers' budget stays under the limit (connection-budget
 * spec in infra/kubernetes), so this fires when something connects around PgBouncer.
 */
export const postgresConnectionsNearLimit: AlertDefinition = {
  name: 'PostgresConnectionsNearLimit',
  group: 'factsway-database-safety',
  rules: [
    {
      alert: 'PostgresConnectionsNearLimit',
      expr: `sum by (namespace, pod) (${postgresMetrics.backends}{${job}}) > ${connectionLimit}`,
      for: '5m',
      severity: 'warning',
      scope: 'platform',
      summary: 'PostgreSQL {{ $labels.pod }} uses more than 80% of max_connections',
      description: `Instance {{ $labels.pod }} in {{ $labels.namespace }} has had more than ${connectionLimit} of its ${databaseConnections.maxConnections} connections open for 5 minutes; at the limit new connections, the migrations Job's included, are refused.`,
    },
  ],
  tests: [
    {
      name: 'fires when connections stay above 80% of the maximum',
      inputSeries: [
        { series: `${postgresMetrics.backends}{${labels('factsway-postgres-1')},state="active"}`, values: '100x5 200x20' },
        { series: `${postgresMetrics.backends}{${labels('factsway-postgres-1')},state="idle"}`, values: '20x5 60x20' },
      ],
      evalTime: '20m',
      expectFiring: [{ severity: 'warning', ...instance }],
    },
    {
      name: 'does not fire at the pooler budget',
      inputSeries: [{ series: `${postgresMetrics.backends}{${labels('factsway-postgres-1')},state="idle"}`, values: '225x25' }],
      evalTime: '20m',
      expectFiring: [],
    },
  ],
};
