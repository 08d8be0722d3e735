import { monitoringConfig } from '../../config';
import { updateOriginMetrics } from '../../metrics';
import { AlertDefinition } from '../rule-types';
import { updateOriginSeries } from './update-origin-errors';

const requests = updateOriginMetrics.requests;

/**
 * `latest*.yml` is the first thing electron-updater fetches; when it fails (404 after a
 * broken release, or 5xx) no desktop client can update at all.
 */
export const updateManifestFetchFailures: AlertDefinition = {
  name: 'UpdateManifestFetchFailures',
  group: 'factsway-updates',
  testEvaluationInterval: '5m',
  rules: [
    {
      alert: 'UpdateManifestFetchFailures',
      expr: [
        `sum(rate(${requests}{kind="manifest",status!~"2..|304"}[10m])) / sum(rate(${requests}{kind="manifest"}[10m])) > 0.1`,
        `and`,
        `sum(rate(${requests}{kind="manifest"}[10m])) > ${monitoringConfig.minimumRequestRate.toPrecision(4)}`,
      ].join('\n'),
      for: '10m',
      severity: 'warning',
      scope: 'platform',
      summary: 'Desktop clients cannot fetch the update manifest (latest*.yml)',
      description:
        'For 10 minutes over 10% of requests for latest*.yml have failed (missing manifest or server error); no desktop client can check for or install updates.',
    },
  ],
  tests: [
    {
      name: 'fires when latest.yml answers 404 after a broken release',
      inputSeries: [updateOriginSeries('manifest', '200', '0+50x40'), updateOriginSeries('manifest', '404', '0+50x40')],
      evalTime: '30m',
      expectFiring: [{ severity: 'warning' }],
    },
    {
      name: 'does not fire when installers fail but manifests are served',
      inputSeries: [updateOriginSeries('manifest', '200', '0+50x40'), updateOriginSeries('installer', '500', '0+50x40')],
      evalTime: '30m',
      expectFiring: [],
    },
    {
      name: 'does not fire for a handful of failed manifest requests at night',
      inputSeries: [updateOriginSeries('manifest', '404', '0+0.5x40')],
      evalTime: '30m',
      expectFiring: [],
    },
  ],
};
