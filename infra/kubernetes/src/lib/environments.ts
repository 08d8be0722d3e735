import { platform, platformVersion, ServiceDefinition, serviceId } from '@factsway/service-catalog';
import { ClusterSettings, TrafficSource } from './cluster-settings';
import { withScaledRequests } from './quantities';

/** Placeholder registry host; pass the real one to `synthesizeManifests` or the synth target. */
export const DEFAULT_REGISTRY = 'registry.factsway.internal';

/** ingress-nginx as installed by its official Helm chart. */
const ingressNginx: TrafficSource = {
  namespace: 'ingress-nginx',
  podLabels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
};

/** The Prometheus server that scrapes the namespace (see infra/monitoring). */
const prometheus: TrafficSource = {
  namespace: 'monitoring',
  podLabels: { 'app.kubernetes.io/name': 'prometheus' },
};

const postgresImage = 'ghcr.io/cloudnative-pg/postgresql:17.6';

/** PgBouncer is event-driven and small: one core handles thousands of client connections. */
const poolerResources = { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } };

/** In-cluster DNS name of a peer's ClusterIP Service. */
export function clusterServiceUrl(peer: ServiceDefinition, namespace: string): string {
  return `http://${serviceId(peer.name)}.${namespace}.svc:${peer.port}`;
}

export interface EnvironmentOptions {
  registry?: string;
  version?: string;
}

export function productionSettings(options: EnvironmentOptions = {}): ClusterSettings {
  return {
    environment: 'production',
    namespace: platform.namespaces.production,
    host: platform.hosts.production,
    registry: options.registry ?? DEFAULT_REGISTRY,
    imageRepository: platform.imageRepository,
    version: options.version ?? platformVersion(),
    imagePullPolicy: 'IfNotPresent',
    replicas: (service) => service.replicas.production,
    resources: (service) => service.resources,
    autoscalingFactor: 3,
    targetCpuUtilization: 70,
    logLevel: 'info',
    bindHost: '0.0.0.0',
    peerUrl: (peer) => clusterServiceUrl(peer, platform.namespaces.production),
    hostNetwork: false,
    environmentOverrides: {},
    postgres: {
      instances: 3,
      storageSize: '20Gi',
      storageClass: 'factsway-ssd',
      imageName: postgresImage,
      databaseName: platform.databaseName,
      backupDestination: 's3://factsway-postgres-backups/production',
      backupRetention: '30d',
      backupSchedule: '0 0 3 * * *',
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } },
      enablePodMonitor: false,
      pooler: { instances: 3, maxClientConnections: 1000, defaultPoolSize: 60, reservePoolSize: 15, resources: poolerResources },
    },
    ingress: { className: 'nginx', clusterIssuer: 'letsencrypt-production', controller: ingressNginx },
    prometheus,
    postgresOperatorNamespace: 'cnpg-system',
  };
}

export function stagingSettings(options: EnvironmentOptions = {}): ClusterSettings {
  const production = productionSettings(options);
  return {
    ...production,
    environment: 'staging',
    namespace: platform.namespaces.staging,
    peerUrl: (peer) => clusterServiceUrl(peer, platform.namespaces.staging),
    host: platform.hosts.staging,
    replicas: (service) => service.replicas.staging,
    resources: (service) => withScaledRequests(service.resources, 0.5),
    autoscalingFactor: 2,
    logLevel: 'debug',
    postgres: {
      ...production.postgres!,
      instances: 2,
      storageSize: '5Gi',
      backupDestination: 's3://factsway-postgres-backups/staging',
      backupRetention: '7d',
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      pooler: { ...production.postgres!.pooler, instances: 2, maxClientConnections: 500, defaultPoolSize: 30, reservePoolSize: 10 },
    },
  };
}
