import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface OriginMetrics {
  registry: Registry;
  /** Object requests by path kind (manifest, installer, blockmap, other) and HTTP status. */
  requests: Counter<'kind' | 'status'>;
  duration: Histogram<'kind'>;
  bytes: Counter<'kind'>;
  /** Reads from the bucket that failed for a reason other than "no such key". */
  bucketErrors: Counter<never>;
}

export function createOriginMetrics(): OriginMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: 'update_origin_requests_total',
      help: 'Update file requests by path kind and HTTP status',
      labelNames: ['kind', 'status'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'update_origin_request_duration_seconds',
      help: 'Time to first byte plus body for update file requests',
      labelNames: ['kind'],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60],
      registers: [registry],
    }),
    bytes: new Counter({
      name: 'update_origin_response_bytes_total',
      help: 'Body bytes sent by path kind',
      labelNames: ['kind'],
      registers: [registry],
    }),
    bucketErrors: new Counter({
      name: 'update_origin_bucket_errors_total',
      help: 'Bucket reads that failed (not counting missing keys)',
      registers: [registry],
    }),
  };
}

