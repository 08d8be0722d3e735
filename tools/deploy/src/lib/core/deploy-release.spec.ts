import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeployReporter } from './deploy-reporter';
import { DeployContext, deployMigrations, deployRelease, deployService, planRelease } from './deploy-release';
import { resolveDeployTarget } from './deploy-target';
import { InMemoryEngine } from './in-memory-engine.testing';
import { RunLedger } from './run-ledger';

const services = ['records-service', 'facts-service', 'export-service'];
let dir: string;
let engine: InMemoryEngine;
let lines: string[];

function context(version: string, dryRun = false): DeployContext {
  return {
    target: resolveDeployTarget({ environment: 'local', releaseVersion: version }, {}),
    backend: engine,
    reporter: new DeployReporter((line) => lines.push(line)),
    ledger: new RunLedger(join(dir, 'run.json')),
    options: { readyTimeoutMs: 1000, dryRun },
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deploy-core-'));
  engine = new InMemoryEngine();
  lines = [];
  for (const service of services) engine.running.set(service, '1.0.0');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a whole release in one process', () => {
  it('prepares, migrates, rolls each service in order, then passes the gate', async () => {
    expect(await deployRelease(context('1.1.0'), services)).toBe(0);
    expect(engine.calls).toEqual([
      'prepare',
      'migrate 1.1.0',
      'roll records-service 1.1.0',
      'roll facts-service 1.1.0',
      'roll export-service 1.1.0',
    ]);
    expect(lines).toContainEqual(expect.stringMatching(/^records-service\s+1\.0\.0\s+1\.1\.0\s+deployed$/));
  });

  it('touches no service when a migration fails, and names the migration', async () => {
    engine.failMigration = '20270101000000000_add_notes';
    expect(await deployRelease(context('1.1.0'), services)).toBe(1);
    expect(engine.calls).toEqual(['prepare', 'migrate 1.1.0']);
    expect(lines.join('\n')).toContain('migration 20270101000000000_add_notes failed');
  });

  it('rolls back every service it changed, newest first, when one never turns ready', async () => {
    engine.neverReady.add('facts-service');
    expect(await deployRelease(context('1.1.0'), services)).toBe(1);
    expect(engine.calls.slice(-2)).toEqual(['undo facts-service 1.0.0', 'undo records-service 1.0.0']);
    expect(engine.calls).not.toContain('roll export-service 1.1.0');
    expect([...engine.running.values()]).toEqual(['1.0.0', '1.0.0', '1.0.0']);
    expect(lines.find((line) => line.includes('FAILED at'))).toContain('facts-service');
    expect(lines).toContainEqual(expect.stringMatching(/^facts-service\s+1\.0\.0\s+1\.1\.0\s+rolled back: not ready/));
  });

  it('fails the version gate when a ready service reports another version, and rolls everything back', async () => {
    engine.reportsVersion.set('export-service', '0.9.0');
    expect(await deployRelease(context('1.1.0'), services)).toBe(1);
    expect(engine.calls.filter((call) => call.startsWith('undo'))).toEqual([
      'undo export-service 1.0.0',
      'undo facts-service 1.0.0',
      'undo records-service 1.0.0',
    ]);
    expect(lines.find((line) => line.includes('FAILED at'))).toContain('export-service runs 0.9.0, expected 1.1.0');
  });

  it('removes a service that did not exist before when the run fails', async () => {
    engine.running.delete('export-service');
    engine.neverReady.add('export-service');
    expect(await deployRelease(context('1.1.0'), services)).toBe(1);
    expect(engine.calls).toContain('undo export-service (remove)');
    expect(engine.running.has('export-service')).toBe(false);
  });

  it('leaves a service already at the release version alone', async () => {
    engine.running.set('facts-service', '1.1.0');
    expect(await deployRelease(context('1.1.0'), services)).toBe(0);
    expect(engine.calls).not.toContain('roll facts-service 1.1.0');
    expect(lines).toContainEqual(expect.stringMatching(/^facts-service\s+1\.1\.0\s+1\.1\.0\s+unchanged$/));
  });

  it('prints the exact ordered plan on --dry-run and touches nothing', async () => {
    expect(await deployRelease(context('1.1.0', true), services)).toBe(0);
    expect(engine.calls).toEqual([]);
    expect(lines.filter((line) => /^\d+\. /.test(line))).toEqual([
      '1. prepare',
      '2. migrate',
      '3. roll records-service',
      '4. roll facts-service',
      '5. roll export-service',
      '6. gate records-service, facts-service, export-service',
    ]);
    expect(planRelease(services).map((step) => step.kind)).toEqual(['prepare', 'migrate', 'roll', 'roll', 'roll', 'gate']);
  });
});

