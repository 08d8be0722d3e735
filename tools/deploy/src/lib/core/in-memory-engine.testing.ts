import { DeployBackend, DeployStep, MigrationOutcome, ReadyOutcome } from './deploy-backend';
import { DeployTarget } from './deploy-target';

/**
 * An engine kept in memory, for unit tests of the orchestrator's decisions (order, gate,
 * rollback, skips). The drills prove the same decisions on the real podman engine.
 */
export class InMemoryEngine implements DeployBackend {
  readonly name = 'memory';
  readonly running = new Map<string, string>();
  readonly calls: string[] = [];
  failMigration: string | undefined;
  /** Services whose new version never turns ready. */
  readonly neverReady = new Set<string>();
  /** Services whose pods turn ready but report another version (a wrong image). */
  readonly reportsVersion = new Map<string, string>();

  describe(target: DeployTarget, step: DeployStep): string[] {
    return [`${step.kind} ${'service' in step ? step.service : ''} at ${target.releaseVersion}`.replace(/\s+/g, ' ')];
  }

  async prepare(): Promise<void> {
    this.calls.push('prepare');
  }

  async runMigrations(target: DeployTarget): Promise<MigrationOutcome> {
    this.calls.push(`migrate ${target.releaseVersion}`);
    if (this.failMigration) return { ok: false, failedMigration: this.failMigration, message: 'relation does not exist' };
    return { ok: true, applied: [] };
  }

  async currentVersion(_target: DeployTarget, service: string): Promise<string | undefined> {
    return this.running.get(service);
  }

  async rollService(target: DeployTarget, service: string): Promise<void> {
    this.calls.push(`roll ${service} ${target.releaseVersion}`);
    this.running.set(service, target.releaseVersion);
  }

  async waitReady(_target: DeployTarget, service: string): Promise<ReadyOutcome> {
    return this.neverReady.has(service) ? { ready: false, reason: '/ready answered 503' } : { ready: true };
  }

  async runningVersion(_target: DeployTarget, service: string): Promise<string | undefined> {
    if (this.neverReady.has(service)) return undefined;
    return this.reportsVersion.get(service) ?? this.running.get(service);
  }

  async undo(_target: DeployTarget, service: string, previous: string | undefined): Promise<void> {
    this.calls.push(`undo ${service} ${previous ?? '(remove)'}`);
    this.neverReady.delete(service);
    this.reportsVersion.delete(service);
    if (previous === undefined) this.running.delete(service);
    else this.running.set(service, previous);
  }
}
