import { platform } from '@factsway/service-catalog';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { embeddedDatabaseUrl } from './connection';
import { startEmbeddedServer } from './embedded-server';
import { isAlive, killPostmaster, waitForExit } from './process-control';
import { localDatabaseDir } from './workspace-paths';

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
    // 57P03: starting up or shutting down; treat as not (yet) usable.
    if (code === '57P03') return false;
    throw new Error(
      `port ${port} on 127.0.0.1 is taken by something that is not the local FACTSWAY database ` +
        `(${(error as Error).message}); stop it or set DATABASE_URL`,
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
  const { directory, dataDir, logFile, workerPidFile, port } = paths(options);
  const url = embeddedDatabaseUrl(port);
  if (await answers(url, port)) return { url, port, reused: true, logFile };

  mkdirSync(directory, { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter it.
  chmodSync(directory, 0o755);
  const logFd = openSync(logFile, 'a');
  try {
    const server = await startEmbeddedServer({ dataDir, port, durable: true, detached: true, log: logFd });
    server.worker.child.stdout?.destroy();
    server.worker.child.unref();
    writeFileSync(workerPidFile, `${server.worker.child.pid}\n${server.postmasterPid}\n`);
    return { url, port, reused: false, logFile };
  } catch (error) {
    // Another process may have started it at the same moment.
    if (await answers(url, port)) return { url, port, reused: true, logFile };
    throw new Error(`${(error as Error).message}\n(see ${logFile})`);
  } finally {
    closeSync(logFd);
  }
}

/** Stops the server `ensureLocalDatabase` started, if it runs. Its data stays. */
export async function stopLocalDatabase(options: LocalDatabaseOptions = {}): Promise<boolean> {
  const { workerPidFile } = paths(options);
  if (!existsSync(workerPidFile)) return false;
  const [workerPid, postmasterPid] = readFileSync(workerPidFile, 'utf8').trim().split('\n').map(Number);
  let stopped = false;
  if (workerPid && isAlive(workerPid)) {
    process.kill(workerPid, 'SIGTERM');
    stopped = await waitForExit(workerPid, 20_000);
    if (!stopped) process.kill(workerPid, 'SIGKILL');
  }
  if (postmasterPid && isAlive(postmasterPid)) {
    await killPostmaster(postmasterPid);
    stopped = true;
  }
  rmSync(workerPidFile, { force: true });
  return stopped;
}
