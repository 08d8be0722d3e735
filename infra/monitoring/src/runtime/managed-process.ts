import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

export interface ManagedProcess {
  readonly name: string;
  readonly url: string;
  readonly pid: number | undefined;
  /** Last lines of its output, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Spawns a server binary and resolves once `readyUrl` answers 200; kills it if it never does. */
export async function startManagedProcess(options: {
  name: string;
  command: string;
  args: string[];
  url: string;
  readyUrl: string;
  timeoutMs?: number;
  /** Output is also appended here when given. */
  logFile?: string;
}): Promise<ManagedProcess> {
  const child = spawn(options.command, options.args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    if (options.logFile) appendFileSync(options.logFile, chunk);
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 40));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const managed: ManagedProcess = {
    name: options.name,
    url: options.url,
    pid: child.pid,
    output: () => lines.join('\n'),
    stop: () => stopChild(child, exited),
  };
  try {
    await waitUntilReady(options.readyUrl, child, options.timeoutMs ?? 30_000);
  } catch (error) {
    await managed.stop();
    throw new Error(`${options.name} did not become ready: ${(error as Error).message}\n${managed.output()}`, { cause: error });
  }
  return managed;
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms`);
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
