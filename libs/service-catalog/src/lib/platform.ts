import { DeploymentEnvironment } from './service-definition';

/** Where the non-service parts of the platform live, per environment. */
export const platform = {
  /** Kubernetes namespaces; `local` has none. */
  namespaces: { staging: 'factsway-staging', production: 'factsway-prod' } satisfies Record<
    Exclude<DeploymentEnvironment, 'local'>,
    string
  >,
  /** Public hosts served by the API gateway (docs/adr/026). */
  hosts: { staging: 'api.staging.factsway.com', production: 'api.factsway.com' },
  /** The desktop update CDN. */
  updatesDomain: 'updates.factsway.com',
  /** Container image repository prefix: `<registry>/factsway/<name>:<version>`. */
  imageRepository: 'factsway',
  /** Ports used by the local platform (`npm start`) on 127.0.0.1. */
  localPorts: {
    postgres: 5433,
    updateOrigin: 3100,
    sentrySink: 8969,
    prometheus: 9090,
    alertmanager: 9093,
  },
  /** Database name used by every service (each owns its own tables in it). */
  databaseName: 'factsway',
} as const;

/** The platform facts, as generators take them. */
export type PlatformFacts = typeof platform;
