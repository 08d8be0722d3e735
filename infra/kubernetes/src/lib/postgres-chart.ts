import { Cluster } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster';
import { zoneSpread } from './zone-spread';
import { ScheduledBackup } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/ScheduledBackup';
import { databaseConnections, PART_OF, podLabelKeys, scrapeAnnotations } from '@factsway/service-catalog';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterSettings, PostgresSettings } from './cluster-settings';
import { selectorLabels } from './labels';
import { postgresPooler } from './postgres-pooler';
import { POSTGRES_BACKUP_SECRET, POSTGRES_CLUSTER_NAME } from './secret-references';

/** Port of the metrics exporter built into every CloudNativePG instance. */
export const POSTGRES_METRICS_PORT = 9187;
export const POSTGRES_PORT = 5432;
/** The instance manager's status endpoint, called by the operator. */
export const POSTGRES_STATUS_PORT = 8000;

/** Label CloudNativePG puts on every pod of a cluster. */
export function postgresPodLabels(): Record<string, string> {
  return { 'cnpg.io/cluster': POSTGRES_CLUSTER_NAME };
}

/**
 * PostgreSQL as a CloudNativePG `Cluster` (failover, backups, point-in-time recovery; see
 * docs/adr/020-postgres-cloudnativepg.md) plus a daily base backup. The operator creates the
 * `<cluster>-app` Secret with the application's credentials; the repository holds none. The
 * PgBouncer Pooler the services connect through lives in the same file (`postgres-pooler.ts`).
 */
export class PostgresChart extends Chart {
  constructor(scope: Construct, id: string, settings: ClusterSettings & { postgres: PostgresSettings }) {
    super(scope, id);
    const pg = settings.postgres;
    const namespace = settings.namespace;
    const labels = selectorLabels('postgres');

    const cluster = new Cluster({
      metadata: { name: POSTGRES_CLUSTER_NAME, namespace, labels },
      spec: {
        description: `FACTSWAY ${settings.environment} database`,
        instances: pg.instances,
        imageName: pg.imageName,
        primaryUpdateStrategy: 'unsupervised',
        primaryUpdateMethod: 'switchover',
        enablePDB: true,
        enableSuperuserAccess: false,
        bootstrap: { initdb: { database: pg.databaseName, owner: pg.databaseName } },
        postgresql: {
          parameters: {
            max_connections: String(databaseConnections.maxConnections),
            superuser_reserved_connections: String(databaseConnections.reserved.superuserReserved),
            shared_buffers: '256MB',
          },
        },
        storage: { size: pg.storageSize, ...(pg.storageClass ? { storageClass: pg.storageClass } : {}) },
        resources: { requests: { ...pg.resources.requests }, limits: { ...pg.resources.limits } },
        affinity: {
          enablePodAntiAffinity: true,
          podAntiAffinityType: 'required',
          topologyKey: 'kubernetes.io/hostname',
        },
        topologySpreadConstraints: [zoneSpread(postgresPodLabels())],
        // Plain Prometheus finds the exporter through these; a Prometheus Operator uses the PodMonitor.
        inheritedMetadata: { labels: { [podLabelKeys.partOf]: PART_OF }, annotations: scrapeAnnotations(POSTGRES_METRICS_PORT) },
        monitoring: { enablePodMonitor: pg.enablePodMonitor },
        backup: {
          retentionPolicy: pg.backupRetention,
          barmanObjectStore: {
            destinationPath: pg.backupDestination,
            s3Credentials: {
              accessKeyId: { name: POSTGRES_BACKUP_SECRET, key: 'ACCESS_KEY_ID' },
              secretAccessKey: { name: POSTGRES_BACKUP_SECRET, key: 'SECRET_ACCESS_KEY' },
            },
            wal: { compression: 'gzip', maxParallel: 2 },
            data: { compression: 'gzip' },
          },
        },
      },
    });
    new ApiObject(this, 'cluster', cluster.toJSON());

    const backup = new ScheduledBackup({
      metadata: { name: `${POSTGRES_CLUSTER_NAME}-daily`, namespace, labels },
      spec: {
        schedule: pg.backupSchedule,
        backupOwnerReference: 'self',
        method: 'barmanObjectStore',
        target: 'prefer-standby',
        immediate: true,
        cluster: { name: POSTGRES_CLUSTER_NAME },
      },
    });
    new ApiObject(this, 'daily-backup', backup.toJSON());

    postgresPooler(this, settings);
  }
}
