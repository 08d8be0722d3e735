/** prom-client's default buckets, in seconds. */
export const BASE_LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/**
 * Histogram buckets with an edge exactly at the service's latency SLO, so
 * `le="<slo>"` answers "how many requests met the SLO" without interpolation.
 */
export function latencyBuckets(sloSeconds: number): number[] {
  return [...new Set([...BASE_LATENCY_BUCKETS, sloSeconds])].sort((a, b) => a - b);
}
