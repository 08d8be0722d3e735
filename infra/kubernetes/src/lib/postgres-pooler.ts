import { Pooler } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Pooler';
import { zoneSpread } from './zone-spread';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterSettings, PoolerSettings, PostgresSettings } from './cluster-settings';
import { selectorLabels } from './labels';
import { POSTGRES_CLUSTER_NAME } from './secret-references';

/** The PgBouncer Service and pods (label `cnpg.io/poolerName`) the services connect to. */
export const POOLER_NAME = `${POSTGRES_CLUSTER_NAME}-pooler-rw`;
/** PgBouncer's metrics exporter in every CloudNativePG pooler pod. */
export const POOLER_METRICS_PORT = 9127;

export function poolerPodLabels(): Record<string, string> {
  return { 'cnpg.io/poolerName': POOLER_NAME };
}

/** Server connections one PgBouncer pod may open: its pool plus the reserve, capped by `max_db_connections`. */
export function poolerServerConnectionsPerPod(pooler: PoolerSettings): number {
  return pooler.defaultPoolSize + pooler.reservePoolSize;
}

/**
 * PgBouncer in transaction mode in front of the primary (docs/adr/024-…-transaction-pooler.md):
 * every service pod keeps its own pg Pool, PgBouncer multiplexes them onto a fixed number of
 * server connections. Transaction mode hands a server connection back after each transaction,
 * so the services use no session state (no SET, LISTEN, advisory locks, named prepared
 * statements); the migrations Job, which takes an advisory lock, connects to the cluster directly.
 */
export function postgresPooler(scope: Construct, settings: ClusterSettings & { postgres: PostgresSettings }): void {
  const pooler = settings.postgres.pooler;
  const resource = new Pooler({
    metadata: { name: POOLER_NAME, namespace: settings.namespace, labels: selectorLabels('postgres-pooler') },
    spec: {
      cluster: { name: POSTGRES_CLUSTER_NAME },
      instances: pooler.instances,
      type: 'rw',
      // Never a surge pod: one more PgBouncer would open its whole pool beyond the budget.
      deploymentStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
      pgbouncer: {
        poolMode: 'transaction',
        parameters: {
          max_client_conn: String(pooler.maxClientConnections),
          default_pool_size: String(pooler.defaultPoolSize),
          reserve_pool_size: String(pooler.reservePoolSize),
          reserve_pool_timeout: '2',
          // A hard cap, whatever the pool settings say: the budget test counts this number.
          max_db_connections: String(poolerServerConnectionsPerPod(pooler)),
        },
      },
      monitoring: { enablePodMonitor: settings.postgres.enablePodMonitor },
      // CloudNativePG merges this into its pgbouncer container: requests and limits for the quota.
      template: {
        metadata: { labels: selectorLabels('postgres-pooler') },
        spec: {
          topologySpreadConstraints: [zoneSpread(selectorLabels('postgres-pooler'))],
          containers: [
            {
              name: 'pgbouncer',
              resources: { requests: { ...pooler.resources.requests }, limits: { ...pooler.resources.limits } },
            },
          ],
        },
      },
    },
  });
  new ApiObject(scope, 'pooler', resource.toJSON());
}
