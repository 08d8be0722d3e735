import { probeMetrics, updateProbe } from '../../probes/update-manifest-probes';
import { AlertDefinition } from '../rule-types';
import { probedLatestMacYml, probedLatestYml, probeSuccess, probeUp } from './update-probe-series';

const job = `job="${updateProbe.job}"`;

/**
 * The blackbox probe of a live manifest fails: wrong status, no `version:` line, TLS failure or
 * timeout (probe_success 0), or the exporter itself cannot be scraped (up 0). Every desktop
 * client's update check hits the same URL, so none of them can update.
 */
export const updateManifestUnreachable: AlertDefinition = {
  name: 'UpdateManifestUnreachable',
  group: 'factsway-update-probes',
  rules: [
    {
      alert: 'UpdateManifestUnreachable',
      expr: `${probeMetrics.success}{${job}} == 0 or up{${job}} == 0`,
      for: '1m',
      severity: 'critical',
      scope: 'platform',
      summary: 'The update manifest {{ $labels.instance }} cannot be fetched',
      description:
        'For a minute the blackbox probe of {{ $labels.instance }} has failed (not a 200 with a version: line over valid TLS, or the probe itself is down); desktop clients cannot check for or install updates.',
    },
  ],
  tests: [
    {
      name: 'fires when latest.yml answers an error page for over a minute',
      inputSeries: [probeUp(probedLatestYml, '1x10'), probeSuccess(probedLatestYml, '1 1 0x8'), probeSuccess(probedLatestMacYml, '1x10')],
      evalTime: '5m',
      expectFiring: [{ job: updateProbe.job, instance: probedLatestYml, severity: 'critical' }],
    },
    {
      name: 'fires when the probe itself cannot be scraped',
      inputSeries: [probeUp(probedLatestYml, '1 1 0x8')],
      evalTime: '5m',
      expectFiring: [{ job: updateProbe.job, instance: probedLatestYml, severity: 'critical' }],
    },
    {
      name: 'does not fire for one failed probe',
      inputSeries: [probeUp(probedLatestYml, '1x10'), probeSuccess(probedLatestYml, '1 1 0 1x7')],
      evalTime: '5m',
      expectFiring: [],
    },
  ],
};
