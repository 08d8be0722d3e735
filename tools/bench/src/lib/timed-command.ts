import { spawnSync } from 'node:child_process';

/** Wall-clock seconds of a command run to completion in the workspace; fails loudly if it fails. */
export function timedCommand(command: string, args: string[], env: Record<string, string> = {}): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr?.toString().slice(-2000)}`);
  return seconds;
}
