import { findWorkspaceRoot } from '@factsway/dev-support';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listMigrationFiles, startTestDatabase, TestDatabase } from '@factsway/database';
import { copyOfRealMigrations } from './testing/migration-folder';
import { schemaSnapshot } from './testing/schema-snapshot';

const root = findWorkspaceRoot();

/** Runs the command the Nx targets run (`node -r @swc-node/register apps/migrations/src/cli.ts …`). */
function cli(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/migrations/src/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the migrations command line', () => {
  let db: TestDatabase;
  // A copy, so that migrations other people add meanwhile cannot change what this test sees.
  let folder: ReturnType<typeof copyOfRealMigrations>;
  let names: string[];
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await startTestDatabase();
    folder = copyOfRealMigrations();
    names = listMigrationFiles(folder.dir).map((f) => f.name);
    env = { DATABASE_URL: db.url, MIGRATIONS_DIR: folder.dir };
  });
  afterAll(async () => {
    folder?.remove();
    await db?.stop();
  });

  it('up prints what it applied; status lists it', () => {
    const up = cli(['up'], env);
    expect(up).toMatchObject({ status: 0 });
    for (const name of names) expect(up.stdout).toContain(`applied ${name}`);
    expect(up.stdout).not.toContain('factsway@'); // the password never reaches the output

    const status = cli(['status'], env);
    expect(status.status).toBe(0);
    expect(status.stdout).toContain(`${names.length} applied, 0 pending`);
  });

  it('down reverts the last migration only; up applies it again', () => {
    const down = cli(['down'], env);
    expect(down.status).toBe(0);
    expect(down.stdout).toContain(`reverted ${names[names.length - 1]}`);
    expect(down.stdout).toContain('reverted 1 migration(s)');
    const up = cli(['up'], env);
    expect(up.stdout).toContain(`applied ${names[names.length - 1]}`);
    expect(up.stdout).toContain('applied 1 migration(s)');
  });

  it('exits non-zero naming the failing file and changes nothing', async () => {
    folder.add('29990101000000000_broken.ts', "export const up = (pgm) => pgm.sql('ALTER TABLE cases ADD COLUMN x no_such_type');\n");
    const before = await schemaSnapshot(db.url);
    const run = cli(['up'], env);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('29990101000000000_broken.ts');
    expect(run.stderr).toContain('no_such_type');
    expect(await schemaSnapshot(db.url)).toEqual(before);
  });

  it('create writes a timestamped migration from the template and rejects bad names', () => {
    const created = cli(['create', '--name', 'add_case_notes'], env);
    expect(created.status).toBe(0);
    const file = readdirSync(folder.dir).find((f) => f.endsWith('_add_case_notes.ts'));
    expect(file).toMatch(/^\d{17}_add_case_notes\.ts$/);
    expect(readFileSync(join(folder.dir, file!), 'utf8')).toContain('export async function up(pgm: MigrationBuilder)');

    const bad = cli(['create', '--name', 'Drop Everything;'], env);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('must be lower-case');
  });
});
