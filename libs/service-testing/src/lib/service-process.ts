import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot, freePort, serviceNodeBinary } from '@factsway/dev-support';
import { serviceId } from '@factsway/service-catalog';
import { testIssuer } from './test-issuer';

/** A service running as its own node process, the way it runs in a pod. */
export interface ServiceProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  child: ChildProcess;
  /** What the process has written to stdout and stderr so far. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code (null when a signal ended it; at once when it has exited). */
  stop(): Promise<number | null>;
}

const READY_TIMEOUT_MS = 60_000;

/** Children still running when the test process exits are killed, so a failed spec leaves nothing behind. */
const running = new Set<ChildProcess>();
let killOnExitInstalled = false;
function killOnExit(child: ChildProcess): void {
  if (!killOnExitInstalled) {
    process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));
    killOnExitInstalled = true;
  }
  running.add(child);
  child.once('exit', () => running.delete(child));
}

/**
 * Runs a bundled service (`node <file>`) on a free port of 127.0.0.1 and waits until it answers
 * `/health`. The environment is only `env` on top of PATH, DEPLOYMENT_ENV=local, LOG_LEVEL=warn, the
 * test issuer's AUTH_* variables and PORT, so nothing of the test process (APP_VERSION, DATABASE_URL...) leaks in.
 */
export async function startServiceProcess(file: string, env: Record<string, string> = {}, cwd = findWorkspaceRoot()): Promise<ServiceProcess> {
  const port = await freePort();
  const child = spawn(serviceNodeBinary(), ['--enable-source-maps', file], {
    cwd,
    env: { PATH: process.env['PATH'], DEPLOYMENT_ENV: 'local', LOG_LEVEL: 'warn', ...(await testIssuer()).env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnExit(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(
    () => child.exitCode,
    () => null,
  );
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${file} exited (${child.exitCode ?? child.signalCode}) before answering /health:\n${output}`);
    }
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${file}: no /health within ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    port,
    child,
    output: () => output,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** `dist/apps/<name>-service/main.js`: where `nx build <name>-service` puts the bundle. */
export function builtServiceBundle(name: string, workspaceRoot = findWorkspaceRoot()): string {
  return join(workspaceRoot, 'dist', 'apps', serviceId(name), 'main.js');
}

/**
 * Starts the built bundle of a catalog service (`records`) as its own process: a spec starts its
 * peers this way, as they really run, instead of importing their source. The spec's test target
 * must depend on the peer's build (see the service READMEs).
 */
export async function startBuiltService(name: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
  const bundle = builtServiceBundle(name);
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npx nx build ${serviceId(name)}`);
  return startServiceProcess(bundle, env);
}
