import { serviceMetrics } from '../../metrics';
import { AlertDefinition } from '../rule-types';
import { targetLabels } from '../test-series';

const refused = (service: string, writeOutcome: 'not_stored' | 'unknown', values: string) => ({
  series: `${serviceMetrics.databaseUnavailable}{${targetLabels(service)},write_outcome="${writeOutcome}"}`,
  values,
});

/**
 * User requests answered 503 `database_unavailable` (docs/adr/013): the outage as clients see it.
 * DatabaseConnectionErrors says the pool cannot connect, even without traffic; this one says
 * requests are being refused, including queries whose connection dropped mid-flight. Two minutes
 * let a failover (about 30 s in CloudNativePG) pass without a page; the refused requests still
 * count against the availability SLO.
 */
export const databaseUnavailable: AlertDefinition = {
  name: 'DatabaseUnavailable',
  group: 'factsway-database',
  rules: [
    {
      alert: 'DatabaseUnavailable',
      expr: `sum by (service) (rate(${serviceMetrics.databaseUnavailable}[1m])) > 0`,
      for: '2m',
      severity: 'critical',
      scope: 'service',
      summary: '{{ $labels.service }} refuses requests because the database is unavailable',
      description:
        '{{ $labels.service }} has answered requests with 503 database_unavailable (Retry-After) for over two minutes; writes with write_outcome="unknown" may have been stored and need the client to read before retrying.',
    },
  ],
  tests: [
    {
      name: 'fires while requests keep being refused',
      inputSeries: [refused('records', 'not_stored', '0+6x20'), refused('facts', 'not_stored', '0x20')],
      evalTime: '5m',
      expectFiring: [{ service: 'records-service', severity: 'critical' }],
    },
    {
      name: 'counts writes whose outcome is unknown as refused requests too',
      inputSeries: [refused('exhibits', 'not_stored', '0x20'), refused('exhibits', 'unknown', '0+1x20')],
      evalTime: '5m',
      expectFiring: [{ service: 'exhibits-service', severity: 'critical' }],
    },
    {
      name: 'does not page for a failover that refuses requests for about a minute',
      interval: '15s',
      inputSeries: [refused('records', 'not_stored', '0x20 2 4 6 8 8x40')],
      evalTime: '6m',
      expectFiring: [],
    },
    {
      name: 'does not fire while no request is refused',
      inputSeries: [refused('records', 'not_stored', '0x30'), refused('records', 'unknown', '0x30')],
      evalTime: '20m',
      expectFiring: [],
    },
  ],
};
