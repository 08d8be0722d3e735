import { spawn } from 'node:child_process';

/** One kubectl call: the arguments after `kubectl`, and what goes to its stdin (a manifest). */
export interface KubectlInvocation {
  argv: string[];
  stdin?: string;
}

export interface KubectlResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Everything the Kubernetes backend does to a cluster goes through this, so `--dry-run`
 * can list the calls instead of making them and tests can script the answers.
 */
export interface KubectlRunner {
  run(invocation: KubectlInvocation): Promise<KubectlResult>;
}

/** Runs the real `kubectl` binary (on PATH, or `KUBECTL`). */
export class ProcessKubectlRunner implements KubectlRunner {
  constructor(private readonly binary = process.env['KUBECTL'] ?? 'kubectl') {}

  run({ argv, stdin }: KubectlInvocation): Promise<KubectlResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.binary, argv, { stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.once('error', (error) => reject(new Error(`cannot run ${this.binary}: ${error.message}`)));
      child.once('close', (code) => resolve({ exitCode: code ?? 1, stdout, stderr }));
      child.stdin.end(stdin ?? '');
    });
  }
}
