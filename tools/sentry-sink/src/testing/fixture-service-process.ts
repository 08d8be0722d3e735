import { freePort } from '@factsway/dev-support';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface FixtureServiceProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Runs the bundled fixture as a real service process and waits until it answers /health. */
export async function startFixtureService(
  bundle: { file: string; workspaceRoot: string },
  env: Record<string, string>,
): Promise<FixtureServiceProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--enable-source-maps', bundle.file], {
    cwd: bundle.workspaceRoot,
    env: { PATH: process.env['PATH'], DEPLOYMENT_ENV: 'local', LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = once(child, 'exit');
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`fixture service exited ${child.exitCode}: ${output}`);
    const healthy = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`fixture service not healthy within 30 s: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
