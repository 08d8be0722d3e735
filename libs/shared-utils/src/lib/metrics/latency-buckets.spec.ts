import { getService, services } from '@factsway/service-catalog';
import { BASE_LATENCY_BUCKETS, latencyBuckets } from './latency-buckets';

describe('latencyBuckets', () => {
  it.each(services.map((s) => [s.name, s.slo.latencySeconds] as const))('has an edge exactly at the %s SLO (%s s)', (_name, slo) => {
    const buckets = latencyBuckets(slo);
    expect(buckets).toContain(slo);
    expect([...buckets].sort((a, b) => a - b)).toEqual(buckets);
    expect(new Set(buckets).size).toBe(buckets.length);
  });

  it('adds the SLO edge only when it is missing', () => {
    expect(latencyBuckets(getService('records').slo.latencySeconds)).toHaveLength(BASE_LATENCY_BUCKETS.length + 1);
    expect(latencyBuckets(0.5)).toHaveLength(BASE_LATENCY_BUCKETS.length);
  });
});
