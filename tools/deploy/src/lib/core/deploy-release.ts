import { DeployBackend, DeployStep } from './deploy-backend';
import { DeployReporter, ServiceRow } from './deploy-reporter';
import { DeployTarget } from './deploy-target';
import { RunLedger, RunRecord, upsertRow } from './run-ledger';
import { describeGateFailure, evaluateVersionGate } from './version-gate';

export interface DeployOptions {
  /** How long one service may take to become ready after its roll. */
  readyTimeoutMs: number;
  /** Print the exact ordered plan and touch nothing. */
  dryRun: boolean;
}

export interface DeployContext {
  target: DeployTarget;
  backend: DeployBackend;
  reporter: DeployReporter;
  ledger: RunLedger;
  options: DeployOptions;
  /**
   * Every service of the environment (the catalog). A release rolls each one not at the release
   * version, listed or not, and its gate reads them all: one version for the whole platform.
   */
  catalog?: readonly string[];
}

/** The listed services first, then every other catalog service (rolled only if not at the release). */
export function servicesToConverge(services: readonly string[], catalog: readonly string[] = []): string[] {
  return [...services, ...catalog.filter((service) => !services.includes(service))];
}

/** The order of a whole release: prepare, migrations, each service, the version gate. */
export function planRelease(services: readonly string[]): DeployStep[] {
  return [
    { kind: 'prepare' },
    { kind: 'migrate' },
    ...services.map((service): DeployStep => ({ kind: 'roll', service })),
    { kind: 'gate', services: [...services] },
  ];
}

function stepTitle(step: DeployStep): string {
  switch (step.kind) {
    case 'prepare':
    case 'migrate':
      return step.kind;
    case 'roll':
    case 'undo':
      return `${step.kind} ${step.service}`;
    case 'gate':
      return `gate ${step.services.join(', ')}`;
  }
}

/** Numbered steps, each followed by the backend's exact actions. */
export function formatPlan(backend: DeployBackend, target: DeployTarget, steps: readonly DeployStep[]): string[] {
  const lines = [
    `plan: ${target.environment} (${backend.name}) namespace ${target.namespace}` +
      `${target.context ? ` context ${target.context}` : ''} release ${target.releaseVersion}`,
  ];
  steps.forEach((step, index) => {
    lines.push(`${index + 1}. ${stepTitle(step)}`);
    for (const action of backend.describe(target, step)) lines.push(`     ${action}`);
  });
  lines.push(`on failure: undo every service this run changed, in reverse order; exit 1`);
  return lines;
}

/**
 * Opens the run, prepares the engine and runs the migrations: the first steps of
 * `deployRelease`. On failure nothing else is touched and the migration is named.
 */
export async function deployMigrations(context: DeployContext): Promise<number> {
  const { target, backend, reporter, ledger, options } = context;
  if (options.dryRun) {
    for (const line of formatPlan(backend, target, [{ kind: 'prepare' }, { kind: 'migrate' }])) reporter.line(line);
    return 0;
  }
  const record = ledger.open(target.environment, target.releaseVersion, Date.now());
  reporter.progress('prepare', backend.name, `${target.environment} namespace ${target.namespace}`);
  await backend.prepare(target);
  reporter.progress('migrate', 'migrations', `running at ${target.releaseVersion}`);
  const outcome = await backend.runMigrations(target);
  if (!outcome.ok) {
    const subject = outcome.failedMigration ?? 'migrations';
    record.state = 'failed';
    record.failure = { subject, reason: outcome.message };
    ledger.write(record);
    reporter.progress('migrate', 'migrations', `FAILED ${subject}: ${outcome.message}`);
    reporter.line(`deploy of ${target.releaseVersion} stopped: migration ${subject} failed; no service was touched`);
    return 1;
  }
  reporter.progress(
    'migrate',
    'migrations',
    outcome.applied.length ? `applied ${outcome.applied.join(', ')}` : 'up to date',
  );
  return 0;
}

async function observe(context: DeployContext, services: readonly string[]) {
  return Promise.all(
    services.map(async (service) => ({
      service,
      runningVersion: await context.backend.runningVersion(context.target, service).catch(() => undefined),
    })),
  );
}

