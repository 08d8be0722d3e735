import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from '@factsway/dev-support';
import { platform } from '@factsway/service-catalog';
import { embeddedCredentials } from './connection';
import { delay, unrefDelay } from './process-control';

export interface TestPgBouncerOptions {
  /** Port of the PostgreSQL server on 127.0.0.1 (e.g. a `startTestDatabase()` one). */
  serverPort: number;
  /** `default_pool_size`: server connections PgBouncer opens for the one database/user pair. */
  poolSize: number;
  /** `max_client_conn` (default 1000). */
  maxClientConnections?: number;
  /** Receives PgBouncer's log lines (default: dropped). */
  log?: (line: string) => void;
}

export interface TestPgBouncer {
  /** `postgres://…@127.0.0.1:<port>/factsway`, through PgBouncer. */
  url: string;
  port: number;
  /** PgBouncer's admin console (`SHOW POOLS`, `SHOW STATS`), simple-query protocol only. */
  adminUrl: string;
  /** Stops PgBouncer and deletes its files. Idempotent. */
  stop(): Promise<void>;
}

/** The Debian package's binary, or `PGBOUNCER` when set. */
export function pgBouncerBinary(): string {
  const candidates = [process.env['PGBOUNCER'], ...(process.env['PATH'] ?? '').split(delimiter).map((dir) => join(dir, 'pgbouncer')), '/usr/sbin/pgbouncer'];
  const found = candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
  if (!found) throw new Error('pgbouncer not found: install the Debian package `pgbouncer` or set PGBOUNCER');
  return found;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/**
 * A real PgBouncer in transaction mode in front of a test PostgreSQL, the way production runs
 * it (CloudNativePG `Pooler`, infra/kubernetes): a server connection belongs to a client only for
 * one transaction, so code that passes through it must keep no session state.
 */
export async function startTestPgBouncer(options: TestPgBouncerOptions): Promise<TestPgBouncer> {
  const binary = pgBouncerBinary();
  const dir = mkdtempSync(join(tmpdir(), 'factsway-pgbouncer-'));
  const port = await freePort();
  const { user, password } = embeddedCredentials;
  const database = platform.databaseName;
  writeFileSync(join(dir, 'userlist.txt'), `"${user}" "${password}"\n`);
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `${database} = host=127.0.0.1 port=${options.serverPort} dbname=${database}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = md5',
      `auth_file = ${join(dir, 'userlist.txt')}`,
      `admin_users = ${user}`,
      'pool_mode = transaction',
      `default_pool_size = ${options.poolSize}`,
      'reserve_pool_size = 0',
      `max_db_connections = ${options.poolSize}`,
      `max_client_conn = ${options.maxClientConnections ?? 1000}`,
      'ignore_startup_parameters = extra_float_digits,options',
      'server_check_delay = 0',
      '',
    ].join('\n'),
  );
  // PgBouncer refuses to run as root; it drops to the user the embedded server runs as, which
  // must read the files (the credentials are the embedded servers' public test ones).
  const asRoot = userInfo().uid === 0;
  chmodSync(dir, 0o755);
  const child = spawn(binary, [...(asRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      output += chunk;
      for (const line of chunk.split('\n')) if (line) options.log?.(line);
    });
  }
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
        const stopped = await Promise.race([exited.then(() => true), unrefDelay(5_000).then(() => false)]);
        if (!stopped) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      rmSync(dir, { recursive: true, force: true });
    })());

  let ready = false;
  let gone = false;
  void exited.then(() => (gone = true));
  for (let attempt = 0; attempt < 100 && !ready && !gone; attempt += 1) {
    ready = await accepts(port);
    if (!ready) await delay(100);
  }
  if (!ready) {
    await stop();
    throw new Error(`pgbouncer did not start on port ${port}: ${output.trim() || 'no output'}`);
  }
  const base = `postgres://${user}:${password}@127.0.0.1:${port}`;
  return { url: `${base}/${database}`, port, adminUrl: `${base}/pgbouncer`, stop };
}
