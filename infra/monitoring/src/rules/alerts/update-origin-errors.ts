import { monitoringConfig } from '../../config';
import { updateOriginMetrics } from '../../metrics';
import { AlertDefinition } from '../rule-types';

const requests = updateOriginMetrics.requests;
export const updateOriginSeries = (kind: string, status: string, values: string) => ({
  series: `${requests}{job="${updateOriginMetrics.job}",instance="127.0.0.1:3100",kind="${kind}",status="${status}"}`,
  values,
});

/** The desktop app's update origin failing server-side: manifests or installers do not download. */
export const updateOriginErrors: AlertDefinition = {
  name: 'UpdateOriginErrors',
  group: 'factsway-updates',
  testEvaluationInterval: '5m',
  rules: [
    {
      alert: 'UpdateOriginErrors',
      expr: [
        `sum(rate(${requests}{status=~"5.."}[5m])) / sum(rate(${requests}[5m])) > 0.05`,
        `and`,
        `sum(rate(${requests}[5m])) > ${monitoringConfig.minimumRequestRate.toPrecision(4)}`,
      ].join('\n'),
      for: '5m',
      severity: 'warning',
      scope: 'platform',
      summary: 'The update origin answers more than 5% of requests with 5xx',
      description:
        'For 5 minutes over 5% of requests to the desktop update origin (manifests, installers, blockmaps) have failed with a server error; desktop clients cannot update.',
    },
  ],
  tests: [
    {
      name: 'fires when a tenth of downloads fail with 503',
      inputSeries: [updateOriginSeries('installer', '200', '0+90x30'), updateOriginSeries('installer', '503', '0+10x30')],
      evalTime: '20m',
      expectFiring: [{ severity: 'warning' }],
    },
    {
      name: 'does not fire at low traffic, nor for 1% errors',
      inputSeries: [
        updateOriginSeries('installer', '503', '0+0.2x30'),
        updateOriginSeries('manifest', '200', '0+99x30'),
        updateOriginSeries('manifest', '500', '0+1x30'),
      ],
      evalTime: '20m',
      expectFiring: [],
    },
  ],
};
