import { migrationsJobName } from '@factsway/kubernetes';
import { services as catalog, serviceId } from '@factsway/service-catalog';
import { RenderedManifest } from '@factsway/kubernetes';
import { DeployBackend, DeployStep, MigrationOutcome, ReadyOutcome } from '../lib/core/deploy-backend';
import { DeployTarget } from '../lib/core/deploy-target';
import { DeploymentObject, JobObject, ObjectList, parseJson, PodObject, ReplicaSetObject, VERSION_LABEL } from './cluster-objects';
import {
  applyManifest,
  deleteJob,
  deleteManifest,
  formatCommand,
  getJson,
  getLabelledJson,
  jobLogs,
  KubectlCommand,
  KubectlScope,
  rolloutStatus,
  rolloutUndo,
  scopedArgv,
  waitForCondition,
} from './kubectl-commands';
import { KubectlResult, KubectlRunner, ProcessKubectlRunner } from './kubectl-runner';
import { jobState } from './job-state';
import { readMigrationLog } from './migration-log';
import { readyPodsVersion } from './pod-versions';
import { manifestInput, MIGRATIONS_FILE, objectInput, objectName, PLATFORM_FILES, renderReleaseManifests } from './release-manifests';
import { revisionOfVersion } from './rollback-revision';
import { imageReference } from '../lib/images/image-names';
import { MIGRATIONS_PROJECT } from '../lib/images/stage-build-context';
import { describeTag, RegistryImages, SkopeoRegistryImages } from './registry-images';

export interface KubernetesBackendOptions {
  runner?: KubectlRunner;
  /** Longer than the Job's own `activeDeadlineSeconds` (600), so the Job reports its failure first. @default 660 */
  migrationDeadlineSeconds?: number;
  /** One `kubectl wait` on the migration Job; its status is read between waits. @default 10 */
  migrationWaitSeconds?: number;
  /** The CloudNativePG cluster must be Ready before migrations. @default 600 */
  postgresReadySeconds?: number;
  /** `rollout status` after a `rollout undo`. @default 300 */
  undoReadySeconds?: number;
  now?: () => number;
  /** Where the release tags are checked and made. @default skopeo against the real registry */
  registryImages?: RegistryImages;
  /** Every project with an image at the release version. @default migrations and every catalog service */
  projects?: readonly string[];
}

