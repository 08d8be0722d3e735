import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';

/** How a process was started, read from /proc, so an operator's "start it again" can be replayed exactly. */
export interface ProcessRecipe {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

export function readProcessRecipe(pid: number): ProcessRecipe {
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const env = Object.fromEntries(
    readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
  return { argv, env, cwd: readlinkSync(`/proc/${pid}/cwd`) };
}

export function startFromRecipe(recipe: ProcessRecipe): ChildProcess {
  const [command, ...args] = recipe.argv;
  return spawn(command, args, { cwd: recipe.cwd, env: recipe.env, stdio: 'ignore' });
}

export function isRunning(pid: number): boolean {
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
