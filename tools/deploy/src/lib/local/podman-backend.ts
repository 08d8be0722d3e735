import { ensureLocalDatabase } from '@factsway/database';
import { localSettings, renderManifests, RenderedManifest } from '@factsway/kubernetes';
import { services as catalog, serviceId } from '@factsway/service-catalog';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { get } from 'node:http';
import { basename, join } from 'node:path';
import { DeployBackend, DeployStep, MigrationOutcome, ReadyOutcome } from '../core/deploy-backend';
import { DeployTarget } from '../core/deploy-target';
import { assertContainerToolsInstalled, CommandError, runTool } from '../images/container-tools';
import { ensureReleaseImages } from '../images/retag-images';
import { MIGRATIONS_PROJECT } from '../images/stage-build-context';
import { LocalEngineOptions, servicePort } from './local-options';
import { NAMESPACE_LABEL, podBaseName, podmanManifest } from './podman-manifests';

interface PodSummary {
  Name: string;
  Status: string;
  Containers?: { Names: string; Status: string }[];
  Labels?: Record<string, string>;
  Created: string;
}

/** How long a new pod waits for the old one's port (images/port-handoff.cjs). */
const HANDOFF_SECONDS = 90;
const VERSION_LABEL = 'app.kubernetes.io/version';
const NAME_LABEL = 'app.kubernetes.io/name';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Which version serves 127.0.0.1:port: `refused` when nothing listens, undefined when the
 * answer is late or unreadable. A fresh connection each time (no keep-alive pool), so the
 * answer comes from whoever holds the port now.
 */
function listenerVersion(port: number): Promise<string | 'refused' | undefined> {
  return new Promise((resolve) => {
    const request = get({ host: '127.0.0.1', port, path: '/health', agent: false, timeout: 1000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        try {
          resolve((JSON.parse(body) as { version?: string }).version);
        } catch {
          resolve(undefined);
        }
      });
      response.on('error', () => resolve(undefined));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' ? 'refused' : undefined));
  });
}

/**
 * The local engine: `podman kube play` of the manifests that infra/kubernetes generates for
 * `local` (one replica, host network on 127.0.0.1, `imagePullPolicy: Never`), with the images
 * built by tools/deploy, so they run under the real securityContext and resource limits.
 *
 * A roll on the host network: two pods cannot listen on one port, so the new pod is created
 * (not started) first, the old container gets SIGTERM (it stops accepting at once and drains),
 * the new pod starts and binds the port, and the deploy polls /ready. The old pod is kept,
 * stopped, as the rollback target; `undo` restarts it. The gap is the new pod's start time.
 */
export class LocalPodmanBackend implements DeployBackend {
  readonly name = 'podman';

  constructor(private readonly options: LocalEngineOptions = {}) {}

  private manifests(version: string): RenderedManifest[] {
    return renderManifests(
      localSettings({
        version,
        databaseUrl: this.options.databaseUrl,
        environmentOverrides: this.options.environmentOverrides,
      }),
      catalog,
    );
  }

  private portMap(): Map<number, number> {
    const map = new Map<number, number>();
    for (const service of catalog) {
      const planned = this.options.ports?.[serviceId(service.name)];
      if (planned) map.set(service.port, planned);
    }
    return map;
  }

  /** The namespace of the deploy in progress (set by prepare; every other step gets the same target). */
  private namespace = 'factsway-local';

  private manifestFor(version: string, file: string, service?: string) {
    const manifest = this.manifests(version).find((candidate) => candidate.file === file);
    if (!manifest) throw new Error(`no generated manifest ${file}`);
    return podmanManifest(manifest, version, {
      portMap: this.portMap(),
      namespace: this.namespace,
      extraEnvironment: service
        ? { PORT_HANDOFF_SECONDS: String(HANDOFF_SECONDS), ...this.options.serviceEnvironment?.[service] }
        : undefined,
    });
  }

  private url(service: string, path: string): string {
    return `http://127.0.0.1:${servicePort(service, this.options)}${path}`;
  }

