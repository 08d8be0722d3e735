import { KubectlInvocation, KubectlResult, KubectlRunner } from './kubectl-runner';

type Reply = Partial<KubectlResult>;

/**
 * A `KubectlRunner` that answers from a script: each rule matches the command line (argv joined
 * by spaces, without the context/namespace flags); the last matching rule answers; a call no
 * rule matches fails the test. Records every call in order.
 */
export class ScriptedKubectl implements KubectlRunner {
  readonly invocations: KubectlInvocation[] = [];
  private readonly rules: { pattern: RegExp; reply: (line: string) => Reply }[] = [];

  on(pattern: RegExp, reply: Reply | ((line: string) => Reply)): this {
    this.rules.push({ pattern, reply: typeof reply === 'function' ? reply : () => reply });
    return this;
  }

  /** Command lines as run, scope flags stripped: `apply --server-side ...`. */
  get calls(): string[] {
    return this.invocations.map(({ argv }) => commandLine(argv));
  }

  async run(invocation: KubectlInvocation): Promise<KubectlResult> {
    this.invocations.push(invocation);
    const line = commandLine(invocation.argv);
    const rule = [...this.rules].reverse().find((candidate) => candidate.pattern.test(line));
    if (!rule) throw new Error(`unscripted kubectl call: ${line}`);
    return { exitCode: 0, stdout: '', stderr: '', ...rule.reply(line) };
  }
}

function commandLine(argv: string[]): string {
  return argv.filter((arg) => !arg.startsWith('--context=') && !arg.startsWith('--namespace=')).join(' ');
}

const json = (value: unknown): Reply => ({ stdout: JSON.stringify(value) });

export const deploymentReply = (version: string): Reply =>
  json({ metadata: { name: 'x' }, spec: { template: { metadata: { labels: { 'app.kubernetes.io/version': version } } } } });

export const notFoundReply = (what: string): Reply => ({ exitCode: 1, stderr: `Error from server (NotFound): ${what} not found` });

export function podsReply(service: string, registry: string, versions: string[], ready = true): Reply {
  return json({
    items: versions.map((version, index) => ({
      metadata: { name: `${service}-${index}`, labels: { 'app.kubernetes.io/version': version } },
      spec: { containers: [{ name: service, image: `${registry}/factsway/${service}:${version}` }] },
      status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
    })),
  });
}

export function replicaSetsReply(revisions: Record<number, string>): Reply {
  return json({
    items: Object.entries(revisions).map(([revision, version]) => ({
      metadata: { annotations: { 'deployment.kubernetes.io/revision': revision } },
      spec: { template: { metadata: { labels: { 'app.kubernetes.io/version': version } } } },
    })),
  });
}

export function jobReply(condition: { type: 'Complete' | 'Failed'; reason?: string } | undefined): Reply {
  return json({ metadata: { name: 'job' }, status: { conditions: condition ? [{ status: 'True', ...condition }] : [] } });
}
