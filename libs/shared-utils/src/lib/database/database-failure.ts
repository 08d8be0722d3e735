/**
 * Where an error raised by the service's pool happened, recorded on the error itself so that
 * the error handler can tell a database outage from a bug and a write that never reached the
 * database from one whose fate is unknown. Set by `createPool`; a symbol key, so it never shows
 * in a log line or a response.
 */
export interface DatabaseFailure {
  /** `connect`: no connection (nothing was sent). `query`: the statement was sent on an open connection. */
  stage: 'connect' | 'query';
  /** The statement's first SQL keyword (`queryOperation`), for `query`. */
  operation?: string;
  /** True when the statement ran inside BEGIN ... COMMIT (its effects are lost unless COMMIT succeeded). */
  inTransaction?: boolean;
}

const failureKey = Symbol.for('factsway.databaseFailure');

/** Records where `error` happened, unless an inner layer already did (the client knows more than the pool). */
export function markDatabaseFailure(error: unknown, failure: DatabaseFailure): void {
  if (typeof error !== 'object' || error === null || failureKey in error) return;
  Object.defineProperty(error, failureKey, { value: failure, enumerable: false, configurable: true });
}

export function databaseFailureOf(error: unknown): DatabaseFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  return (error as Record<symbol, DatabaseFailure | undefined>)[failureKey];
}
