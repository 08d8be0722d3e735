import { ReadyOutcome } from '../core/deploy-backend';
import { CommandError, runTool } from '../images/container-tools';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `path` on the service's host port, e.g. `http://127.0.0.1:3001/ready`. */
export type ServiceUrl = (path: string) => string;

/**
 * Polls /ready until it answers 200 and /health reports `version`; gives up when `container`
 * has exited (with its last log line) or at `deadline`.
 */
export async function pollReady(
  url: ServiceUrl,
  container: string,
  version: string,
  deadline: number,
  pollIntervalMs = 100,
): Promise<ReadyOutcome> {
  let last: string;
  for (;;) {
    try {
      const ready = await fetch(url('/ready'), { signal: AbortSignal.timeout(2000) });
      if (ready.ok) {
        const health = (await (await fetch(url('/health'), { signal: AbortSignal.timeout(2000) })).json()) as {
          version?: string;
        };
        if (health.version === version) return { ready: true };
        last = `/health reports ${health.version}`;
      } else {
        last = `/ready answered ${ready.status}: ${(await ready.text()).slice(0, 200)}`;
      }
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    const state = await runTool('podman', ['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', container]).catch(
      (error: CommandError) => ({ stdout: `missing ${error.message}` }),
    );
    if (/^(exited|stopped|missing)/.test(state.stdout.trim())) {
      const logs = await runTool('podman', ['logs', '--tail', '3', container]).catch(() => ({ stdout: '', stderr: '' }));
      return { ready: false, reason: `container ${state.stdout.trim()}: ${(logs.stdout + logs.stderr).trim().split('\n').pop()}` };
    }
    if (Date.now() >= deadline) return { ready: false, reason: `no ready answer before the deadline (${last})` };
    await sleep(pollIntervalMs);
  }
}

/**
 * What the service's ready pod reports. Like a readiness probe's failureThreshold, one slow
 * answer on a busy machine does not count as unready: up to three tries, a second apart.
 */
export async function readyVersion(url: ServiceUrl): Promise<string | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      const ready = await fetch(url('/ready'), { signal: AbortSignal.timeout(3000) });
      if (ready.ok) {
        const health = await fetch(url('/health'), { signal: AbortSignal.timeout(3000) });
        return ((await health.json()) as { version?: string }).version;
      }
    } catch {
      // not answering counts as not ready
    }
    if (attempt === 3) return undefined;
    await sleep(1000);
  }
}