/** Rolls one service; returns why it failed, or undefined. The row is recorded before the engine is touched. */
async function rollService(context: DeployContext, record: RunRecord, service: string): Promise<string | undefined> {
  const { target, backend, reporter, ledger, options } = context;
  const oldVersion = await backend.currentVersion(target, service);
  if (oldVersion === target.releaseVersion) {
    const [seen] = await observe(context, [service]);
    if (seen.runningVersion === target.releaseVersion) {
      upsertRow(record, { service, oldVersion, newVersion: target.releaseVersion, result: 'unchanged' });
      ledger.write(record);
      reporter.progress('roll', service, `already at ${target.releaseVersion} and ready`);
      return undefined;
    }
  }
  const row: ServiceRow = { service, oldVersion, newVersion: target.releaseVersion, result: 'failed', note: 'in progress' };
  upsertRow(record, row);
  ledger.write(record);
  reporter.progress('roll', service, `${oldVersion ?? '(none)'} -> ${target.releaseVersion}`);
  try {
    await backend.rollService(target, service);
    const ready = await backend.waitReady(target, service, Date.now() + options.readyTimeoutMs);
    if (!ready.ready) return `not ready: ${ready.reason}`;
  } catch (error) {
    return `roll failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  reporter.progress('ready', service, 'ready');
  row.result = 'deployed';
  delete row.note;
  ledger.write(record);
  return undefined;
}

/** Undo every service this run changed, newest first, and record the outcome per row. */
async function rollBackRun(context: DeployContext, record: RunRecord): Promise<void> {
  const { target, backend, reporter, ledger } = context;
  const changed = record.rows.filter((row) => row.result === 'deployed' || row.result === 'failed').reverse();
  for (const row of changed) {
    reporter.progress('undo', row.service, `-> ${row.oldVersion ?? '(remove)'}`);
    try {
      await backend.undo(target, row.service, row.oldVersion);
      row.note = row.result === 'failed' ? row.note : undefined;
      row.result = 'rolled back';
      reporter.progress('undo', row.service, `back at ${row.oldVersion ?? '(none)'}`);
    } catch (error) {
      row.result = 'failed';
      row.note = `rollback failed: ${error instanceof Error ? error.message : String(error)}`;
      reporter.progress('undo', row.service, `FAILED ${row.note}`);
    }
    ledger.write(record);
  }
}

async function failRun(context: DeployContext, record: RunRecord, subject: string, reason: string): Promise<number> {
  const { target, reporter, ledger } = context;
  record.state = 'failed';
  record.failure = { subject, reason };
  const failedRow = record.rows.find((row) => row.service === subject);
  if (failedRow) failedRow.note = reason;
  ledger.write(record);
  reporter.progress('gate', subject, `FAILED ${reason}`);
  const started = Date.now();
  await rollBackRun(context, record);
  reporter.progress('undo', 'all', `rollback finished in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  reporter.line(`deploy of ${target.releaseVersion} FAILED at ${subject}: ${reason}`);
  reporter.table(record.rows);
  return 1;
}

function openRunFor(context: DeployContext): RunRecord | string {
  const record = context.ledger.read();
  const { target } = context;
  if (!record || record.releaseVersion !== target.releaseVersion || record.environment !== target.environment) {
    return `no deploy run for ${target.environment} ${target.releaseVersion}: migrations:deploy opens it and must run first`;
  }
  return record;
}

/**
 * `<service>:deploy`: inside the run that `migrations:deploy` opened and converged, roll the
 * service if it is still not at the release (normally it already is: `unchanged`), then the
 * version gate over every catalog service. On failure, roll back everything the run changed.
 */
export async function deployService(context: DeployContext, service: string): Promise<number> {
  const { target, backend, reporter, ledger, options } = context;
  if (options.dryRun) {
    const steps: DeployStep[] = [{ kind: 'roll', service }, { kind: 'gate', services: servicesToConverge([service], context.catalog) }];
    for (const line of formatPlan(backend, target, steps)) reporter.line(line);
    return 0;
  }
  const record = openRunFor(context);
  if (typeof record === 'string') {
    reporter.line(record);
    return 1;
  }
  if (record.state === 'failed') {
    upsertRow(record, {
      service,
      oldVersion: await backend.currentVersion(target, service).catch(() => undefined),
      newVersion: target.releaseVersion,
      result: 'skipped',
      note: `run failed at ${record.failure?.subject}`,
    });
    ledger.write(record);
    reporter.progress('roll', service, `skipped: this run already failed at ${record.failure?.subject}`);
    return 1;
  }
  const failure = await rollService(context, record, service);
  if (failure) return failRun(context, record, service, failure);
  const covered = servicesToConverge(
    record.rows.filter((row) => row.result === 'deployed' || row.result === 'unchanged').map((r) => r.service),
    context.catalog,
  );
  const verdict = evaluateVersionGate(target.releaseVersion, await observe(context, covered));
  if (!verdict.passed) {
    const first = verdict.failing[0];
    return failRun(context, record, first.service, describeGateFailure(target.releaseVersion, verdict.failing));
  }
  reporter.progress('gate', service, `${covered.length} service(s) at ${target.releaseVersion}`);
  reporter.table(record.rows);
  return 0;
}

/**
 * The whole release in one process (what `migrations:deploy` — the task every `<service>:deploy`
 * of `nx affected -t deploy` depends on — `deploy:release`, CI and the drills run): migrations,
 * every service in order (the listed ones, then every other catalog service not at the release
 * version), then the version gate over all of them; any failure rolls back
 * every service this run changed. Same steps and ledger as the per-project Nx tasks.
 */
export async function deployRelease(context: DeployContext, services: readonly string[]): Promise<number> {
  const { target, backend, reporter, options } = context;
  if (options.dryRun) {
    for (const line of formatPlan(backend, target, planRelease(servicesToConverge(services, context.catalog)))) reporter.line(line);
    return 0;
  }
  const migrated = await deployMigrations(context);
  if (migrated !== 0) return migrated;
  const record = context.ledger.read()!;
  const everyService = servicesToConverge(services, context.catalog);
  for (const service of everyService) {
    const failure = await rollService(context, record, service);
    if (failure) return failRun(context, record, service, failure);
  }
  const verdict = evaluateVersionGate(target.releaseVersion, await observe(context, everyService));
  if (!verdict.passed) {
    return failRun(context, record, verdict.failing[0].service, describeGateFailure(target.releaseVersion, verdict.failing));
  }
  reporter.progress('gate', backend.name, `all ${everyService.length} services at ${target.releaseVersion}`);
  reporter.line(`deploy of ${target.releaseVersion} succeeded in ${reporter.elapsedSeconds().toFixed(1)}s`);
  reporter.table(record.rows);
  return 0;
}
