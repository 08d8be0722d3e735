import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface OriginMetrics {
  registry: Registry;
  /** Object requests by path kind (manifest, installer, blockmap, other) and HTTP status. */
  requests: Counter<'kind' | 'status'>;
  duration: Histogram<'kind'>;
  bytes: Counter<'kind'>;
  /** Reads from a bucket (primary or secondary) that failed for a reason other than "no such key". */
  bucketErrors: Counter<'bucket'>;
  /** Requests the primary bucket failed and the secondary answered instead, as CloudFront's origin group does. */
  failovers: Counter<'kind'>;
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
      help: 'Bucket reads that failed (not counting missing keys), by bucket role',
      labelNames: ['bucket'],
      registers: [registry],
    }),
    failovers: new Counter({
      name: 'update_origin_failovers_total',
      help: 'Requests retried on the secondary bucket after the primary failed, by path kind',
      labelNames: ['kind'],
      registers: [registry],
    }),
  };
}

