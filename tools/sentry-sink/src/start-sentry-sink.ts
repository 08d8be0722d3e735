import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { once } from 'node:events';

export interface SentrySinkOptions {
  /** Default 0: a free port. The local platform uses `platform.localPorts.sentrySink`. */
  port?: number;
  /** Where the sink's own messages go. Default: inherited stderr. */
  stderr?: 'inherit' | 'ignore' | number;
}

export interface SentrySink {
  url: string;
  port: number;
  /** The address it listens on: always loopback. */
  address: string;
  pid: number;
  /** A DSN that @sentry/node accepts and that delivers to this sink (project `1`, any key). */
  dsn: string;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

/** Starts Spotlight's sidecar in a child process on 127.0.0.1 (see sink-process.mjs for why). */
export async function startSentrySink(options: SentrySinkOptions = {}): Promise<SentrySink> {
  const child = spawn(process.execPath, [join(__dirname, 'sink-process.mjs'), String(options.port ?? 0)], {
    stdio: ['ignore', 'pipe', options.stderr ?? 'inherit'],
  });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout! });
  const listening = new Promise<{ address: string; port: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the Sentry sink did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    lines.on('line', (line) => {
      try {
        const message = JSON.parse(line) as { listening?: { address: string; port: number } };
        if (message.listening) {
          clearTimeout(timer);
          resolve(message.listening);
        }
      } catch {
        // not our line
      }
    });
    void exited.then(([code]) => {
      clearTimeout(timer);
      reject(new Error(`the Sentry sink exited with code ${String(code)} before listening`));
    });
  });
  let address: { address: string; port: number };
  try {
    address = await listening;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const url = `http://127.0.0.1:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    port: address.port,
    address: address.address,
    pid: child.pid ?? -1,
    dsn: `http://factswaylocal@127.0.0.1:${address.port}/1`,
    close: () =>
      (closing ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(killer);
      })()),
  };
}
