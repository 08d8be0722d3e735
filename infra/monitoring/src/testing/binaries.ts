import { spawnSync } from 'node:child_process';

/** The real Prometheus tools, from Debian's `prometheus` and `prometheus-alertmanager` packages. */
export const binaries = {
  prometheus: { command: 'prometheus', debianPackage: 'prometheus' },
  promtool: { command: 'promtool', debianPackage: 'prometheus' },
  alertmanager: { command: 'prometheus-alertmanager', debianPackage: 'prometheus-alertmanager' },
  amtool: { command: 'amtool', debianPackage: 'prometheus-alertmanager' },
} as const;

export type BinaryName = keyof typeof binaries;

/** Absolute path of a tool, or an error that says how to install it. */
export function requireBinary(name: BinaryName): string {
  const { command, debianPackage } = binaries[name];
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  if (found.status !== 0 || !path) {
    throw new Error(
      `${command} is not installed. Install it with \`apt-get install -y ${debianPackage}\` ` +
        '(or run `node tools/scripts/setup.mjs` as root, which `npm test` does first).',
    );
  }
  return path;
}

export interface ToolResult {
  status: number | null;
  output: string;
}

/** Runs a tool to completion; `output` is stdout and stderr together, for failure messages. */
export function runTool(name: BinaryName, args: string[], cwd?: string): ToolResult {
  const result = spawnSync(requireBinary(name), args, { cwd, encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
