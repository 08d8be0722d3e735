import { AlertDefinition } from '../rule-types';

/**
 * The dead man's switch: always firing, routed to the heartbeat receiver, which pings an external
 * heartbeat monitor every minute. When the pings stop (Prometheus down, its rules not evaluated,
 * Alertmanager down, or the path out of the cluster broken) the external service pages through
 * its own channel (docs/runbooks/Watchdog.md).
 */
export const watchdog: AlertDefinition = {
  name: 'Watchdog',
  group: 'factsway-monitoring',
  rules: [
    {
      alert: 'Watchdog',
      expr: 'vector(1)',
      for: '0m',
      severity: 'none',
      scope: 'platform',
      summary: 'Heartbeat of the alerting pipeline: always firing',
      description:
        'This alert always fires; Alertmanager sends it to the external heartbeat monitor every minute. If it stops arriving there, Prometheus or Alertmanager is not working and the heartbeat monitor pages.',
    },
  ],
  tests: [
    {
      name: 'fires with no input at all',
      inputSeries: [],
      evalTime: '1m',
      expectFiring: [{ severity: 'none' }],
    },
  ],
};
