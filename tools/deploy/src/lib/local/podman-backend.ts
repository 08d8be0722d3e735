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
import { Handoff, PortHandoffRoll } from './port-handoff-roll';
import { readyVersion } from './service-readiness';

/**
 * The local engine: `podman kube play` of the manifests that infra/kubernetes generates for
 * `local` (one replica, host network on 127.0.0.1, `imagePullPolicy: Never`), with the images
 * built by tools/deploy, so they run under the real securityContext and resource limits.
 *
 * A roll on the host network, where both versions need the service's one port
 * (port-handoff-roll.ts, docs/adr/078): the new pod is played stopped, started beside the old
 * one (both listen, SO_REUSEPORT), and only once it answers `/ready` on the port does the old
 * pod get SIGTERM and drain. The port never refuses a connection. The old pod is kept, stopped,
 * as the rollback target; `undo` hands the port back to it the same way.
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
          `podman pod start ${podBaseName(step.service, v)}-pod-0   # binds the port beside the running version (SO_REUSEPORT)`,
          `GET ${this.url(step.service, '/health')} + /ready on one connection until ${v} answers 200`,
          `podman pod stop <previous ${step.service} pod>   # SIGTERM: closes its listener, drains; kept as the rollback target`,
        ];
      case 'gate':
        return step.services.map((service) => `GET ${this.url(service, '/health')} -> version must be ${v}`);
      case 'undo':
        return [
          `podman pod start <previous ${step.service} pod> (or kube play it at the previous version)   # beside ${v}`,
          `GET ${this.url(step.service, '/health')} + /ready on one connection until the previous version answers 200`,
          `podman pod stop <${step.service} pod at ${v}>; podman pod rm`,
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
    await this.roll.start(this.namespace, service, podName);
  }

  async waitReady(target: DeployTarget, service: string, deadline: number): Promise<ReadyOutcome> {
    const podName = `${podBaseName(service, target.releaseVersion)}-pod-0`;
    const { outcome, stopped } = await this.roll.handOver(this.namespace, service, podName, target.releaseVersion, deadline);
    if (outcome.ready) {
      // Keeps the running pod and the one it replaced (the rollback target); removes older stopped pods.
      const keep = [podName, stopped[0]?.Name];
      await removePods((await servicePods(this.namespace, service)).filter((pod) => !keep.includes(pod.Name)));
    }
    return outcome;
  }

  /** Every port switch this backend made (service, versions, overlap, refused connects). */
  get handoffs(): readonly Handoff[] {
    return this.roll.handoffs;
  }

  async runningVersion(_target: DeployTarget, service: string): Promise<string | undefined> {
    return readyVersion(servicePort(service, this.options));
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
    // keeps the port until the previous pod answers ready beside it.
    await this.roll.start(this.namespace, service, previousPod);
    const { outcome, stopped } = await this.roll.handOver(this.namespace, service, previousPod, previousVersion, Date.now() + 120_000);
    if (!outcome.ready) throw new Error(`${service} at ${previousVersion} did not become ready again: ${outcome.reason}`);
    const failed = pods.filter((pod) => pod.Name !== previousPod && pod.Labels?.[VERSION_LABEL] === target.releaseVersion);
    await removePods([...stopped, ...failed.filter((pod) => !stopped.some((other) => other.Name === pod.Name))]);
  }
}
