const MiB = 1024 * 1024;

/** How often one client may call a service's public paths (a token bucket of `requests` per `per`). */
export interface ClientRateLimit {
  requests: number;
  per: 'Second' | 'Minute';
}

/** What the public gateway lets through to one service's `publicPaths` (docs/adr/026). */
export interface PublicApiLimits {
  /** Largest request body, in bytes, forwarded to the service; larger bodies get 413 at the gateway. */
  maxRequestBodyBytes: number;
  /** Requests one client IP may send to the service's public paths, per gateway replica. */
  clientRateLimit: ClientRateLimit;
}

/**
 * What a service gets unless its catalog entry says otherwise: shared-utils parses JSON bodies
 * up to `1mb` (body-parser's mb is 1,048,576 bytes), and a desktop client's bursts (opening a case
 * fans out to every service) fit in 20 requests per second with room for an office behind one NAT.
 */
export const DEFAULT_PUBLIC_API_LIMITS: PublicApiLimits = {
  maxRequestBodyBytes: 1 * MiB,
  clientRateLimit: { requests: 20, per: 'Second' },
};

export function mebibytes(count: number): number {
  return count * MiB;
}

/** The limits of `service`'s public paths: its catalog entry (a ServiceDefinition) over the defaults. */
export function publicApiLimits(service: { readonly name: string; readonly publicApiLimits?: Partial<PublicApiLimits> }): PublicApiLimits {
  return { ...DEFAULT_PUBLIC_API_LIMITS, ...service.publicApiLimits };
}
