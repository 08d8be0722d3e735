import { freePort } from '@factsway/dev-support';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedDatabaseUrl } from './connection';
import { copyTemplateDataDir } from './data-dir-template';
import { EmbeddedServer, startEmbeddedServer, stopEmbeddedServer } from './embedded-server';
import { runMigrations } from './run-migrations';

export interface TestDatabaseOptions {
  /** Apply every migration (`apps/migrations/migrations`, or `migrationsDir`) before returning. */
  migrate?: boolean;
  migrationsDir?: string;
  /** Receives the server's log lines (default: dropped). */
  log?: (line: string) => void;
}

export interface TestDatabase {
  /** `postgres://…@127.0.0.1:<port>/factsway` */
  url: string;
  port: number;
  /** PID of the postgres server process, for tests that check it is gone. */
  postmasterPid: number;
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
  const running = server;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= stopEmbeddedServer(running).finally(() => rmSync(root, { recursive: true, force: true })));
  const url = embeddedDatabaseUrl(running.port);
  if (options.migrate) {
    try {
      await runMigrations(url, 'up', { dir: options.migrationsDir });
    } catch (error) {
      await stop();
      throw error;
    }
  }
  return { url, port: running.port, postmasterPid: running.postmasterPid, stop };
}
