import { spawnSync } from 'node:child_process';
import { findBinary } from '../runtime/find-binary';

/** The real Prometheus tools, from Debian's `prometheus` and `prometheus-alertmanager` packages. */
const commands = { promtool: ['promtool'], amtool: ['amtool'] } as const;

export interface ToolResult {
  status: number | null;
  output: string;
}

/** Runs promtool or amtool to completion; `output` is stdout and stderr together, for failure messages. */
export function runTool(name: keyof typeof commands, args: string[], cwd?: string): ToolResult {
  const result = spawnSync(findBinary(...commands[name]), args, { cwd, encoding: 'utf8', timeout: 600_000 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
