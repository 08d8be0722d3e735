import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SERVER_CORE } from './wrk';

export interface PinnedProcess {
  child: ChildProcess;
  url: string;
  /** Resident memory now, from /proc. */
  rssBytes(): number;
  stop(): Promise<void>;
}

export interface StartPinnedOptions {
  command: string;
  args: string[];
  env?: Record<string, string>;
  port: number;
  /** A path that answers 2xx once the server is ready. */
  readyPath?: string;
}

/** Starts a server on the server core (`taskset -c 0`) and waits until it answers. */
export async function startPinned(options: StartPinnedOptions): Promise<PinnedProcess> {
  const child = spawn('taskset', ['-c', SERVER_CORE, options.command, ...options.args], {
    env: { PATH: process.env['PATH'] ?? '', ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.command} ${options.args.join(' ')} exited with ${child.exitCode}: ${stderr}`);
    try {
      const response = await fetch(`${url}${options.readyPath ?? '/'}`);
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.command} did not answer on ${url} within 30 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child,
    url,
    rssBytes: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