  describe(target: DeployTarget, step: DeployStep): string[] {
    const v = target.releaseVersion;
    switch (step.kind) {
      case 'prepare':
        return [
          'write .local/containers/containers.conf (runc, cgroupfs, nofile/nproc ulimits); CONTAINERS_CONF points at it',
          `podman tag <previous image> ${target.registry}/factsway/<project>:${v}   # for every project without a ${v} image (same image id)`,
        ];
      case 'migrate':
        return [
          `podman kube play --replace <local migrations-job.yaml as a Pod> (image ${target.registry}/factsway/migrations:${v})`,
          `podman wait migrations-${v.replace(/[^a-z0-9]+/gi, '-')}-migrations   # exit 0 required`,
        ];
      case 'roll':
        return [
          `podman kube play --start=false --replace <local ${step.service}.yaml at ${v}>   # pod ${podBaseName(step.service, v)}-pod-0`,
          `podman kill --signal SIGTERM <running ${step.service} container>   # stops accepting, drains`,
          `podman pod start ${podBaseName(step.service, v)}-pod-0`,
          `GET ${this.url(step.service, '/ready')} until 200 and /health version ${v}`,
          `podman pod stop <previous ${step.service} pod>   # kept as the rollback target`,
        ];
      case 'gate':
        return step.services.map((service) => `GET ${this.url(service, '/health')} -> version must be ${v}`);
      case 'undo':
        return [
          `podman kill --signal SIGTERM <${step.service} container at ${v}>`,
          `podman pod start <previous ${step.service} pod> (or kube play it at the previous version)`,
          `GET ${this.url(step.service, '/ready')} until 200`,
        ];
    }
  }

  async prepare(target: DeployTarget): Promise<void> {
    this.namespace = target.namespace;
    assertContainerToolsInstalled();
    // Without a DATABASE_URL the manifests point at the local embedded PostgreSQL: make sure it runs.
    if (!this.options.databaseUrl) await ensureLocalDatabase();
    await ensureReleaseImages(
      [MIGRATIONS_PROJECT, ...catalog.map((service) => serviceId(service.name))],
      target.registry,
      target.releaseVersion,
      // migrations has no running pod: its previous image is the one of the version the services run.
      async (project) => {
        if (project !== MIGRATIONS_PROJECT) return this.currentVersion(target, project);
        for (const service of catalog) {
          const version = await this.currentVersion(target, serviceId(service.name));
          if (version) return version;
        }
        return undefined;
      },
    );
  }

