import { serviceMetrics } from '../../metrics';
import { AlertDefinition } from '../rule-types';
import { targetLabels } from '../test-series';

const errors = (service: string, values: string) => ({
  series: `${serviceMetrics.databaseConnectionErrors}{${targetLabels(service)}}`,
  values,
});

/**
 * The pool counts every failed connection attempt. Readiness probes query the
 * database every few seconds, so an unreachable database shows up here even
 * without user traffic. Two minutes, like DatabaseUnavailable, let a CloudNativePG
 * failover (about 30 s) pass without paging every table owner (the fatigue replay).
 */
export const databaseConnectionErrors: AlertDefinition = {
  name: 'DatabaseConnectionErrors',
  group: 'factsway-database',
  rules: [
    {
      alert: 'DatabaseConnectionErrors',
      expr: `sum by (service) (rate(${serviceMetrics.databaseConnectionErrors}[1m])) > 0`,
      for: '2m',
      severity: 'critical',
      scope: 'service',
      summary: '{{ $labels.service }} cannot connect to PostgreSQL',
      description:
        '{{ $labels.service }} has failed to open database connections continuously for over two minutes; its /ready answers 503 and requests that need the database fail.',
    },
  ],
  tests: [
    {
      name: 'fires while connection attempts keep failing',
      inputSeries: [errors('records', '0+4x20')],
      evalTime: '5m',
      expectFiring: [{ service: 'records-service', severity: 'critical' }],
    },
    {
      name: 'does not fire for a single burst of errors',
      interval: '15s',
      inputSeries: [errors('records', '0x8 3x40')],
      evalTime: '6m',
      expectFiring: [],
    },
  ],
};
