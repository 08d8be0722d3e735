import { freePort } from '@factsway/dev-support';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedDatabaseUrl } from './connection';
import { copyTemplateDataDir } from './data-dir-template';
import { EmbeddedServer, startEmbeddedServer, stopEmbeddedServer } from './embedded-server';
import { delay, waitForExit } from './process-control';
import { runMigrations } from './run-migrations';
import { startTestPgBouncer, TestPgBouncer } from './test-pgbouncer';

export interface TestDatabaseOptions {
  /** Apply every migration (`apps/migrations/migrations`, or `migrationsDir`) before returning. */
  migrate?: boolean;
  migrationsDir?: string;
  /** Receives the server's log lines (default: dropped). */
  log?: (line: string) => void;
  /**
   * Put a real PgBouncer in transaction mode in front (as production's CloudNativePG Pooler):
   * `url` goes through it with this many server connections, migrations go direct. Also turned
   * on for every test database by `FACTSWAY_TEST_DATABASE_POOLER=pgbouncer` (pool size 4), to run
   * a service's whole suite through transaction pooling.
   */
  pgbouncer?: { poolSize: number };
}

/** The PgBouncer a test database gets: the option, else the environment switch, else none. */
function pgbouncerOption(options: TestDatabaseOptions): { poolSize: number } | undefined {
  if (options.pgbouncer) return options.pgbouncer;
  return process.env['FACTSWAY_TEST_DATABASE_POOLER'] === 'pgbouncer' ? { poolSize: 4 } : undefined;
}

export interface TestDatabase {
  /** `postgres://…@127.0.0.1:<port>/factsway`; through PgBouncer when it has one. */
  url: string;
  /** Straight to PostgreSQL, whether or not a PgBouncer is in front. */
  directUrl: string;
  /** PostgreSQL's port. */
  port: number;
  /** The PgBouncer in front (`pgbouncer` option), if any. */
  pgbouncer?: TestPgBouncer;
  /** PID of the postgres server process, for tests that check it is gone. */
  postmasterPid: number;
  /**
   * An outage: PostgreSQL's fast shutdown (SIGINT to the postmaster; open sessions get 57P01,
   * new connections are refused), keeping the data directory and the port.
   */
  interrupt(): Promise<void>;
  /** Starts the server again after `interrupt()`, on the same port with the same data. */
  resume(): Promise<void>;
  /** Stops the server, makes sure no postgres process is left and deletes its files. Idempotent. */
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL server for one test file: a fresh data directory (copied from
 * a once-initialised template) in the temp dir, a free port on 127.0.0.1, fsync off. Close your pools before `stop()`.
 * If the test process dies without calling `stop()`, the worker notices its stdin
 * closing and stops the server anyway.
 */
export async function startTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const root = mkdtempSync(join(tmpdir(), 'factsway-pg-'));
  // mkdtemp makes the dir 0700; the server runs as the `postgres` user when we are root.
  chmodSync(root, 0o755);
  await copyTemplateDataDir(join(root, 'data'));
  let server: EmbeddedServer | undefined;
  let lastError: unknown;
  // The port is free when picked but another process may take it first: retry.
  for (let attempt = 0; attempt < 3 && !server; attempt += 1) {
    try {
      server = await startEmbeddedServer({
        dataDir: join(root, 'data'),
        port: await freePort(),
        durable: false,
        log: options.log,
      });
    } catch (error) {
      lastError = error;
    }
  }
  if (!server) {
    rmSync(root, { recursive: true, force: true });
    throw lastError;
  }
  let running = server;
  const log = options.log;
  let stopping: Promise<void> | undefined;
  let pgbouncer: TestPgBouncer | undefined;
  const stop = () =>
    (stopping ??= (pgbouncer?.stop() ?? Promise.resolve())
      .then(() => stopEmbeddedServer(running))
      .finally(() => rmSync(root, { recursive: true, force: true })));
  const interrupt = async () => {
    // The worker's stdin pipe outlives it; stop() closing it later must not raise EPIPE.
    running.worker.child.stdin?.on('error', () => undefined);
    process.kill(running.postmasterPid, 'SIGINT');
    await waitForExit(running.postmasterPid, 15_000);
    // The worker exits once its postmaster is gone.
    await running.worker.exited;
  };
  const resume = async () => {
    let lastStartError: unknown;
    // The port was ours a moment ago; retry briefly in case the kernel still holds it.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      try {
        running = await startEmbeddedServer({ dataDir: join(root, 'data'), port: running.port, durable: false, log });
        return;
      } catch (error) {
        lastStartError = error;
        await delay(500);
      }
    }
    throw lastStartError;
  };
  const directUrl = embeddedDatabaseUrl(running.port);
  try {
    // Migrations take an advisory lock for the session: always direct, as in production.
    if (options.migrate) await runMigrations(directUrl, 'up', { dir: options.migrationsDir });
    const pooling = pgbouncerOption(options);
    if (pooling) pgbouncer = await startTestPgBouncer({ serverPort: running.port, poolSize: pooling.poolSize, log });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: pgbouncer?.url ?? directUrl,
    directUrl,
    pgbouncer,
    port: running.port,
    get postmasterPid() {
      return running.postmasterPid;
    },
    interrupt,
    resume,
    stop,
  };
}
