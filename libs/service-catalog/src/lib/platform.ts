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
    /** The local token issuer (OpenID discovery, JWKS, demo tokens). */
    issuer: 3090,
    prometheus: 9090,
    alertmanager: 9093,
  },
  /**
   * Who issues the access tokens every /api route checks, per environment: the services get
   * AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL from here (locally from the local issuer).
   */
  auth: {
    audience: 'https://api.factsway.com',
    issuers: { staging: 'https://login.staging.factsway.com', production: 'https://login.factsway.com' },
    /** The issuer's key set, relative to the issuer URL. */
    jwksPath: '/jwks',
  },
  /** Database name used by every service (each owns its own tables in it). */
  databaseName: 'factsway',
} as const;

/** The platform facts, as generators take them. */
export type PlatformFacts = typeof platform;
