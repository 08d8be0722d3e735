import { readFileSync } from 'node:fs';

/** True when a process with this pid exists (and we may signal it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
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

/** A timer that never keeps the process alive on its own. */
export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

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
export async function killPostmaster(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  // A recorded pid may have been reused by an unrelated process since.
  const name = processName(pid);
  if (name !== undefined && name !== 'postgres') return;
  process.kill(pid, 'SIGQUIT');
  if (await waitForExit(pid, 5_000)) return;
  process.kill(pid, 'SIGKILL');
  await waitForExit(pid, 5_000);
}