  async runMigrations(target: DeployTarget): Promise<MigrationOutcome> {
    const { yaml, podName } = this.manifestFor(target.releaseVersion, 'migrations-job.yaml');
    const container = `${podName}-${MIGRATIONS_PROJECT}`;
    const dir = mkdtempSync(join(tmpdir(), 'factsway-play-'));
    try {
      const file = join(dir, 'migrations.yaml');
      writeFileSync(file, yaml);
      await runTool('podman', ['kube', 'play', '--replace', file]);
      const exitCode = Number((await runTool('podman', ['wait', container], { timeoutMs: 600_000 })).stdout.trim());
      const logs = await runTool('podman', ['logs', container]);
      const output = `${logs.stdout}${logs.stderr}`;
      await runTool('podman', ['pod', 'rm', '--force', podName!]).catch(() => undefined);
      if (exitCode === 0) {
        return { ok: true, applied: [...output.matchAll(/^applied (\S+)$/gm)].map((match) => match[1]) };
      }
      const failed = /migration (\S+) failed: (.*)$/m.exec(output);
      return {
        ok: false,
        failedMigration: failed ? basename(failed[1]).replace(/\.[cm]?[jt]s$/, '') : undefined,
        message: failed ? failed[2] : `exit ${exitCode}: ${output.trim().split('\n').slice(-15).join(' | ')}`,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  private async pods(service: string): Promise<PodSummary[]> {
    const { stdout } = await runTool('podman', [
      'pod', 'ps', '--filter', `label=${NAMESPACE_LABEL}=${this.namespace}`, '--format', 'json',
    ]);
    return ((JSON.parse(stdout || '[]') as PodSummary[]) ?? []).filter((pod) => pod.Labels?.[NAME_LABEL] === service);
  }

  private async runningPod(service: string): Promise<PodSummary | undefined> {
    // The pod whose app container runs (a pod with only its infra container up is not serving).
    return (await this.pods(service)).find((pod) =>
      pod.Containers?.some((container) => container.Names === `${pod.Name}-${service}` && container.Status === 'running'),
    );
  }

  async currentVersion(target: DeployTarget, service: string): Promise<string | undefined> {
    this.namespace = target.namespace;
    return (await this.runningPod(service))?.Labels?.[VERSION_LABEL];
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

  /** Keeps the running pod and the newest stopped one; removes older stopped pods. */
  private async prune(service: string, keep: readonly string[]): Promise<void> {
    const stale = (await this.pods(service)).filter((pod) => !keep.includes(pod.Name));
    for (const pod of stale) await runTool('podman', ['pod', 'rm', '--force', pod.Name]).catch(() => undefined);
  }

  private async playStopped(service: string, version: string): Promise<string> {
    const { yaml, podName } = this.manifestFor(version, `${service}.yaml`, service);
    const dir = mkdtempSync(join(tmpdir(), 'factsway-play-'));
    try {
      const file = join(dir, `${service}.yaml`);
      writeFileSync(file, yaml);
      await runTool('podman', ['kube', 'play', '--start=false', '--replace', file]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return podName!;
  }

  /**
   * Replace whatever runs with the pod `podName`. One host port: the new pod starts first and,
   * through the port-handoff preload, boots and waits for the port; then the old pod is stopped
   * and the new one binds the moment the old listener closes.
   */
  private async switchTo(service: string, podName: string, others?: PodSummary[]): Promise<void> {
    const running = await this.runningPod(service);
    if (running?.Name === podName) return;
    const previous = others ?? (running ? [running] : []);
    const since = new Date(Date.now() - 1000).toISOString();
    await runTool('podman', ['pod', 'start', podName]);
    if (previous.length) await this.waitForHandoff(`${podName}-${service}`, since);
    const stops = await Promise.all(previous.map((pod) => this.releasePort(pod, service)));
    this.oldPods.set(service, { pod: previous[0], stopped: Promise.all(stops.map((entry) => entry.stopped)) });
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

  /** The pod each roll replaced, and when it has finished stopping. */
  private readonly oldPods = new Map<string, { pod: PodSummary | undefined; stopped: Promise<unknown> }>();

  async rollService(target: DeployTarget, service: string): Promise<void> {
    this.namespace = target.namespace;
    const podName = await this.playStopped(service, target.releaseVersion);
    await this.switchTo(service, podName);
  }

  async waitReady(target: DeployTarget, service: string, deadline: number): Promise<ReadyOutcome> {
    const outcome = await this.pollReady(service, target.releaseVersion, deadline);
    const old = this.oldPods.get(service);
    this.oldPods.delete(service);
    // Either way the old pod finishes draining: kept as the rollback target, or for undo to start.
    await old?.stopped;
    if (outcome.ready) {
      const running = await this.runningPod(service);
      await this.prune(service, [running?.Name, old?.pod?.Name].filter((name): name is string => Boolean(name)));
    }
    return outcome;
  }

  private async pollReady(service: string, version: string, deadline: number): Promise<ReadyOutcome> {
    let last = 'no answer';
    const container = `${podBaseName(service, version)}-pod-0-${service}`;
    for (;;) {
      try {
        const ready = await fetch(this.url(service, '/ready'), { signal: AbortSignal.timeout(2000) });
        if (ready.ok) {
          const health = (await (await fetch(this.url(service, '/health'), { signal: AbortSignal.timeout(2000) })).json()) as {
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
      await sleep(this.options.pollIntervalMs ?? 100);
    }
  }

  /**
   * What the service's ready pod reports. Like a readiness probe's failureThreshold, one slow
   * answer on a busy machine does not count as unready: up to three tries, a second apart.
   */
  async runningVersion(_target: DeployTarget, service: string): Promise<string | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        const ready = await fetch(this.url(service, '/ready'), { signal: AbortSignal.timeout(3000) });
        if (ready.ok) {
          const health = await fetch(this.url(service, '/health'), { signal: AbortSignal.timeout(3000) });
          return ((await health.json()) as { version?: string }).version;
        }
      } catch {
        // not answering counts as not ready
      }
      if (attempt === 3) return undefined;
      await sleep(1000);
    }
  }

  async undo(target: DeployTarget, service: string, previousVersion: string | undefined): Promise<void> {
    this.namespace = target.namespace;
    if (previousVersion === undefined) {
      for (const pod of await this.pods(service)) await runTool('podman', ['pod', 'rm', '--force', pod.Name]);
      return;
    }
    const previousPod = `${podBaseName(service, previousVersion)}-pod-0`;
    const pods = await this.pods(service);
    if (!pods.some((pod) => pod.Name === previousPod)) await this.playStopped(service, previousVersion);
    // Whatever else runs for this service (the failed new pod, even one podman keeps restarting)
    // hands the port back to the previous pod.
    const others = pods.filter((pod) => pod.Name !== previousPod && pod.Status !== 'Exited' && pod.Status !== 'Created');
    await this.switchTo(service, previousPod, others);
    const outcome = await this.pollReady(service, previousVersion, Date.now() + 120_000);
    await this.oldPods.get(service)?.stopped;
    this.oldPods.delete(service);
    for (const pod of others) await runTool('podman', ['pod', 'rm', '--force', pod.Name]).catch(() => undefined);
    if (!outcome.ready) throw new Error(`${service} at ${previousVersion} did not become ready again: ${outcome.reason}`);
  }
}
