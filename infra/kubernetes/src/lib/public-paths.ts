import { ServiceDefinition, serviceId } from '@factsway/service-catalog';

/** Paths that exist on every service but must never be reachable from the internet. */
export const INTERNAL_PATHS = ['/metrics', '/health', '/ready'] as const;

/**
 * True when a path prefix `prefix` would forward a request for `target`: the element-wise
 * match of an HTTPRoute `PathPrefix` (and of an Ingress `Prefix`), so `/api/ingest` does not
 * match `/api/ingestion`.
 */
export function prefixRoutes(prefix: string, target: string): boolean {
  const base = prefix.replace(/\/+$/, '');
  return base === '' || target === base || target.startsWith(`${base}/`);
}

/** Throws when one of `service`'s public paths would route, or sit under, an internal path. */
export function assertPublicPaths(service: ServiceDefinition): void {
  for (const path of service.publicPaths) {
    const exposed = INTERNAL_PATHS.find((internal) => prefixRoutes(path, internal) || prefixRoutes(internal, path));
    if (exposed) throw new Error(`${serviceId(service.name)}: public path "${path}" would route ${exposed}`);
  }
}
