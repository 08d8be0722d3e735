import { serviceMetrics } from '../metrics';
import { timeseriesPanel } from './panels';

/** Grafana fills `$service`, `$instance` and `$__rate_interval` at query time. */
export const databaseUnavailableQuery =
  `sum by (service, write_outcome) (rate(${serviceMetrics.databaseUnavailable}{service=~"$service",instance=~"$instance"}[$__rate_interval]))`;

/**
 * Requests refused with 503 `database_unavailable`, split by whether a write may have been stored
 * anyway: the outage as clients see it (DatabaseUnavailable alert, docs/adr/013).
 */
export function databaseUnavailablePanel() {
  return timeseriesPanel({
    title: 'Requests refused: database unavailable',
    description:
      'Requests answered 503 database_unavailable per second, by service and write outcome (unknown: the connection dropped while a write was committing). DatabaseUnavailable fires after 2 minutes.',
    unit: 'reqps',
    queries: [{ expr: databaseUnavailableQuery, legend: '{{service}} {{write_outcome}}' }],
  });
}
