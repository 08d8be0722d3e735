import { ServiceDefinition, serviceId } from '@factsway/service-catalog';
import { latencyBucketLabel } from '../service-selectors';
import { alertmanagerMetrics, postgresMetrics, serviceMetrics } from '../metrics';

/** One sample every 15 seconds, the production scrape interval. */
export const SAMPLE_SECONDS = 15;
export const samplesPer = (minutes: number) => (minutes * 60) / SAMPLE_SECONDS;

/** Traffic and failures of one service over a timeline, one entry per sample (`undefined`: no sample). */
export interface ServiceTimeline {
  /** Requests per second at each sample. */
  rps: (sample: number) => number;
  /** Share of requests answered 5xx. */
  errorRatio: (sample: number) => number;
  /** Share of requests slower than the service's SLO latency. */
  slowRatio: (sample: number) => number;
  /** Each pod: its index, and whether it is up at a sample (a pod that does not exist has no series). */
  pods: { instance: number; exists: (sample: number) => boolean; up: (sample: number) => boolean }[];
  /** Database connection errors added at a sample. */
  connectionErrors: (sample: number) => number;
}

export interface PromtoolSeries {
  series: string;
  values: string;
}

const format = (value: number | undefined) => (value === undefined ? '_' : Number.isInteger(value) ? String(value) : value.toFixed(3));

function labels(id: string, instance: number): string {
  return `job="${id}",service="${id}",instance="10.0.${instance}.1:8080",namespace="factsway-prod",pod="${id}-5f7c9-x${instance}"`;
}

/**
 * The series Prometheus would scrape from one service over `samples` samples: `up` per pod,
 * request counters by status, the latency histogram at the SLO edge, and connection errors.
 * Traffic is split evenly over the pods that are up; a restarted pod's counters start at 0.
 */
export function serviceSeries(service: ServiceDefinition, timeline: ServiceTimeline, samples: number): PromtoolSeries[] {
  const id = serviceId(service.name);
  const out: PromtoolSeries[] = [];
  for (const pod of timeline.pods) {
    const up: (number | undefined)[] = [];
    const ok: (number | undefined)[] = [];
    const failed: (number | undefined)[] = [];
    const fast: (number | undefined)[] = [];
    const errors: (number | undefined)[] = [];
    let totals = { ok: 0, failed: 0, fast: 0, errors: 0 };
    for (let sample = 0; sample < samples; sample += 1) {
      if (!pod.exists(sample)) {
        [up, ok, failed, fast, errors].forEach((values) => values.push(undefined));
        continue;
      }
      if (!pod.up(sample)) {
        up.push(0);
        // The process is gone: the next start begins its counters at zero.
        totals = { ok: 0, failed: 0, fast: 0, errors: 0 };
        [ok, failed, fast, errors].forEach((values) => values.push(undefined));
        continue;
      }
      const podsUp = timeline.pods.filter((p) => p.exists(sample) && p.up(sample)).length;
      const requests = (timeline.rps(sample) * SAMPLE_SECONDS) / podsUp;
      const bad = requests * timeline.errorRatio(sample);
      totals.ok += requests - bad;
      totals.failed += bad;
      totals.fast += requests * (1 - timeline.slowRatio(sample));
      totals.errors += timeline.connectionErrors(sample) / podsUp;
      up.push(1);
      ok.push(totals.ok);
      failed.push(totals.failed);
      fast.push(totals.fast);
      errors.push(totals.errors);
    }
    const base = labels(id, pod.instance);
    const request = `method="GET",route="/api/x"`;
    out.push({ series: `up{${base}}`, values: up.map(format).join(' ') });
    out.push({ series: `${serviceMetrics.requests}{${base},${request},status="200"}`, values: ok.map(format).join(' ') });
    out.push({ series: `${serviceMetrics.requests}{${base},${request},status="503"}`, values: failed.map(format).join(' ') });
    const total = ok.map((value, i) => (value === undefined ? undefined : value + (failed[i] ?? 0)));
    const histogram = `${serviceMetrics.requestDuration}`;
    out.push({ series: `${histogram}_bucket{${base},${request},status="200",le="${latencyBucketLabel(service)}"}`, values: fast.map(format).join(' ') });
    out.push({ series: `${histogram}_bucket{${base},${request},status="200",le="+Inf"}`, values: total.map(format).join(' ') });
    out.push({ series: `${histogram}_count{${base},${request},status="200"}`, values: total.map(format).join(' ') });
    if (service.tables.length > 0) {
      out.push({ series: `${serviceMetrics.databaseConnectionErrors}{${base}}`, values: errors.map(format).join(' ') });
    }
  }
  return out;
}

/** The PostgreSQL instances' exporters: `up` and `cnpg_collector_up`, the primary down while `primaryDown`. */
export function postgresSeries(samples: number, primaryDown: (sample: number) => boolean): PromtoolSeries[] {
  return [1, 2, 3].flatMap((n) => {
    const role = n === 1 ? 'primary' : 'replica';
    const base = `job="${postgresMetrics.job}",namespace="factsway-prod",pod="factsway-postgres-${n}",role="${role}",instance="10.0.9.${n}:9187"`;
    const values = Array.from({ length: samples }, (_, sample) => (n === 1 && primaryDown(sample) ? 0 : 1)).join(' ');
    return [
      { series: `up{${base}}`, values },
      { series: `${postgresMetrics.collectorUp}{${base}}`, values },
    ];
  });
}

/** Every other scrape job the alerts watch, healthy. */
export function healthyScrapeJobs(samples: number): PromtoolSeries[] {
  return ['kube-state-metrics', 'kubernetes-cadvisor', 'kubelet', alertmanagerMetrics.job].map((job) => ({
    series: `up{job="${job}",instance="10.0.8.1:8080"}`,
    values: `1x${samples - 1}`,
  }));
}
