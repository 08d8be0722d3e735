import { probeMetrics, updateProbe } from '../../probes/update-manifest-probes';
import { AlertDefinition } from '../rule-types';
import { probedLatestYml, probeSeries } from './update-probe-series';

export const certificateWarningDays = 14;
const day = 24 * 60 * 60;

/**
 * The certificate the updates domain presents expires within 14 days. ACM renews DNS-validated
 * certificates itself, so this means renewal is stuck (validation record gone, certificate
 * replaced by hand); once it lapses every update check fails with a TLS error.
 */
export const updateCertificateExpiring: AlertDefinition = {
  name: 'UpdateCertificateExpiring',
  group: 'factsway-update-probes',
  rules: [
    {
      alert: 'UpdateCertificateExpiring',
      expr: `min by (instance) (${probeMetrics.certificateExpiry}{job="${updateProbe.job}"}) - time() < ${certificateWarningDays} * ${day}`,
      for: '10m',
      severity: 'warning',
      scope: 'platform',
      summary: 'The TLS certificate of {{ $labels.instance }} expires in under 14 days',
      description:
        'The certificate the updates domain serves expires in under 14 days and has not been renewed; when it expires desktop clients cannot reach the update manifests.',
    },
  ],
  tests: [
    {
      // Series time starts at 0: an expiry at 10 days after the epoch is 10 days away at evaluation.
      name: 'fires for a certificate 10 days from expiry',
      inputSeries: [probeSeries(probeMetrics.certificateExpiry, probedLatestYml, `${10 * day}x30`)],
      evalTime: '20m',
      expectFiring: [{ instance: probedLatestYml, severity: 'warning' }],
    },
    {
      name: 'does not fire for a certificate 60 days from expiry',
      inputSeries: [probeSeries(probeMetrics.certificateExpiry, probedLatestYml, `${60 * day}x30`)],
      evalTime: '20m',
      expectFiring: [],
    },
  ],
};
