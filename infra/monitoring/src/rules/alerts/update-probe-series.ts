import { probeMetrics, updateProbe } from '../../probes/update-manifest-probes';

export const probedLatestYml = new URL('latest.yml', updateProbe.productionBaseUrl).href;
export const probedLatestMacYml = new URL('latest-mac.yml', updateProbe.productionBaseUrl).href;

/** A blackbox probe series of the update manifest job, for promtool cases. */
export function probeSeries(metric: string, instance: string, values: string) {
  return { series: `${metric}{job="${updateProbe.job}",instance="${instance}"}`, values };
}

export const probeUp = (instance: string, values: string) => probeSeries('up', instance, values);
export const probeSuccess = (instance: string, values: string) => probeSeries(probeMetrics.success, instance, values);
