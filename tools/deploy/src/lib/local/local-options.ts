import { services, serviceId } from '@factsway/service-catalog';

export interface LocalEngineOptions {
  /** @default the embedded PostgreSQL `npm start` runs (`embeddedDatabaseUrl` of @factsway/database) */
  databaseUrl?: string;
  /** Extra environment for every service (e.g. SENTRY_DSN of the local sink). */
  environmentOverrides?: Record<string, string>;
  /** Extra environment for single services, e.g. `{ 'records-service': { DATABASE_URL: ... } }`. */
  serviceEnvironment?: Record<string, Record<string, string>>;
  /**
   * Host ports per service (host network). Default: the catalog's ports. Tests pass free ports;
   * `PORT` and every peer URL in the ConfigMaps are rewritten to match.
   */
  ports?: Record<string, number>;
  /** How often waitReady polls /ready. @default 100 */
  pollIntervalMs?: number;
  /** Seconds podman waits after SIGTERM before SIGKILL. @default 20 (terminationGracePeriodSeconds) */
  stopTimeoutSeconds?: number;
}

/** `records-service` -> 3001, or the planned port. */
export function servicePort(service: string, options: LocalEngineOptions): number {
  const planned = options.ports?.[service];
  if (planned) return planned;
  const entry = services.find((candidate) => serviceId(candidate.name) === service);
  if (!entry) throw new Error(`unknown service ${service}`);
  return entry.port;
}

export function catalogServiceNames(): string[] {
  return services.map((service) => serviceId(service.name));
}
