import { Counter, Histogram, type Registry } from 'prom-client';
import { latencyBuckets } from './latency-buckets';

/** Route label for requests no route matched: unknown paths are one series, not one per URL. */
export const UNMATCHED_ROUTE = 'unmatched';

export interface HttpMetrics {
  observe(method: string, route: string, status: string, seconds: number): void;
}

export function createHttpMetrics(registry: Registry, sloSeconds: number): HttpMetrics {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests served, by method, route template and status code',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, route template and status code',
    labelNames,
    buckets: latencyBuckets(sloSeconds),
    registers: [registry],
  });
  return {
    observe(method, route, status, seconds) {
      const labels = { method, route, status };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
  };
}
