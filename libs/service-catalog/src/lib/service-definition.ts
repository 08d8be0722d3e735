/** Kubernetes-style quantities, e.g. cpu `100m`, memory `128Mi`. */
import type { PublicApiLimits } from './public-api-limits';

export interface ResourceQuantities {
  cpu: string;
  memory: string;
}

export interface ServiceResources {
  requests: ResourceQuantities;
  limits: ResourceQuantities;
}

export type DeploymentEnvironment = 'local' | 'staging' | 'production';

export interface ServiceLevelObjectives {
  /** Requests slower than this many seconds count against the latency SLO; also a histogram bucket edge. */
  latencySeconds: number;
  /** Share of requests that must be served without a 5xx, e.g. 0.999. */
  availability: number;
  /** Share of requests that must be faster than `latencySeconds`, e.g. 0.99. */
  latencyTarget: number;
}

export interface ServiceDefinition {
  /** Short name, e.g. `records`. The app, image, Deployment and scrape job are `<name>-service`. */
  name: string;
  /** One line on what it does, for docs, manifests and dashboards. */
  description: string;
  /** Port the HTTP server listens on, locally and in the container. */
  port: number;
  /** Replicas per deployed environment (local always runs one). */
  replicas: Record<Exclude<DeploymentEnvironment, 'local'>, number>;
  resources: ServiceResources;
  /** Tables this service owns; no other service writes them. */
  tables: readonly string[];
  /** Short names of the services this one calls over HTTP (`<NAME>_SERVICE_URL`). */
  peers: readonly string[];
  /** Path prefixes routed publicly by the gateway. Never /metrics, /health or /ready. */
  publicPaths: readonly string[];
  /** Body size and per-client rate limits of `publicPaths` at the gateway; `DEFAULT_PUBLIC_API_LIMITS` when absent. */
  publicApiLimits?: Partial<PublicApiLimits>;
  slo: ServiceLevelObjectives;
}
