import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';

export interface SupervisedProcessOptions {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
  cwd: string;
  /** stdout and stderr are appended here. */
  logFile: string;
  /** Restarts allowed before giving up (the count resets after `stableAfterMs` of uptime). */
  maxRestarts?: number;
  /** First restart delay; doubles on each further restart. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  stableAfterMs?: number;
  /** After SIGTERM, how long to wait before SIGKILL. */
  stopTimeoutMs?: number;
  /**
   * Own process group: a terminal's Ctrl-C (sent to the foreground group) then reaches only
   * the supervisor, which stops its children itself instead of racing them. Default true.
   */
  detached?: boolean;
  onEvent?(event: SupervisorEvent): void;
}

export type SupervisorEvent =
  | { type: 'started'; name: string; pid: number; restart: number }
  | { type: 'exited'; name: string; pid: number; code: number | null; signal: NodeJS.Signals | null; restartInMs: number; restart: number }
  | { type: 'gave-up'; name: string; restarts: number; code: number | null; signal: NodeJS.Signals | null }
  | { type: 'stopped'; name: string; pid: number };

/**
 * A child process that is restarted when it fails (non-zero exit code, or killed by a signal),
 * with exponential backoff and a bounded number of attempts. A clean exit (code 0: the service
 * was asked to stop, e.g. SIGTERM from Nx, which signals a task's process tree leaves first)
 * is reported and not restarted. The only orchestration the local platform does.
 */
export class SupervisedProcess {
  private child?: ChildProcess;
  private stopping = false;
  private restarts = 0;
  private restartTimer?: NodeJS.Timeout;
  private readonly allPids: number[] = [];
  private gaveUpWith?: string;
  private readonly options: Required<Omit<SupervisedProcessOptions, 'onEvent'>> & Pick<SupervisedProcessOptions, 'onEvent'>;

  constructor(options: SupervisedProcessOptions) {
    this.options = {
      maxRestarts: 5,
      initialBackoffMs: 500,
      maxBackoffMs: 8_000,
      stableAfterMs: 30_000,
      stopTimeoutMs: 15_000,
      detached: true,
      ...options,
    };
  }

  get name(): string {
    return this.options.name;
  }

  /** The running process' pid, if one runs. */
  get pid(): number | undefined {
    return this.child && this.child.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  /** Every pid this supervisor ever started (restarts included). */
  pids(): number[] {
    return [...this.allPids];
  }

  /** Why it stopped restarting, once it has given up. */
  get failure(): string | undefined {
    return this.gaveUpWith;
  }

  start(): void {
    this.stopping = false;
    this.launch();
  }

  private launch(): void {
    const { command, args, env, cwd, logFile, name } = this.options;
    const log = openSync(logFile, 'a');
    writeSync(log, `--- ${new Date().toISOString()} starting ${name} (${[command, ...args].join(' ')})\n`);
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', log, log], detached: this.options.detached });
    closeSync(log);
    this.child = child;
    const startedAt = Date.now();
    if (child.pid !== undefined) {
      this.allPids.push(child.pid);
      this.options.onEvent?.({ type: 'started', name, pid: child.pid, restart: this.restarts });
    }
    child.once('error', (error) => {
      // spawn failures (e.g. missing executable) still emit 'exit' only sometimes: report and treat as exit.
      if (child.pid === undefined) this.onExit(child, startedAt, 1, null, error.message);
    });
    child.once('exit', (code, signal) => this.onExit(child, startedAt, code, signal));
  }

  private onExit(child: ChildProcess, startedAt: number, code: number | null, signal: NodeJS.Signals | null, reason?: string): void {
    if (this.child !== child) return;
    this.child = undefined;
    if (this.stopping) return;
    const { name, maxRestarts, initialBackoffMs, maxBackoffMs } = this.options;
    if (code === 0 && !reason) {
      this.gaveUpWith = 'stopped (exit code 0)';
      this.options.onEvent?.({ type: 'stopped', name, pid: child.pid ?? 0 });
      return;
    }
    if (Date.now() - startedAt >= this.options.stableAfterMs) this.restarts = 0;
    if (this.restarts >= maxRestarts) {
      this.gaveUpWith = `exited ${describeExit(code, signal)}${reason ? ` (${reason})` : ''} and was restarted ${this.restarts} times`;
      this.options.onEvent?.({ type: 'gave-up', name, restarts: this.restarts, code, signal });
      return;
    }
    const restartInMs = Math.min(initialBackoffMs * 2 ** this.restarts, maxBackoffMs);
    this.restarts += 1;
    this.options.onEvent?.({ type: 'exited', name, pid: child.pid ?? 0, code, signal, restartInMs, restart: this.restarts });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (!this.stopping) this.launch();
    }, restartInMs);
  }

  /** SIGTERM (the service drains), then SIGKILL after `stopTimeoutMs`. Resolves when it is gone. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), this.options.stopTimeoutMs);
    await exited;
    clearTimeout(timer);
  }
}

export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `on ${signal}` : `with code ${code}`;
}
