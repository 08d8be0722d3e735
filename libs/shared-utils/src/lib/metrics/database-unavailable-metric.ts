import { Counter, type Registry } from 'prom-client';

export const DATABASE_UNAVAILABLE_METRIC = 'database_unavailable_total';

export type WriteOutcome = 'not_stored' | 'unknown';

export interface DatabaseUnavailableMetric {
  /** One request answered 503 `database_unavailable`. */
  count(writeOutcome: WriteOutcome): void;
}

/**
 * `database_unavailable_total{write_outcome}`: requests answered 503 because the database could
 * not be reached. `write_outcome="unknown"` counts writes that may have been stored anyway (the
 * connection dropped after COMMIT was sent): those need a look after the outage. Both series
 * start at 0, so `rate()` and `increase()` see the first outage.
 */
export function createDatabaseUnavailableMetric(registry: Registry): DatabaseUnavailableMetric {
  const counter =
    (registry.getSingleMetric(DATABASE_UNAVAILABLE_METRIC) as Counter<'write_outcome'> | undefined) ??
    new Counter({
      name: DATABASE_UNAVAILABLE_METRIC,
      help: 'Requests answered 503 database_unavailable, by whether a write may have been stored anyway',
      labelNames: ['write_outcome'],
      registers: [registry],
    });
  counter.inc({ write_outcome: 'not_stored' }, 0);
  counter.inc({ write_outcome: 'unknown' }, 0);
  return { count: (writeOutcome) => counter.inc({ write_outcome: writeOutcome }) };
}
