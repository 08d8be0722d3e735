import { runTool } from '../images/container-tools';
import { listenerVersion } from './listener-version';
import { LocalEngineOptions, servicePort } from './local-options';
import { PodSummary, runningPod, VERSION_LABEL } from './podman-pods';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A pod a switch replaced, and when it has finished stopping. */
export interface ReplacedPod {
  pod: PodSummary | undefined;
  stopped: Promise<unknown>;
}

/**
 * Switching a service's one host port from the pods that hold it to a new pod. The new pod
 * starts first and, through the port-handoff preload, boots and waits for the port; then the
 * old pods are stopped and the new one binds the moment the old listener closes.
 */
export class PortHandoffRoll {
  /** The pod each switch replaced, until the deploy takes it (`takeReplaced`). */
  private readonly replaced = new Map<string, ReplacedPod>();

  constructor(private readonly options: LocalEngineOptions) {}

  /** Replace whatever runs for `service` (or the pods in `others`) with the pod `podName`. */
  async switchTo(namespace: string, service: string, podName: string, others?: PodSummary[]): Promise<void> {
    const running = await runningPod(namespace, service);
    if (running?.Name === podName) return;
    const previous = others ?? (running ? [running] : []);
    const since = new Date(Date.now() - 1000).toISOString();
    await runTool('podman', ['pod', 'start', podName]);
    if (previous.length) await this.waitForHandoff(`${podName}-${service}`, since);
    const stops = await Promise.all(previous.map((pod) => this.releasePort(pod, service)));
    this.replaced.set(service, { pod: previous[0], stopped: Promise.all(stops.map((entry) => entry.stopped)) });
  }

  /** The pod the last switch of `service` replaced, forgotten here once taken. */
  takeReplaced(service: string): ReplacedPod | undefined {
    const replaced = this.replaced.get(service);
    this.replaced.delete(service);
    return replaced;
  }

  /**
   * Stops the old pod in the background (SIGTERM: shared-utils closes its listener at once and
   * drains; `pod stop`, not `kill`, so podman's restart policy does not start it again) and
   * resolves as soon as the old version no longer holds the port. The new pod may already hold
   * it (the port-handoff preload binds within 50 ms), so "the port refuses" alone is not the test.
   */
  private async releasePort(pod: PodSummary, service: string): Promise<{ stopped: Promise<unknown> }> {
    const timeout = String(this.options.stopTimeoutSeconds ?? 20);
    const stopped = runTool('podman', ['pod', 'stop', '--time', timeout, pod.Name], { timeoutMs: 120_000 }).catch(() => undefined);
    const port = servicePort(service, this.options);
    const oldVersion = pod.Labels?.[VERSION_LABEL];
    const deadline = Date.now() + (Number(timeout) + 10) * 1000;
    while (Date.now() < deadline) {
      const holder = await listenerVersion(port);
      if (holder === 'refused' || (holder !== undefined && holder !== oldVersion)) break;
      await sleep(20);
    }
    return { stopped };
  }

  /** Until the new container says it waits for the port (or has stopped), at most 60 s. */
  private async waitForHandoff(container: string, since: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const logs = await runTool('podman', ['logs', '--since', since, container]).catch(() => ({ stdout: '', stderr: '' }));
      if (`${logs.stdout}${logs.stderr}`.includes('port-handoff:')) return;
      const state = await runTool('podman', ['inspect', '--format', '{{.State.Status}}', container]).catch(() => ({ stdout: 'missing' }));
      if (!/running|created|configured/.test(state.stdout)) return;
      await sleep(200);
    }
  }
}
