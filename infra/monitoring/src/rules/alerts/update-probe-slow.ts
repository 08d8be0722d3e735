import { probeMetrics, updateProbe } from '../../probes/update-manifest-probes';
import { AlertDefinition } from '../rule-types';
import { probedLatestYml, probeSeries } from './update-probe-series';

export const slowProbeSeconds = 2;

/**
 * A manifest of a few hundred bytes takes over 2 s to fetch, for 10 minutes: the edge or the
 * origin (or its failover) is struggling before it fails. electron-updater times out at 2 minutes.
 */
export const updateProbeSlow: AlertDefinition = {
  name: 'UpdateProbeSlow',
  group: 'factsway-update-probes',
  rules: [
    {
      alert: 'UpdateProbeSlow',
      expr: `avg_over_time(${probeMetrics.duration}{job="${updateProbe.job}"}[5m]) > ${slowProbeSeconds}`,
      for: '10m',
      severity: 'warning',
      scope: 'platform',
      summary: 'Fetching {{ $labels.instance }} takes over 2 s',
      description:
        'For 10 minutes the blackbox probe of {{ $labels.instance }} has averaged over 2 s for a manifest of a few hundred bytes; update checks are slow and may start failing.',
    },
  ],
  tests: [
    {
      name: 'fires when the manifest takes 3 s for 20 minutes',
      inputSeries: [probeSeries(probeMetrics.duration, probedLatestYml, '3x30')],
      evalTime: '25m',
      expectFiring: [{ job: updateProbe.job, instance: probedLatestYml, severity: 'warning' }],
    },
    {
      name: 'does not fire for a single slow probe',
      inputSeries: [probeSeries(probeMetrics.duration, probedLatestYml, '0.2x10 8 0.2x19')],
      evalTime: '25m',
      expectFiring: [],
    },
  ],
};
