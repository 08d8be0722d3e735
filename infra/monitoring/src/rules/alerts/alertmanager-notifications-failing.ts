import { alertmanagerMetrics } from '../../metrics';
import { AlertDefinition } from '../rule-types';

const failed = (values: string) => ({
  series: `${alertmanagerMetrics.notificationsFailed}{job="${alertmanagerMetrics.job}",instance="10.0.9.1:9093",integration="pagerduty"}`,
  values,
});

/**
 * Watches the watcher: pages that never leave Alertmanager are the worst failure of all. It
 * pages, and when PagerDuty itself is the failing integration the route sends it through the
 * second paging channel instead (alertmanager/routing.ts).
 */
export const alertmanagerNotificationsFailing: AlertDefinition = {
  name: 'AlertmanagerNotificationsFailing',
  group: 'factsway-monitoring',
  testEvaluationInterval: '5m',
  rules: [
    {
      alert: 'AlertmanagerNotificationsFailing',
      expr: `sum by (integration) (rate(${alertmanagerMetrics.notificationsFailed}{job="${alertmanagerMetrics.job}"}[5m])) > 0`,
      for: '10m',
      severity: 'critical',
      scope: 'platform',
      summary: 'Alertmanager cannot deliver {{ $labels.integration }} notifications',
      description:
        'Alertmanager has failed to deliver notifications through {{ $labels.integration }} for 10 minutes; alerts routed there are not reaching anyone.',
    },
  ],
  tests: [
    {
      name: 'fires when PagerDuty deliveries keep failing',
      inputSeries: [failed('0+1x30')],
      evalTime: '20m',
      expectFiring: [{ severity: 'critical', integration: 'pagerduty' }],
    },
    {
      name: 'does not fire for a single failed delivery',
      inputSeries: [failed('0x5 1x30')],
      evalTime: '20m',
      expectFiring: [],
    },
  ],
};
