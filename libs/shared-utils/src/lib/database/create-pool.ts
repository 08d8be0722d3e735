/* eslint-disable @typescript-eslint/no-explicit-any -- pg's Client.connect/query are overloaded; the overrides pass every overload through */
import { databaseConnections } from '@factsway/service-catalog';
import pg from 'pg';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { Logger } from 'pino';
import { markDatabaseFailure, type DatabaseFailure } from './database-failure';

export interface PoolConfig {
  databaseUrl?: string;
}

export interface CreatePoolOptions {
  /** Default `databaseConnections.poolPerPod` (the catalog; the connection budget counts it). */
  max?: number;
  /** Give up connecting after this long (default 5000 ms) so requests fail instead of hanging. */
  connectionTimeoutMillis?: number;
  idleTimeoutMillis?: number;
  logger?: Logger;
}

export const DATABASE_QUERY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

const knownOperations = new Set(['select', 'insert', 'update', 'delete', 'with', 'begin', 'commit', 'rollback', 'savepoint', 'release']);

/** First SQL keyword, from a small fixed set, so the label can never explode. */
export function queryOperation(query: unknown): string {
  const text = typeof query === 'string' ? query : (query as { text?: unknown } | null)?.text;
  if (typeof text !== 'string') return 'other';
  const keyword = /^\s*([a-z]+)/i.exec(text)?.[1]?.toLowerCase() ?? '';
  return knownOperations.has(keyword) ? keyword : 'other';
}

function existing<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

/**
 * A pg Pool whose connections count `database_connection_errors_total` (failed connects and
 * errors on open connections) and time every query into `database_query_duration_seconds{operation}`.
 * Connection errors are logged and counted, never thrown at the process: a dropped database
 * connection must not crash the service. Every error it raises records where it happened
 * (`database-failure.ts`), so an outage answers 503 and a possibly committed write says so.
 */
export function createPool(config: PoolConfig, registry: Registry, options: CreatePoolOptions = {}): pg.Pool {
  if (!config.databaseUrl) {
    throw new Error('createPool needs config.databaseUrl (DATABASE_URL)');
  }
  const connectionErrors = existing(
    registry,
    'database_connection_errors_total',
    () =>
      new Counter({
        name: 'database_connection_errors_total',
        help: 'Failed database connection attempts and errors on open connections',
        registers: [registry],
      }),
  );
  const queryDuration = existing(
    registry,
    'database_query_duration_seconds',
    () =>
      new Histogram({
        name: 'database_query_duration_seconds',
        help: 'Database query duration in seconds, by SQL operation',
        labelNames: ['operation'],
        buckets: DATABASE_QUERY_BUCKETS,
        registers: [registry],
      }),
  );
  const logger = options.logger;

  class InstrumentedClient extends pg.Client {
    /** Between BEGIN and COMMIT/ROLLBACK on this connection. */
    private inTransaction = false;
    /** Statements sent and not yet answered, oldest first (pg runs them in order). */
    private readonly inFlight: DatabaseFailure[] = [];

    constructor(clientConfig?: string | pg.ClientConfig) {
      super(clientConfig);
      // An error on a checked-out client with no listener would be an uncaught exception.
      // Registered first, so the error is marked before pg-pool hands it to a caller.
      this.on('error', (error) => {
        markDatabaseFailure(error, this.inFlight[0] ?? { stage: 'connect' });
        connectionErrors.inc();
        logger?.warn({ err: error }, 'database connection error');
      });
    }

    override connect(callback?: (...args: any[]) => void): any {
      const counted = (error: Error | null | undefined) => {
        if (error) {
          markDatabaseFailure(error, { stage: 'connect' });
          connectionErrors.inc();
          logger?.warn({ err: error }, 'database connection failed');
        }
      };
      if (callback) {
        return super.connect((error: Error, ...rest: unknown[]) => {
          counted(error);
          callback(error, ...rest);
        });
      }
      return super.connect().catch((error: Error) => {
        counted(error);
        throw error;
      });
    }

    override query(...args: any[]): any {
      const first = args[0];
      // Submittables (cursors, streams) report their own completion; pass them through.
      if (first && typeof first.submit === 'function') return (super.query as any)(...args);
      const operation = queryOperation(first);
      const sent: DatabaseFailure = { stage: 'query', operation, inTransaction: this.inTransaction || operation === 'commit' };
      if (operation === 'begin') this.inTransaction = true;
      if (operation === 'commit' || operation === 'rollback') this.inTransaction = false;
      this.inFlight.push(sent);
      const end = queryDuration.startTimer({ operation });
      const settle = (error?: unknown) => {
        end();
        const index = this.inFlight.indexOf(sent);
        if (index >= 0) this.inFlight.splice(index, 1);
        if (error) markDatabaseFailure(error, sent);
      };
      const last = args[args.length - 1];
      if (typeof last === 'function') {
        args[args.length - 1] = (error: unknown, ...results: unknown[]) => {
          settle(error);
          return last(error, ...results);
        };
        return (super.query as any)(...args);
      }
      const result = (super.query as any)(...args);
      if (!result || typeof result.then !== 'function') {
        settle();
        return result;
      }
      return result.then(
        (value: unknown) => {
          settle();
          return value;
        },
        (error: unknown) => {
          settle(error);
          throw error;
        },
      );
    }
  }

  // The pool's own failures (its connect timeout, a connection it could not open) happen before
  // any statement was sent.
  class InstrumentedPool extends pg.Pool {
    override connect(callback?: (...args: any[]) => void): any {
      if (callback) {
        return super.connect((error: Error | undefined, ...rest: unknown[]) => {
          if (error) markDatabaseFailure(error, { stage: 'connect' });
          (callback as (...args: unknown[]) => void)(error, ...rest);
        });
      }
      return super.connect().catch((error: unknown) => {
        markDatabaseFailure(error, { stage: 'connect' });
        throw error;
      });
    }
  }

  const pool = new InstrumentedPool({
    connectionString: config.databaseUrl,
    max: options.max ?? databaseConnections.poolPerPod,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5000,
    idleTimeoutMillis: options.idleTimeoutMillis ?? 30_000,
    Client: InstrumentedClient as unknown as typeof pg.Client,
  });
  // Idle clients re-emit their errors on the pool; already counted and logged by the client.
  pool.on('error', () => undefined);
  return pool;
}
