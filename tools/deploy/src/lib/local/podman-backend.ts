import { ensureLocalDatabase } from '@factsway/database';
import { services as catalog, serviceId } from '@factsway/service-catalog';
import { DeployBackend, DeployStep, MigrationOutcome, ReadyOutcome } from '../core/deploy-backend';
import { DeployTarget } from '../core/deploy-target';
import { assertContainerToolsInstalled, runTool } from '../images/container-tools';
import { ensureReleaseImages } from '../images/retag-images';
import { MIGRATIONS_PROJECT } from '../images/stage-build-context';
import { ensureDatabaseSecret, localDatabaseUrl } from './database-secret';
import { LocalEngineOptions, servicePort } from './local-options';
import { LocalPodSpecs, playPod } from './local-pod-specs';
import { podBaseName } from './podman-manifests';
import { runMigrationsPod } from './podman-migrations';
import { removePods, runningPod, servicePods, VERSION_LABEL } from './podman-pods';
import { PortHandoffRoll } from './port-handoff-roll';
import { pollReady, readyVersion } from './service-readiness';

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
  private readonly specs: LocalPodSpecs;
  private readonly roll: PortHandoffRoll;

  constructor(private readonly options: LocalEngineOptions = {}) {
    this.specs = new LocalPodSpecs(options);
    this.roll = new PortHandoffRoll(options);
  }

  /** The namespace of the deploy in progress (set by prepare; every other step gets the same target). */
  private namespace = 'factsway-local';

  private url(service: string, path: string): string {
    return `http://127.0.0.1:${servicePort(service, this.options)}${path}`;
  }

  describe(target: DeployTarget, step: DeployStep): string[] {
    const v = target.releaseVersion;
    switch (step.kind) {
      case 'prepare':
        return [
          'write .local/containers/containers.conf (runc, cgroupfs, nofile/nproc ulimits); CONTAINERS_CONF points at it',
          `podman secret create ${target.namespace}-factsway-postgres-app <file>   # {"uri": <database URL>}, read by secretKeyRef`,
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
    await ensureDatabaseSecret(this.namespace, localDatabaseUrl(this.options.databaseUrl));
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
    return runMigrationsPod(this.specs.render(target.releaseVersion, 'migrations-job.yaml', this.namespace));
  }

  async currentVersion(target: DeployTarget, service: string): Promise<string | undefined> {
    this.namespace = target.namespace;
    return (await runningPod(this.namespace, service))?.Labels?.[VERSION_LABEL];
  }

  /** Plays `service` at `version` as a created, not started, pod; returns the pod's name. */
  private async playStopped(service: string, version: string): Promise<string> {
    const { yaml, podName } = this.specs.render(version, `${service}.yaml`, this.namespace, service);
    await playPod(yaml, `${service}.yaml`, ['--start=false']);
    return podName!;
  }

  async rollService(target: DeployTarget, service: string): Promise<void> {
    this.namespace = target.namespace;
    const podName = await this.playStopped(service, target.releaseVersion);
    await this.roll.switchTo(this.namespace, service, podName);
  }

  async waitReady(target: DeployTarget, service: string, deadline: number): Promise<ReadyOutcome> {
    const outcome = await this.pollReady(service, target.releaseVersion, deadline);
    const old = this.roll.takeReplaced(service);
    // Either way the old pod finishes draining: kept as the rollback target, or for undo to start.
    await old?.stopped;
    if (outcome.ready) {
      // Keeps the running pod and the one it replaced; removes older stopped pods.
      const keep = [(await runningPod(this.namespace, service))?.Name, old?.pod?.Name];
      await removePods((await servicePods(this.namespace, service)).filter((pod) => !keep.includes(pod.Name)));
    }
    return outcome;
  }

  private pollReady(service: string, version: string, deadline: number): Promise<ReadyOutcome> {
    const container = `${podBaseName(service, version)}-pod-0-${service}`;
    return pollReady((path) => this.url(service, path), container, version, deadline, this.options.pollIntervalMs);
  }

  async runningVersion(_target: DeployTarget, service: string): Promise<string | undefined> {
    return readyVersion((path) => this.url(service, path));
  }

  async undo(target: DeployTarget, service: string, previousVersion: string | undefined): Promise<void> {
    this.namespace = target.namespace;
    if (previousVersion === undefined) {
      for (const pod of await servicePods(this.namespace, service)) await runTool('podman', ['pod', 'rm', '--force', pod.Name]);
      return;
    }
    const previousPod = `${podBaseName(service, previousVersion)}-pod-0`;
    const pods = await servicePods(this.namespace, service);
    if (!pods.some((pod) => pod.Name === previousPod)) await this.playStopped(service, previousVersion);
    // Whatever else runs for this service (the failed new pod, even one podman keeps restarting)
    // hands the port back to the previous pod.
    const others = pods.filter((pod) => pod.Name !== previousPod && pod.Status !== 'Exited' && pod.Status !== 'Created');
    await this.roll.switchTo(this.namespace, service, previousPod, others);
    const outcome = await this.pollReady(service, previousVersion, Date.now() + 120_000);
    await this.roll.takeReplaced(service)?.stopped;
    await removePods(others);
    if (!outcome.ready) throw new Error(`${service} at ${previousVersion} did not become ready again: ${outcome.reason}`);
  }
}
