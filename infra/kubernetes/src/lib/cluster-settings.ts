import { DeploymentEnvironment, ServiceDefinition, ServiceResources } from '@factsway/service-catalog';

export type ImagePullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/** Where traffic to the services comes from, outside the namespace. */
export interface TrafficSource {
  /** Value of the namespace label `kubernetes.io/metadata.name`. */
  namespace: string;
  /** Labels of the pods in that namespace. */
  podLabels: Record<string, string>;
}

/** The PostgreSQL cluster run by the CloudNativePG operator. */
export interface PostgresSettings {
  /** @default 3 in production (one primary, two standbys) */
  instances: number;
  /** PersistentVolume size per instance, e.g. `20Gi`. */
  storageSize: string;
  /** StorageClass for the volumes; the cluster default when undefined. */
  storageClass?: string;
  /** Operand image; always a pinned tag. */
  imageName: string;
  /** Database (and its owner) created at bootstrap (`platform.databaseName`). */
  databaseName: string;
  /** Object storage prefix for base backups and WAL archives, e.g. `s3://bucket/production`. */
  backupDestination: string;
  /** How long backups are kept, CloudNativePG syntax (`30d`). */
  backupRetention: string;
  /** Six-field cron (seconds first) of the daily base backup. */
  backupSchedule: string;
  resources: ServiceResources;
  /** Creates a PodMonitor: only for clusters running the Prometheus Operator. */
  enablePodMonitor: boolean;
  /** PgBouncer in transaction mode between the services and the primary (migrations connect directly). */
  pooler: PoolerSettings;
}

/** The CloudNativePG `Pooler`; `connection-budget.spec.ts` proves these numbers fit. */
export interface PoolerSettings {
  /** PgBouncer pods, spread over zones. */
  instances: number;
  /** PgBouncer `max_client_conn`, per pod: client connections it accepts. */
  maxClientConnections: number;
  /** PgBouncer `default_pool_size`, per pod: server connections of the one database/user pool. */
  defaultPoolSize: number;
  /** PgBouncer `reserve_pool_size`, per pod: extra server connections when clients wait. */
  reservePoolSize: number;
  resources: ServiceResources;
}

/**
 * Every value that differs between the rendered environments. Service facts
 * (ports, peers, paths, tables) never live here: they come from the catalog.
 */
export interface ClusterSettings {
  environment: DeploymentEnvironment;
  namespace: string;
  /** Public host of the ingress; no ingress is rendered when undefined. */
  host?: string;
  /** Image registry host; images are `<registry>/<imageRepository>/<name>:<version>`. */
  registry: string;
  /** Repository prefix under the registry (`platform.imageRepository`). */
  imageRepository: string;
  /** The platform version: image tag, `APP_VERSION` and `app.kubernetes.io/version`. */
  version: string;
  imagePullPolicy: ImagePullPolicy;
  replicas(service: ServiceDefinition): number;
  resources(service: ServiceDefinition): ServiceResources;
  /** HPA ceiling as a multiple of the catalog replicas; no HPA or PDB when undefined. */
  autoscalingFactor?: number;
  /** Average CPU utilisation (percent of requests) the HPA aims at. */
  targetCpuUtilization: number;
  logLevel: string;
  /** Address the services bind; `0.0.0.0` in a pod network, `127.0.0.1` on a host network. */
  bindHost: string;
  /** Base URL through which a service reaches catalog peer `peer` (`<PEER>_SERVICE_URL`). */
  peerUrl(peer: ServiceDefinition): string;
  /** Run pods in the node's network namespace (local single-machine runs only). */
  hostNetwork: boolean;
  /** Extra or replaced environment variables for every service (e.g. a local DATABASE_URL). */
  environmentOverrides: Record<string, string>;
  /**
   * A literal DATABASE_URL for services that own tables (local runs against the embedded
   * PostgreSQL); when undefined it comes from the CloudNativePG application Secret.
   */
  databaseUrl?: string;
  postgres?: PostgresSettings;
  ingress?: {
    className: string;
    /** cert-manager ClusterIssuer that signs the TLS certificate. */
    clusterIssuer: string;
    controller: TrafficSource;
  };
  /** Prometheus, allowed to reach every `/metrics` port; no NetworkPolicies when undefined. */
  prometheus?: TrafficSource;
  /** Namespace of the CloudNativePG operator (it calls each instance's status port). */
  postgresOperatorNamespace?: string;
}
