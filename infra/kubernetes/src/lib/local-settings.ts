import { platform, platformVersion } from '@factsway/service-catalog';
import { ClusterSettings } from './cluster-settings';
import { EnvironmentOptions } from './environments';

export interface LocalOptions extends EnvironmentOptions {
  /**
   * A literal DATABASE_URL for the ConfigMaps. @default none: like every environment, the
   * manifests read Secret `factsway-postgres-app` key `uri`; the local engine (tools/deploy)
   * creates it from `embeddedDatabaseUrl`, so the committed files hold no credential.
   */
  databaseUrl?: string;
  /** Extra environment for every service, e.g. `SENTRY_DSN` of the local sink. */
  environmentOverrides?: Record<string, string>;
}

/**
 * One machine, images built locally (`imagePullPolicy: Never`), one replica each, on the
 * host network bound to 127.0.0.1 so peers, the embedded PostgreSQL and the local Sentry sink
 * are reached exactly as `npm start` reaches them. No ingress, autoscaling or NetworkPolicies.
 */
export function localSettings(options: LocalOptions = {}): ClusterSettings {
  return {
    environment: 'local',
    namespace: 'factsway-local',
    registry: options.registry ?? 'localhost',
    imageRepository: platform.imageRepository,
    version: options.version ?? platformVersion(),
    imagePullPolicy: 'Never',
    replicas: () => 1,
    resources: (service) => service.resources,
    targetCpuUtilization: 70,
    logLevel: 'debug',
    bindHost: '127.0.0.1',
    peerUrl: (peer) => `http://127.0.0.1:${peer.port}`,
    hostNetwork: true,
    environmentOverrides: { ...options.environmentOverrides },
    databaseUrl: options.databaseUrl,
  };
}
