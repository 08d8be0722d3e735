import { readFileSync, readlinkSync } from 'node:fs';

/** How a running service was started, read from /proc, so it can be started again the same way. */
export interface ProcessRecipe {
  pid: number;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

function readRecipe(pid: number): ProcessRecipe | undefined {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const env = Object.fromEntries(
      readFileSync(`/proc/${pid}/environ`, 'utf8')
        .split('\0')
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    );
    return { pid, argv, env, cwd: readlinkSync(`/proc/${pid}/cwd`) };
  } catch {
    return undefined; // exited meanwhile
  }
}

function isZombie(pid: number): boolean {
  try {
    return /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** The live processes among `pids` that run service `serviceId` (by their SERVICE_NAME). */
export function liveServiceProcesses(pids: number[], serviceId: string): ProcessRecipe[] {
  return pids
    .filter((pid) => !isZombie(pid))
    .map(readRecipe)
    .filter((r): r is ProcessRecipe => r?.env['SERVICE_NAME'] === serviceId);
}