describe('the per-project Nx tasks of one run', () => {
  it('refuses a service deploy when migrations:deploy has not opened the run', async () => {
    expect(await deployService(context('1.1.0'), 'records-service')).toBe(1);
    expect(lines.join('\n')).toContain('migrations:deploy opens it and must run first');
    expect(engine.calls).toEqual([]);
  });

  it('rolls back services of earlier tasks when a later one fails, and skips the tasks after it', async () => {
    expect(await deployMigrations(context('1.1.0'))).toBe(0);
    expect(await deployService(context('1.1.0'), 'records-service')).toBe(0);
    engine.neverReady.add('facts-service');
    expect(await deployService(context('1.1.0'), 'facts-service')).toBe(1);
    expect(engine.calls.filter((call) => call.startsWith('undo'))).toEqual([
      'undo facts-service 1.0.0',
      'undo records-service 1.0.0',
    ]);
    expect(await deployService(context('1.1.0'), 'export-service')).toBe(1);
    expect(engine.calls).not.toContain('roll export-service 1.1.0');
    expect(lines.join('\n')).toContain('skipped: this run already failed at facts-service');
    const record = context('1.1.0').ledger.read()!;
    expect(record.rows.map((row) => `${row.service} ${row.result}`)).toEqual([
      'records-service rolled back',
      'facts-service rolled back',
      'export-service skipped',
    ]);
  });

  it('does not roll services after a failed migrations task', async () => {
    engine.failMigration = '20270101000000000_add_notes';
    expect(await deployMigrations(context('1.1.0'))).toBe(1);
    expect(await deployService(context('1.1.0'), 'records-service')).toBe(1);
    expect(engine.calls).toEqual(['prepare', 'migrate 1.1.0']);
  });
});

describe('one version for the whole platform', () => {
  const catalog = [...services, 'signature-service'];
  const withCatalog = (version: string): DeployContext => ({ ...context(version), catalog });

  it('rolls a catalog service left out of --services when it runs another version, and gates on all', async () => {
    engine.running.set('signature-service', '1.0.0');
    expect(await deployRelease(withCatalog('1.1.0'), ['records-service'])).toBe(0);
    expect(engine.calls).toContain('roll signature-service 1.1.0');
    expect(catalog.map((service) => engine.running.get(service))).toEqual(['1.1.0', '1.1.0', '1.1.0', '1.1.0']);
    expect(lines).toContainEqual(expect.stringContaining('all 4 services at 1.1.0'));
  });

  it('leaves a service already at the release alone', async () => {
    engine.running.set('signature-service', '1.1.0');
    expect(await deployRelease(withCatalog('1.1.0'), ['records-service'])).toBe(0);
    expect(engine.calls).not.toContain('roll signature-service 1.1.0');
  });

  it('nx affected -t deploy: the migrations task converges every service, each service task then gates on the whole catalog', async () => {
    engine.running.set('signature-service', '1.0.0');
    expect(await deployRelease(withCatalog('1.1.0'), catalog)).toBe(0);
    expect(await deployService(withCatalog('1.1.0'), 'signature-service')).toBe(0);
    expect(engine.calls.filter((call) => call.startsWith('roll'))).toHaveLength(4);
    expect(lines).toContainEqual(expect.stringContaining('4 service(s) at 1.1.0'));
  });

  it('a service task fails the run when a catalog service it did not deploy is on another version', async () => {
    engine.running.set('signature-service', '1.0.0');
    expect(await deployMigrations(withCatalog('1.1.0'))).toBe(0);
    expect(await deployService(withCatalog('1.1.0'), 'records-service')).toBe(1);
    expect(lines.join('\n')).toContain('signature-service');
    expect(engine.running.get('records-service')).toBe('1.0.0');
  });

  it('fails and rolls back everything it changed when a service it did not list cannot reach the release', async () => {
    engine.running.set('signature-service', '1.0.0');
    engine.neverReady.add('signature-service');
    expect(await deployRelease(withCatalog('1.1.0'), ['records-service'])).toBe(1);
    expect(catalog.map((service) => engine.running.get(service))).toEqual(['1.0.0', '1.0.0', '1.0.0', '1.0.0']);
  });
});
