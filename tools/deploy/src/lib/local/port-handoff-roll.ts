import { ReadyOutcome } from '../core/deploy-backend';
import { CommandError, runTool } from '../images/container-tools';
import { probeListener, watchPort } from './listener-probe';
import { LocalEngineOptions, servicePort } from './local-options';
import { PodSummary, runningPods, VERSION_LABEL } from './podman-pods';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How often the container's state (and log, for the legacy handoff) is read while waiting. */
const CONTAINER_CHECK_MS = 1000;

/** One switch of a service's host port, as measured. */
export interface Handoff {
  service: string;
  from: string[];
  to: string;
  /** From the new version binding the port (its preload's log line) to SIGTERM to the old pods: both listened. */
  overlapMs: number | undefined;
  /** From SIGTERM to the old pods until they had finished draining and exited. */
  drainMs: number;
  /** Connects the port watch made during the switch, and how many were refused. */
  connects: number;
  refused: number;
  longestRefusedMs: number;
  /** The old pod held the port without SO_REUSEPORT, so it had to stop before the new one could bind. */
  legacy: boolean;
}

/** What a handover did: whether the new pod turned ready, and which pods it stopped. */
export interface HandoverResult {
  outcome: ReadyOutcome;
  stopped: PodSummary[];
}

/**
 * Hands a service's one host port from the pods that run it to another pod, with no moment in
 * which the port refuses a connection (docs/adr/078). Every image preloads port-handoff.cjs,
 * which (with PORT_HANDOFF_SECONDS, set only by this engine) listens with SO_REUSEPORT: the new
 * pod binds while the old one still serves and the kernel spreads new connections over both.
 * Only once the new version answers `/ready` on the port does the old pod get SIGTERM; it closes
 * its listener (the new one is already in the port's group, so new connections go there) and
 * drains. A new pod that never turns ready is left beside the old one, which keeps serving.
 */
export class PortHandoffRoll {
  /** Every switch this roll made, in order (the drills print them). */
  readonly handoffs: Handoff[] = [];

  constructor(private readonly options: LocalEngineOptions) {}

  /** Starts `podName` (the pod of `service` at `version`) unless it runs already. */
  async start(namespace: string, service: string, podName: string): Promise<void> {
    if ((await runningPods(namespace, service)).some((pod) => pod.Name === podName)) return;
    await runTool('podman', ['pod', 'start', podName]);
  }

  /**
   * Waits until `version` answers ready on the service's port (or its container exits, or the
   * deadline), then stops every other running pod of the service and waits for them to drain.
   */
  async handOver(namespace: string, service: string, podName: string, version: string, deadline: number): Promise<HandoverResult> {
    const port = servicePort(service, this.options);
    const container = `${podName}-${service}`;
    const others = (await runningPods(namespace, service)).filter((pod) => pod.Name !== podName);
    const watch = others.length ? watchPort(port) : undefined;
    let answered = false;
    let legacy = false;
    let lastCheck = 0;
    let last = 'no answer yet';
    let outcome: ReadyOutcome | undefined;
    while (!outcome) {
      const probe = await probeListener(port);
      if (probe.state === 'serving' && probe.version === version) {
        answered = true;
        if (probe.ready) {
          outcome = { ready: true };
          break;
        }
        last = `${version} answers but is not ready`;
      } else if (!answered) {
        last = probe.state === 'serving' ? `answered by ${probe.version}` : probe.state === 'refused' ? 'refused' : probe.reason;
      }
      if (Date.now() - lastCheck >= CONTAINER_CHECK_MS) {
        lastCheck = Date.now();
        const exited = await this.exited(container);
        if (exited) outcome = { ready: false, reason: exited };
        else if (!legacy && others.length && (await this.waitsForBusyPort(container))) {
          // The old pod listens without SO_REUSEPORT: it must let go before the new one can bind.
          legacy = true;
          await Promise.all(others.map((pod) => this.stop(pod)));
        }
      }
      if (!outcome && Date.now() >= deadline) outcome = { ready: false, reason: `no ready answer before the deadline (${last})` };
      if (!outcome) await sleep(this.options.pollIntervalMs ?? 100);
    }
    if (!outcome.ready) {
      await watch?.stop();
      return { outcome, stopped: legacy ? others : [] };
    }
    const bound = legacy || !others.length ? undefined : await this.boundAt(container);
    const stopping = Date.now();
    await Promise.all(others.map((pod) => this.stop(pod)));
    const stopped = Date.now();
    if (watch) {
      const seen = await watch.stop();
      this.handoffs.push({
        service,
        from: others.map((pod) => pod.Labels?.[VERSION_LABEL] ?? pod.Name),
        to: version,
        overlapMs: bound === undefined ? undefined : stopping - bound,
        drainMs: stopped - stopping,
        ...seen,
        legacy,
      });
    }
    return { outcome, stopped: others };
  }

  /**
   * `pod stop`, not `kill`, or podman's restart policy starts it again. SIGTERM: shared-utils
   * turns /ready to 503, closes the listener and drains (ADR 005), then exits.
   */
  private async stop(pod: PodSummary): Promise<void> {
    const timeout = String(this.options.stopTimeoutSeconds ?? 20);
    await runTool('podman', ['pod', 'stop', '--time', timeout, pod.Name], { timeoutMs: 120_000 }).catch(() => undefined);
  }

  /** Why the container is no longer running (its state and last log line), or undefined while it runs. */
  private async exited(container: string): Promise<string | undefined> {
    const state = await runTool('podman', ['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', container]).catch(
      (error: CommandError) => ({ stdout: `missing ${error.message}` }),
    );
    if (!/^(exited|stopped|missing)/.test(state.stdout.trim())) return undefined;
    const logs = await runTool('podman', ['logs', '--tail', '3', container]).catch(() => ({ stdout: '', stderr: '' }));
    return `container ${state.stdout.trim()}: ${(logs.stdout + logs.stderr).trim().split('\n').pop()}`;
  }

  /** When the container's preload logged that it listens on the port (podman's log timestamp). */
  private async boundAt(container: string): Promise<number | undefined> {
    const logs = await runTool('podman', ['logs', '--timestamps', container]).catch(() => ({ stdout: '', stderr: '' }));
    const line = `${logs.stdout}\n${logs.stderr}`.split('\n').find((entry) => entry.includes('port-handoff: listening on'));
    // 2026-12-06T03:47:03.330889220Z: Date.parse wants at most milliseconds.
    const stamp = /^(\S+?)(\.\d{1,3})\d*(Z|[+-]\d\d:\d\d)\s/.exec(line ?? '');
    return stamp ? Date.parse(`${stamp[1]}${stamp[2]}${stamp[3]}`) : undefined;
  }

  private async waitsForBusyPort(container: string): Promise<boolean> {
    const logs = await runTool('podman', ['logs', container]).catch(() => ({ stdout: '', stderr: '' }));
    return `${logs.stdout}${logs.stderr}`.includes('is busy; waiting for the previous version');
  }
}
