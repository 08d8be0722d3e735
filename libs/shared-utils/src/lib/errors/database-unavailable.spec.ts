import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createPool } from '../database/create-pool';
import { markDatabaseFailure, type DatabaseFailure } from '../database/database-failure';
import { classifyError } from './classify-error';
import { databaseUnavailable } from './database-unavailable';

/** An error as PostgreSQL sends it (node-postgres' DatabaseError carries the SQLSTATE in `code`). */
function postgresError(sqlState: string, message = `SQLSTATE ${sqlState}`): Error {
  return Object.assign(new Error(message), { code: sqlState, severity: 'FATAL' });
}

/** A socket error as Node raises it, marked by the pool as one of its own. */
function poolSocketError(code: string, failure: DatabaseFailure): Error {
  const error = Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: 'connect' });
  markDatabaseFailure(error, failure);
  return error;
}

describe('databaseUnavailable: which errors mean the database cannot be reached', () => {
  it.each([
    ['57P01', 'admin_shutdown: terminating connection due to administrator command'],
    ['57P02', 'crash_shutdown: terminating connection because of crash of another server process'],
    ['57P03', 'cannot_connect_now: the database system is starting up'],
    ['08000', 'connection_exception'],
    ['08001', 'sqlclient_unable_to_establish_sqlconnection'],
    ['08003', 'connection_does_not_exist'],
    ['08004', 'sqlserver_rejected_establishment_of_sqlconnection'],
    ['08006', 'connection_failure'],
  ])('SQLSTATE %s (%s) is an outage', (sqlState, message) => {
    expect(databaseUnavailable(postgresError(sqlState, message))).toBeDefined();
    expect(classifyError(postgresError(sqlState, message))).toMatchObject({
      status: 503,
      code: 'database_unavailable',
      retryAfterSeconds: 5,
      dependency: 'database',
    });
  });

  it('08007 transaction_resolution_unknown is an outage whose write outcome is unknown', () => {
    expect(databaseUnavailable(postgresError('08007'))).toEqual({ writeOutcomeUnknown: true });
    expect(classifyError(postgresError('08007'))).toMatchObject({ status: 503, details: { writeOutcome: 'unknown' } });
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'])('%s from the pool is an outage in which nothing was written', (code) => {
    expect(databaseUnavailable(poolSocketError(code, { stage: 'connect' }))).toEqual({ writeOutcomeUnknown: false });
  });

  it('the same socket error from anything but the pool (a peer service refusing) is not a database outage', () => {
    const peerRefused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3001'), { code: 'ECONNREFUSED' });
    expect(databaseUnavailable(peerRefused)).toBeUndefined();
    expect(classifyError(peerRefused)).toMatchObject({ status: 500, code: 'internal_error' });
  });

  it('a connection lost while COMMIT was on the wire leaves the outcome unknown; a lost SELECT or BEGIN does not', () => {
    const lost = (failure: DatabaseFailure) => poolSocketError('ECONNRESET', failure);
    expect(databaseUnavailable(lost({ stage: 'query', operation: 'commit', inTransaction: true }))).toEqual({ writeOutcomeUnknown: true });
    expect(databaseUnavailable(lost({ stage: 'query', operation: 'insert', inTransaction: false }))).toEqual({ writeOutcomeUnknown: true });
    expect(databaseUnavailable(lost({ stage: 'query', operation: 'insert', inTransaction: true }))).toEqual({ writeOutcomeUnknown: false });
    expect(databaseUnavailable(lost({ stage: 'query', operation: 'select', inTransaction: false }))).toEqual({ writeOutcomeUnknown: false });
    expect(databaseUnavailable(lost({ stage: 'query', operation: 'begin', inTransaction: false }))).toEqual({ writeOutcomeUnknown: false });
    expect(classifyError(lost({ stage: 'query', operation: 'commit', inTransaction: true })).message).toMatch(/may or may not have been stored/);
  });

  it.each([
    ['a unique violation (23505)', postgresError('23505', 'duplicate key value violates unique constraint "cases_pkey"')],
    ['a syntax error (42601)', postgresError('42601', 'syntax error at or near "SELEC"')],
    ['a statement timeout (57014 query_canceled)', postgresError('57014', 'canceling statement due to statement timeout')],
    ['a protocol violation (08P01, a client bug)', postgresError('08P01', 'invalid message format')],
    ['a plain Error', new Error('Cannot read properties of undefined')],
    ['a plain Error the pool marked (a bug in a query callback)', (() => {
      const error = new Error('Cannot read properties of undefined');
      markDatabaseFailure(error, { stage: 'query', operation: 'select' });
      return error;
    })()],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
  ])('%s is not an outage', (_name, error) => {
    expect(databaseUnavailable(error)).toBeUndefined();
    expect(classifyError(error).code).not.toBe('database_unavailable');
  });
});

describe('databaseUnavailable on the errors a real pg pool raises', () => {
  // A TCP server that accepts and never answers: PostgreSQL hung, or a network dropping packets.
  let silent: Server;
  let port: number;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as AddressInfo).port;
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => silent.close(resolve));
  });

  it('the connection timeout (a server that never answers) is an outage in which nothing was written', async () => {
    const pool = createPool({ databaseUrl: `postgres://postgres:x@127.0.0.1:${port}/factsway` }, new Registry(), {
      connectionTimeoutMillis: 300,
      logger: pino({ level: 'silent' }),
    });
    try {
      const error = await pool.query('INSERT INTO cases (id) VALUES ($1)', ['x']).catch((caught: unknown) => caught);
      expect((error as Error).message).toMatch(/timeout/);
      expect(databaseUnavailable(error)).toEqual({ writeOutcomeUnknown: false });
    } finally {
      await pool.end();
    }
  });

  it('waiting for a free connection of a full pool until its timeout is an outage in which nothing was written', async () => {
    const pool = createPool({ databaseUrl: `postgres://postgres:x@127.0.0.1:${port}/factsway` }, new Registry(), {
      max: 1,
      connectionTimeoutMillis: 300,
      logger: pino({ level: 'silent' }),
    });
    try {
      const first = pool.connect().catch((caught: unknown) => caught);
      const second = await pool.connect().catch((caught: unknown) => caught);
      expect(databaseUnavailable(second)).toEqual({ writeOutcomeUnknown: false });
      expect(databaseUnavailable(await first)).toEqual({ writeOutcomeUnknown: false });
    } finally {
      await pool.end();
    }
  });
});
