import { DeployTarget } from './deploy-target';

/** One step of a release, in the order the orchestrator runs them. */
export type DeployStep =
  | { kind: 'prepare' }
  | { kind: 'migrate' }
  | { kind: 'roll'; service: string }
  | { kind: 'gate'; services: string[] }
  | { kind: 'undo'; service: string };

export type MigrationOutcome =
  | { ok: true; applied: string[] }
  | { ok: false; failedMigration: string | undefined; message: string };

export type ReadyOutcome = { ready: true } | { ready: false; reason: string };

/**
 * What an engine must do so the orchestrator (`deploy-release.ts`) can ship a release
 * with it. The orchestrator owns order, deadlines, the version gate, rollback and
 * reporting; a backend only knows how to touch its engine.
 *
 * Implementations: `LocalPodmanBackend` (tools/deploy/src/lib/local, `podman kube play`);
 * a Kubernetes backend (`kubectl apply --server-side`, `rollout status`, `rollout undo`)
 * plugs in the same way.
 */
export interface DeployBackend {
  /** Short name for progress lines, e.g. `podman` or `kubectl`. */
  readonly name: string;

  /**
   * The exact actions (commands, in order) the step would run, for `--dry-run`.
   * Must not touch the engine.
   */
  describe(target: DeployTarget, step: DeployStep): string[];

  /** Everything a release needs before migrations: engine config, namespace, secrets, images present. */
  prepare(target: DeployTarget): Promise<void>;

  /** Run the migrations at `target.releaseVersion` to completion (a Job, a container) and report. */
  runMigrations(target: DeployTarget): Promise<MigrationOutcome>;

  /** The version the service runs now (before this release touches it); undefined if not deployed. */
  currentVersion(target: DeployTarget, service: string): Promise<string | undefined>;

  /** Apply the service's manifests at the release version and start replacing its pods. */
  rollService(target: DeployTarget, service: string): Promise<void>;

  /** Wait until the service's new pods are ready, or the deadline passes. */
  waitReady(target: DeployTarget, service: string, deadline: number): Promise<ReadyOutcome>;

  /** The version that the service's ready pods report (the version gate reads this). */
  runningVersion(target: DeployTarget, service: string): Promise<string | undefined>;

  /**
   * Put the service back as it was before `rollService` (`previousVersion`; undefined means it
   * was not deployed, so remove it) and wait until that is ready again.
   */
  undo(target: DeployTarget, service: string, previousVersion: string | undefined): Promise<void>;
}
