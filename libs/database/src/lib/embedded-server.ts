import { platform } from '@factsway/service-catalog';
import { embeddedCredentials } from './connection';
import { killPostmaster, unrefDelay } from './process-control';
import { RunningWorker, startWorker, WorkerOptions } from './worker/worker-process';

export interface EmbeddedServerOptions {
  /** PostgreSQL data directory; initialised on first start, reused afterwards. */
  dataDir: string;
  port: number;
  /** Database created when missing. Default: the platform database. */
  database?: string;
  /**
   * false trades crash safety for speed (fsync off): right for throwaway test servers,
   * wrong for the local platform's data.
   */
  durable: boolean;
  /** The server outlives this process (local platform) instead of stopping with it. */
  detached?: boolean;
  log?: WorkerOptions['log'];
  /** Forward PostgreSQL's own log lines too. */
  verbose?: boolean;
}

export interface EmbeddedServer {
  port: number;
  postmasterPid: number;
  dataDir: string;
  worker: RunningWorker;
}

function postgresFlags(durable: boolean): string[] {
  // TCP on 127.0.0.1 only; no unix socket, so servers never collide over /tmp lock files.
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (!durable) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  return flags;
}

/** Starts PostgreSQL through the worker process and waits until it accepts connections. */
export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const worker = startWorker(
    {
      mode: 'serve',
      dataDir: options.dataDir,
      port: options.port,
      database: options.database ?? platform.databaseName,
      ...embeddedCredentials,
      initdbFlags: ['--encoding=UTF8', '--locale=C', ...(options.durable ? [] : ['--no-sync'])],
      postgresFlags: postgresFlags(options.durable),
      stopWhenParentLeaves: !options.detached,
      verbose: options.verbose ?? false,
    },
    { detached: options.detached, holdStdin: !options.detached, log: options.log },
  );
  const reply = await worker.reply.catch((error: Error) => ({ ok: false, message: error.message }) as const);
  if (!reply.ok || !('postmasterPid' in reply) || !reply.postmasterPid) {
    await stopEmbeddedServer({ worker, port: options.port, postmasterPid: 0, dataDir: options.dataDir });
    throw new Error(`embedded PostgreSQL did not start on port ${options.port}: ${reply.message ?? 'no reply'}`);
  }
  return { port: options.port, postmasterPid: reply.postmasterPid, dataDir: options.dataDir, worker };
}

/**
 * Stops a server started with `startEmbeddedServer` (not detached) and makes sure no
 * postgres process is left: close the worker's stdin (it stops PostgreSQL cleanly),
 * then escalate if the worker or the postmaster is still there.
 */
export async function stopEmbeddedServer(server: EmbeddedServer, timeoutMs = 15_000): Promise<void> {
  const { child, exited } = server.worker;
  child.stdin?.end();
  const stoppedInTime = await Promise.race([exited.then(() => true), unrefDelay(timeoutMs).then(() => false)]);
  if (!stoppedInTime) {
    child.kill('SIGKILL');
    await exited;
  }
  if (server.postmasterPid) await killPostmaster(server.postmasterPid, server.dataDir);
}
