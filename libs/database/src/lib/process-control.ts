import { readFileSync } from 'node:fs';

/** True when a process with this pid runs (a zombie waiting for its parent to reap it does not). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return processState(pid) !== 'Z';
}

/** The kernel's one-letter state (R, S, Z, ...) on Linux, or undefined. */
function processState(pid: number): string | undefined {
  try {
    // Format: "pid (comm) state ..."; comm may contain spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

/** The kernel's name for a process (Linux), or undefined when it cannot be read. */
export function processName(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** True when `pid` is a database worker (it renames itself, see worker-source.ts) serving `dataDir`. */
export function isDatabaseWorker(pid: number, dataDir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('factsway-db-worker') && servesDataDir(pid, dataDir);
  } catch {
    return false;
  }
}

/**
 * True when the process was started for `dataDir`: the postmaster names it in its command line
 * (`-D <dataDir>`), and the worker and everything it starts carry it in their environment.
 * Pids are reused quickly on a busy machine (pid_max is 32768 here): a recorded pid that now
 * belongs to another test's database must never be signalled.
 */
export function servesDataDir(pid: number, dataDir: string): boolean {
  const read = (file: string) => {
    try {
      return readFileSync(`/proc/${pid}/${file}`, 'utf8');
    } catch {
      return '';
    }
  };
  return read('cmdline').split('\0').includes(dataDir) || read('environ').includes(`"dataDir":${JSON.stringify(dataDir)}`);
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** For timeouts raced against something else: never keeps the process alive on its own. */
export const unrefDelay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Polls until the process is gone; false when it still runs after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await delay(50);
  }
  return true;
}

/**
 * Last resort for a postmaster whose worker could not stop it: SIGQUIT is PostgreSQL's
 * immediate shutdown (it also ends the backends); SIGKILL if even that does not work.
 */
export async function killPostmaster(pid: number, dataDir: string): Promise<void> {
  if (!isAlive(pid)) return;
  // A recorded pid may have been reused since, even by another server's postgres.
  if (processName(pid) !== 'postgres' || !servesDataDir(pid, dataDir)) return;
  process.kill(pid, 'SIGQUIT');
  if (await waitForExit(pid, 5_000)) return;
  process.kill(pid, 'SIGKILL');
  await waitForExit(pid, 5_000);
}
