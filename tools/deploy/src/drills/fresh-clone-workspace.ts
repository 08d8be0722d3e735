import { stopLocalDatabase } from '@factsway/database';
import { findWorkspaceRoot, isPortFree } from '@factsway/dev-support';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, createWriteStream, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../lib/images/container-tools';

export interface CommandRun {
  code: number | null;
  /** The signal that ended it (npm dies of the SIGINT it forwards). */
  signal?: NodeJS.Signals | null;
  /** runUntilThenInterrupt: whether the ready line came before the timeout. */
  ready?: boolean;
  output: string;
  seconds: number;
}

/** Variables a user's shell does not have: the test runner's, Nx's own task variables, deploy settings. */
const inheritedButNotAUsers = /^(NX_|JEST_|npm_|CONTAINERS_)|^(NODE_ENV|NODE_OPTIONS|DATABASE_URL|DEPLOY_ENV|RELEASE_VERSION|DEPLOY_NAMESPACE|KUBE_CONTEXT|KUBE_NAMESPACE|IMAGE_REGISTRY|BASE_IMAGE|SWC_NODE_PROJECT|TS_NODE_PROJECT)$/;

/**
 * A fresh clone of this workspace's committed HEAD in a temp dir, as a new user has it: the
 * shared node_modules (no install), a git identity, and container storage of its own (podman,
 * buildah and skopeo read CONTAINERS_STORAGE_CONF), so it starts with no images and no pods
 * and never sees another test's. Commands run there with the environment of a plain shell.
 */
export class FreshCloneWorkspace {
  readonly scratch = mkdtempSync(join(tmpdir(), 'factsway-flow-'));
  readonly root = join(this.scratch, 'repo');
  readonly storageConf = join(this.scratch, 'storage.conf');
  readonly env: NodeJS.ProcessEnv;
  private readonly logFile = join(this.scratch, 'commands.log');
  private foreground: ChildProcess | undefined;

  constructor(private readonly say: (line: string) => void) {
    const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !inheritedButNotAUsers.test(name)));
    this.env = { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', CONTAINERS_STORAGE_CONF: this.storageConf };
  }

  create(source = findWorkspaceRoot()): void {
    // As root, the embedded PostgreSQL runs as `postgres`, which must be able to enter the clone.
    chmodSync(this.scratch, 0o755);
    execFileSync('git', ['clone', '--quiet', source, this.root], { stdio: 'pipe' });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: this.root, stdio: 'pipe' });
    git('config', 'user.email', 'flow-test@factsway.invalid');
    git('config', 'user.name', 'deploy flow test');
    const modules = realpathSync(join(source, 'node_modules'));
    symlinkSync(modules, join(this.root, 'node_modules'));
    // `npm start` (tools/scripts/setup.mjs) sees the install matches the clone's package-lock.json
    // by its recorded hash, and never reinstalls through a linked node_modules.
    writeFileSync(
      this.storageConf,
      ['[storage]', 'driver = "overlay"', `graphroot = "${join(this.scratch, 'storage')}"`, `runroot = "${join(this.scratch, 'run')}"`, ''].join('\n'),
    );
  }

  /** Runs `command args` in the clone to its end; the output goes to the log (its tail into failures). */
  run(command: string, args: readonly string[]): Promise<CommandRun> {
    const started = Date.now();
    const line = `$ ${command} ${args.join(' ')}`;
    this.say(line);
    const child = spawn(command, [...args], { cwd: this.root, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    const log = createWriteStream(this.logFile, { flags: 'a' });
    log.write(`\n${line}\n`);
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        log.write(chunk);
      });
    }
    return new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => {
        log.end();
        resolve({ code, output: Buffer.concat(chunks).toString('utf8'), seconds: (Date.now() - started) / 1000 });
      });
    });
  }

  /**
   * Starts `command args` in its own process group, waits until a line matches `ready`, then
   * sends SIGINT to the group (Ctrl-C in a terminal) and waits for it to exit.
   */
  async runUntilThenInterrupt(command: string, args: readonly string[], ready: RegExp, timeoutMs: number): Promise<CommandRun> {
    const started = Date.now();
    this.say(`$ ${command} ${args.join(' ')}   (Ctrl-C once ${ready})`);
    const child = spawn(command, [...args], { cwd: this.root, env: this.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.foreground = child;
    let output = '';
    let signal: NodeJS.Signals | null = null;
    const exited = new Promise<number | null>((resolve) =>
      child.on('close', (code, endedBy) => {
        signal = endedBy;
        resolve(code);
      }),
    );
    const sawReady = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      for (const stream of [child.stdout!, child.stderr!]) {
        stream.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
          if (ready.test(output)) {
            clearTimeout(timer);
            resolve(true);
          }
        });
      }
      void exited.then(() => {
        clearTimeout(timer);
        resolve(ready.test(output));
      });
    });
    const wasReady = await sawReady;
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGINT');
    const code = await exited;
    this.foreground = undefined;
    writeFileSync(this.logFile, `\n$ ${command} ${args.join(' ')}\n${output}`, { flag: 'a' });
    return { code, signal, ready: wasReady, output, seconds: (Date.now() - started) / 1000 };
  }

  /** podman/buildah/skopeo on the clone's storage. */
  tool(tool: 'podman' | 'buildah' | 'skopeo', args: readonly string[]): Promise<string> {
    const before = process.env['CONTAINERS_STORAGE_CONF'];
    process.env['CONTAINERS_STORAGE_CONF'] = this.storageConf;
    try {
      return runTool(tool, args).then((result) => result.stdout);
    } finally {
      if (before === undefined) delete process.env['CONTAINERS_STORAGE_CONF'];
      else process.env['CONTAINERS_STORAGE_CONF'] = before;
    }
  }

  readFile(path: string): string {
    return readFileSync(join(this.root, path), 'utf8');
  }

  writeFile(path: string, content: string): void {
    writeFileSync(join(this.root, path), content);
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.root, encoding: 'utf8', stdio: 'pipe' }).trim();
  }

  /** The last lines the commands printed, for a failure message. */
  logTail(lines = 60): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no output)';
    }
  }

  /** Ports the flow needs that something else already holds. */
  static async takenPorts(ports: readonly number[]): Promise<number[]> {
    const free = await Promise.all(ports.map((port) => isPortFree(port)));
    return ports.filter((_, index) => !free[index]);
  }

  /** Stops what the flow started (a still running command, pods, the clone's PostgreSQL), then removes storage and clone. */
  async remove(): Promise<void> {
    if (this.foreground?.pid && this.foreground.exitCode === null) {
      try {
        process.kill(-this.foreground.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await this.tool('podman', ['pod', 'rm', '--all', '--force', '--time', '5']).catch((error: Error) => this.say(`cleanup: ${error.message}`));
    await this.tool('podman', ['rmi', '--all', '--force']).catch((error: Error) => this.say(`cleanup: ${error.message}`));
    await stopLocalDatabase({ directory: join(this.root, '.local', 'postgres') }).catch((error: Error) => this.say(`cleanup: ${error.message}`));
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
