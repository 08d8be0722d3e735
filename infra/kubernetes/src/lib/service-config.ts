import { createHash } from 'node:crypto';
import { authEnvironment, peerUrlVariable, ServiceDefinition, serviceId } from '@factsway/service-catalog';
import { ClusterSettings } from './cluster-settings';

/** Non-secret environment of a service, in the order a reader expects; `peers` are its peers' definitions. */
export function serviceConfig(
  service: ServiceDefinition,
  settings: ClusterSettings,
  peers: readonly ServiceDefinition[],
): Record<string, string> {
  const peerUrls = Object.fromEntries(peers.map((peer) => [peerUrlVariable(peer.name), settings.peerUrl(peer)]));
  return {
    DEPLOYMENT_ENV: settings.environment,
    SERVICE_NAME: serviceId(service.name),
    APP_VERSION: settings.version,
    PORT: String(service.port),
    HOST: settings.bindHost,
    LOG_LEVEL: settings.logLevel,
    ...(service.tables.length > 0 && settings.databaseUrl !== undefined ? { DATABASE_URL: settings.databaseUrl } : {}),
    ...peerUrls,
    ...authEnvironment(settings.environment),
    ...settings.environmentOverrides,
  };
}

/** A short digest of the config, as a pod annotation: a changed ConfigMap rolls the pods. */
export function configChecksum(data: Record<string, string>): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 16);
}
