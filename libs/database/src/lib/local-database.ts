import { localDatabaseDir } from '@factsway/dev-support';
import { platform } from '@factsway/service-catalog';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { embeddedDatabaseUrl } from './connection';
import { startEmbeddedServer } from './embedded-server';
import { delay, isAlive, isDatabaseWorker, killPostmaster, waitForExit } from './process-control';

export interface LocalDatabaseOptions {
  /** Default `.local/postgres` at the workspace root. */
  directory?: string;
  /** Default `platform.localPorts.postgres`. */
  port?: number;
}

export interface LocalDatabase {
  url: string;
  port: number;
  /** false when this call started the server, true when one was already running. */
  reused: boolean;
  /** Where the server writes its log. */
  logFile: string;
}

function paths(options: LocalDatabaseOptions) {
  const directory = options.directory ?? localDatabaseDir();
  return {
    directory,
    dataDir: join(directory, 'data'),
    logFile: join(directory, 'postgres.log'),
    workerPidFile: join(directory, 'worker.pid'),
    port: options.port ?? platform.localPorts.postgres,
  };
}

/** true when our server answers at `url`; false when nothing listens; throws for a foreign server. */
async function answers(url: string, port: number): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ECONNREFUSED') return false;
    // 57P03: starting up or shutting down; 3D000: up, but the worker has not created the
    // database yet. Both mean "not usable yet".
    if (code === '57P03' || code === '3D000') return false;
    throw new Error(
      `port ${port} on 127.0.0.1 is taken by something that is not the local FACTSWAY database ` +
        `(${(error as Error).message}); stop it or set DATABASE_URL`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The local platform's PostgreSQL: data under `.local/postgres/data`, port
 * `platform.localPorts.postgres`. Reuses a running server; otherwise starts one that
 * keeps running after this process exits (stop it with `stopLocalDatabase()`).
 */
export async function ensureLocalDatabase(options: LocalDatabaseOptions = {}): Promise<LocalDatabase> {
  const { directory, logFile, port } = paths(options);
  const url = embeddedDatabaseUrl(port);
  if (await answers(url, port)) return { url, port, reused: true, logFile };

  mkdirSync(directory, { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter it.
  chmodSync(directory, 0o755);
  const lock = join(directory, 'starting.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (takeLock(lock)) {
      try {
        // Someone may have finished starting it between our check and the lock.
        if (await answers(url, port)) return { url, port, reused: true, logFile };
        return await startLocalServer(options);
      } finally {
        rmSync(lock, { force: true });
      }
    }
    // Another process is starting it: wait for it to answer.
    if (await answersWithin(url, port, 60_000)) return { url, port, reused: true, logFile };
    // Its starter died holding the lock; take over once.
    rmSync(lock, { force: true });
  }
  throw new Error(`the local database on port ${port} did not come up (see ${logFile})`);
}

function takeLock(path: string): boolean {
  try {
    closeSync(openSync(path, 'wx'));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function answersWithin(url: string, port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await answers(url, port)) return true;
    await delay(250);
  }
  return false;
}

async function startLocalServer(options: LocalDatabaseOptions): Promise<LocalDatabase> {
  const { dataDir, logFile, workerPidFile, port } = paths(options);
  const logFd = openSync(logFile, 'a');
  try {
    const server = await startEmbeddedServer({ dataDir, port, durable: true, detached: true, log: logFd });
    server.worker.child.stdout?.destroy();
    server.worker.child.unref();
    writeFileSync(workerPidFile, `${server.worker.child.pid}\n${server.postmasterPid}\n`);
    return { url: embeddedDatabaseUrl(port), port, reused: false, logFile };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n(see ${logFile})`, { cause: error });
  } finally {
    closeSync(logFd);
  }
}

/** Stops the server `ensureLocalDatabase` started, if it runs. Its data stays. */
export async function stopLocalDatabase(options: LocalDatabaseOptions = {}): Promise<boolean> {
  const { workerPidFile, dataDir } = paths(options);
  if (!existsSync(workerPidFile)) return false;
  const [workerPid, postmasterPid] = readFileSync(workerPidFile, 'utf8').trim().split('\n').map(Number);
  let stopped = false;
  // The pid file may be stale (after a reboot) and the pid reused: only signal our worker.
  if (workerPid && isAlive(workerPid) && isDatabaseWorker(workerPid, dataDir)) {
    process.kill(workerPid, 'SIGTERM');
    stopped = await waitForExit(workerPid, 20_000);
    if (!stopped) process.kill(workerPid, 'SIGKILL');
  }
  if (postmasterPid && isAlive(postmasterPid)) {
    await killPostmaster(postmasterPid, dataDir);
    stopped = true;
  }
  rmSync(workerPidFile, { force: true });
  return stopped;
}