export class KubectlError extends Error {
  constructor(
    readonly command: string,
    readonly result: KubectlResult,
  ) {
    super(`${command} failed (exit ${result.exitCode}): ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  }
}

const isNotFound = (result: KubectlResult) => /NotFound|not found/i.test(result.stderr);
const lastLine = (text: string) => text.trim().split('\n').filter(Boolean).pop() ?? '';

/**
 * Staging and production: `kubectl apply --server-side` of the manifests that infra/kubernetes
 * generates, rendered at the release version; the migration Job before any service; `rollout
 * status` with a deadline; the gate reads the ready pods; `rollout undo` to the revision that ran
 * the previous version. Every call goes through a `KubectlRunner`; `describe` formats the same
 * commands for `--dry-run`.
 */
export class KubernetesBackend implements DeployBackend {
  readonly name = 'kubectl';
  private readonly runner: KubectlRunner;
  private readonly migrationDeadlineSeconds: number;
  private readonly migrationWaitSeconds: number;
  private readonly postgresReadySeconds: number;
  private readonly undoReadySeconds: number;
  private readonly now: () => number;
  private readonly registryImages: RegistryImages;
  private readonly projects: readonly string[];

  constructor(options: KubernetesBackendOptions = {}) {
    this.registryImages = options.registryImages ?? new SkopeoRegistryImages();
    this.projects = options.projects ?? [MIGRATIONS_PROJECT, ...catalog.map((service) => serviceId(service.name))];
    this.runner = options.runner ?? new ProcessKubectlRunner();
    this.migrationDeadlineSeconds = options.migrationDeadlineSeconds ?? 660;
    this.migrationWaitSeconds = options.migrationWaitSeconds ?? 10;
    this.postgresReadySeconds = options.postgresReadySeconds ?? 600;
    this.undoReadySeconds = options.undoReadySeconds ?? 300;
    this.now = options.now ?? Date.now;
  }

  private scope(target: DeployTarget): KubectlScope {
    return { context: target.context, namespace: target.namespace };
  }

  private manifest(target: DeployTarget, file: string, version = target.releaseVersion): RenderedManifest {
    const manifest = renderReleaseManifests(target, version).get(file);
    if (!manifest) throw new Error(`infra/kubernetes renders no ${file} for ${target.environment}`);
    return manifest;
  }

  private platformCommands(target: DeployTarget): KubectlCommand[] {
    const manifests = renderReleaseManifests(target);
    const commands = PLATFORM_FILES.filter((file) => manifests.has(file)).map((file) =>
      applyManifest(manifestInput(manifests.get(file)!, target.releaseVersion)),
    );
    const postgres = manifests.get('postgres.yaml');
    const cluster = postgres && objectName(postgres, 'Cluster');
    if (cluster) commands.push(waitForCondition(`cluster.postgresql.cnpg.io/${cluster}`, 'Ready', this.postgresReadySeconds));
    return commands;
  }

  private serviceApply(target: DeployTarget, service: string): KubectlCommand {
    return applyManifest(manifestInput(this.manifest(target, `${service}.yaml`), target.releaseVersion));
  }

  describe(target: DeployTarget, step: DeployStep): string[] {
    const scope = this.scope(target);
    const format = (command: KubectlCommand) => formatCommand(scope, command);
    const job = migrationsJobName(target.releaseVersion);
    switch (step.kind) {
      case 'prepare':
        return [
          `${describeTag(imageReference(target.registry, '<project>', '<running version>'), imageReference(target.registry, '<project>', target.releaseVersion))}   # every project without a ${target.releaseVersion} tag`,
          ...this.platformCommands(target).map(format),
        ];
      case 'migrate':
        return [
          format(deleteJob(job)),
          format(applyManifest(manifestInput(this.manifest(target, MIGRATIONS_FILE), target.releaseVersion))),
          `${format(waitForCondition(`job/${job}`, 'complete', this.migrationWaitSeconds))}   # repeated until Complete, Failed or ${this.migrationDeadlineSeconds}s`,
          `${format(getJson(`job/${job}`))}   # between waits: condition Failed stops the deploy`,
          format(jobLogs(job)),
        ];
      case 'roll':
        return [
          format(getJson(`deployment/${step.service}`)),
          format(this.serviceApply(target, step.service)),
          format(rolloutStatus(step.service, '<ready-timeout>')),
        ];
      case 'gate':
        return step.services.map(
          (service) =>
            `${format(getLabelledJson('pods', service))}   # every Ready pod runs ${target.registry}/factsway/${service}:${target.releaseVersion}`,
        );
      case 'undo':
        return [
          format(getLabelledJson('replicasets', step.service)),
          format(applyManifest({ label: `${step.service}.yaml@<previous version>#ConfigMap`, yaml: '' })),
          format(rolloutUndo(step.service, '<revision of the previous version>')),
          format(rolloutStatus(step.service, this.undoReadySeconds)),
          `# not deployed before this run: ${format(deleteManifest({ label: `${step.service}.yaml@${target.releaseVersion}`, yaml: '' }))}`,
        ];
    }
  }

  private run(target: DeployTarget, command: KubectlCommand): Promise<KubectlResult> {
    return this.runner.run({ argv: scopedArgv(this.scope(target), command), stdin: command.manifest?.yaml });
  }

  private async mustRun(target: DeployTarget, command: KubectlCommand): Promise<string> {
    const result = await this.run(target, command);
    if (result.exitCode !== 0) throw new KubectlError(formatCommand(this.scope(target), command), result);
    return result.stdout;
  }

  async prepare(target: DeployTarget): Promise<void> {
    await this.tagReleaseImages(target);
    for (const command of this.platformCommands(target)) await this.mustRun(target, command);
  }

  /**
   * One version everywhere: a project the release did not rebuild gets the release tag on the
   * image its Deployment runs now (migrations: the version the first deployed service runs).
   * Same digest, nothing rebuilt; a project with neither stops the deploy before the cluster is touched.
   */
  private async tagReleaseImages(target: DeployTarget): Promise<void> {
    let runningPlatformVersion: string | undefined;
    const platformVersion = async () => {
      for (const project of this.projects) {
        if (runningPlatformVersion || project === MIGRATIONS_PROJECT) continue;
        runningPlatformVersion = await this.currentVersion(target, project);
      }
      return runningPlatformVersion;
    };
    for (const project of this.projects) {
      const reference = imageReference(target.registry, project, target.releaseVersion);
      if (await this.registryImages.exists(reference)) continue;
      const running = project === MIGRATIONS_PROJECT ? await platformVersion() : await this.currentVersion(target, project);
      if (!running) throw new Error(`no image ${reference} and no running version of ${project} to tag it from: build it (npx nx run ${project}:image --registry ${target.registry})`);
      await this.registryImages.tag(imageReference(target.registry, project, running), reference);
    }
  }

  async runMigrations(target: DeployTarget): Promise<MigrationOutcome> {
    const job = migrationsJobName(target.releaseVersion);
    // A Job's pod template is immutable and a failed Job never runs again; `up` is idempotent.
    await this.mustRun(target, deleteJob(job));
    await this.mustRun(target, applyManifest(manifestInput(this.manifest(target, MIGRATIONS_FILE), target.releaseVersion)));
    const deadline = this.now() + this.migrationDeadlineSeconds * 1000;
    for (;;) {
      const waited = await this.run(target, waitForCondition(`job/${job}`, 'complete', this.migrationWaitSeconds));
      const state = waited.exitCode === 0 ? { state: 'complete' as const } : jobState(parseJson<JobObject>(await this.mustRun(target, getJson(`job/${job}`)), `job/${job}`));
      if (state.state === 'running' && this.now() < deadline) continue;
      const logs = await this.run(target, jobLogs(job));
      const log = readMigrationLog(`${logs.stdout}\n${logs.stderr}`);
      if (state.state === 'complete') return { ok: true, applied: log.applied };
      const reason = state.state === 'failed' ? `Job ${job} failed (${state.reason})` : `Job ${job} did not finish within ${this.migrationDeadlineSeconds}s`;
      return { ok: false, failedMigration: log.failedMigration, message: log.message ? `${log.message}; ${reason}` : reason };
    }
  }

  async currentVersion(target: DeployTarget, service: string): Promise<string | undefined> {
    const command = getJson(`deployment/${service}`);
    const result = await this.run(target, command);
    if (result.exitCode !== 0) {
      if (isNotFound(result)) return undefined;
      throw new KubectlError(formatCommand(this.scope(target), command), result);
    }
    return parseJson<DeploymentObject>(result.stdout, `deployment/${service}`).spec?.template?.metadata?.labels?.[VERSION_LABEL];
  }

  async rollService(target: DeployTarget, service: string): Promise<void> {
    await this.mustRun(target, this.serviceApply(target, service));
  }

  async waitReady(target: DeployTarget, service: string, deadline: number): Promise<ReadyOutcome> {
    const seconds = Math.max(1, Math.ceil((deadline - this.now()) / 1000));
    const result = await this.run(target, rolloutStatus(service, seconds));
    if (result.exitCode === 0) return { ready: true };
    return { ready: false, reason: `rollout status --timeout=${seconds}s: ${lastLine(result.stderr || result.stdout) || `exit ${result.exitCode}`}` };
  }

  async runningVersion(target: DeployTarget, service: string): Promise<string | undefined> {
    const pods = parseJson<ObjectList<PodObject>>(await this.mustRun(target, getLabelledJson('pods', service)), `pods of ${service}`);
    return readyPodsVersion(pods, service, target.registry);
  }

  async undo(target: DeployTarget, service: string, previousVersion: string | undefined): Promise<void> {
    if (previousVersion === undefined) {
      await this.mustRun(target, deleteManifest(manifestInput(this.manifest(target, `${service}.yaml`), target.releaseVersion)));
      return;
    }
    const replicaSets = parseJson<ObjectList<ReplicaSetObject>>(
      await this.mustRun(target, getLabelledJson('replicasets', service)),
      `replicasets of ${service}`,
    );
    const revision = revisionOfVersion(replicaSets, previousVersion);
    if (revision === undefined) throw new Error(`no ReplicaSet of ${service} ran ${previousVersion}: nothing to undo to`);
    // The ConfigMap (APP_VERSION, peer URLs) is not part of the revision: restore it before pods restart.
    await this.mustRun(target, applyManifest(objectInput(this.manifest(target, `${service}.yaml`, previousVersion), 'ConfigMap', previousVersion)));
    await this.mustRun(target, rolloutUndo(service, revision));
    const status = await this.run(target, rolloutStatus(service, this.undoReadySeconds));
    if (status.exitCode !== 0) throw new KubectlError(formatCommand(this.scope(target), rolloutStatus(service, this.undoReadySeconds)), status);
  }
}
