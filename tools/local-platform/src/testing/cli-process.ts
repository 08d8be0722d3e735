import { findWorkspaceRoot } from '@factsway/dev-support';
import { ChildProcess, spawn } from 'node:child_process';

export interface CliProcess {
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects if the CLI exits first. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

/** Runs the `npm start` entry point (`nx run local-platform:start` runs the same file) with `args`. */
export function runCli(args: string[]): CliProcess {
  const root = findWorkspaceRoot();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/local-platform/src/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const poll = setInterval(() => {
          const match = pattern.exec(output);
          if (match) {
            clearInterval(poll);
            resolve(match);
          } else if (child.exitCode !== null || Date.now() > deadline) {
            clearInterval(poll);
            reject(new Error(`no ${pattern} in the output (exit code ${child.exitCode}):\n${output}`));
          }
        }, 50);
      });
    },
  };
}
