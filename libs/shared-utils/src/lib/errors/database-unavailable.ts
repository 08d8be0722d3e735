import { databaseFailureOf } from '../database/database-failure';

/** How long a client should wait before retrying a request refused because the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATEs that mean the server cannot be reached or has gone away (PostgreSQL manual,
 * Appendix A "PostgreSQL Error Codes"). Left out on purpose: 08P01 protocol_violation (a client
 * bug), 57014 query_canceled (a statement timeout or cancel: a slow query, not an outage),
 * 57P04 database_dropped and 57P05 idle_session_timeout (configuration, not a transient outage).
 */
export const UNAVAILABLE_SQLSTATES: Readonly<Record<string, string>> = {
  '08000': 'connection_exception',
  '08003': 'connection_does_not_exist',
  '08006': 'connection_failure',
  '08001': 'sqlclient_unable_to_establish_sqlconnection',
  '08004': 'sqlserver_rejected_establishment_of_sqlconnection',
  '08007': 'transaction_resolution_unknown',
  '53300': 'too_many_connections',
  '57P01': 'admin_shutdown',
  '57P02': 'crash_shutdown',
  '57P03': 'cannot_connect_now',
};

/** Socket errors on the way to the database (Node's `error.code`). */
const UNREACHABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** node-postgres' own errors for a connection that could not be opened or was lost (pg 8 / pg-pool 3). */
const LOST_CONNECTION_MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
];

/** node-postgres' error when the statement was refused before it was sent: nothing can have been written. */
const NOT_SENT_MESSAGE = 'Client has encountered a connection error and is not queryable';

/** Statements that never change data on their own. */
const READ_ONLY_OPERATIONS = new Set(['select', 'begin', 'rollback', 'savepoint', 'release']);

export interface DatabaseUnavailable {
  /** True when a write may have been stored although the request failed (e.g. COMMIT sent, connection lost). */
  writeOutcomeUnknown: boolean;
}

/**
 * Whether `error` means the database could not be reached or went away, and if so whether a
 * write may have happened anyway. SQLSTATEs are PostgreSQL's and count wherever they come from;
 * socket errors and node-postgres' messages count only when the pool marked the error as its own
 * (a refused connection to a peer service is not a database outage).
 */
export function databaseUnavailable(error: unknown): DatabaseUnavailable | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  const failure = databaseFailureOf(error);
  const bySqlState = typeof code === 'string' && code in UNAVAILABLE_SQLSTATES;
  const byConnection =
    failure !== undefined &&
    ((typeof code === 'string' && UNREACHABLE_SOCKET_CODES.has(code)) ||
      (typeof message === 'string' && LOST_CONNECTION_MESSAGES.some((known) => message.startsWith(known))));
  if (!bySqlState && !byConnection) return undefined;
  if (code === '08007') return { writeOutcomeUnknown: true };
  if (!failure || failure.stage === 'connect' || message === NOT_SENT_MESSAGE) return { writeOutcomeUnknown: false };
  const operation = failure.operation ?? 'other';
  // Inside a transaction only COMMIT can have made anything durable; outside one, any statement
  // that may write (INSERT, UPDATE, DELETE, WITH, CALL, ...) may have committed before the reply was lost.
  const writeOutcomeUnknown = failure.inTransaction ? operation === 'commit' : !READ_ONLY_OPERATIONS.has(operation);
  return { writeOutcomeUnknown };
}
