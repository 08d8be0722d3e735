import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MigrationError, runMigrations, startTestDatabase, TestDatabase } from '@factsway/database';
import { copyOfRealMigrations } from './testing/migration-folder';
import { queryRows, schemaSnapshot } from './testing/schema-snapshot';

describe('a migration that fails', () => {
  let db: TestDatabase;
  let folder: ReturnType<typeof copyOfRealMigrations>;

  beforeAll(async () => {
    db = await startTestDatabase();
    folder = copyOfRealMigrations();
    await runMigrations(db.url, 'up', { dir: folder.dir });
  });
  // Each test adds one broken file; take it away again so the next sees only its own.
  afterEach(() => {
    for (const file of readdirSync(folder.dir).filter((f) => f.startsWith('2999'))) rmSync(join(folder.dir, file));
  });
  afterAll(async () => {
    folder?.remove();
    await db?.stop();
  });

  it('on a SQL error half way, leaves the schema exactly as it was and names its file', async () => {
    const before = await schemaSnapshot(db.url);
    // Creates a table and alters a real one, then fails: all of it must roll back.
    const file = folder.add(
      '29990101000000000_broken_sql.ts',
      `export async function up(pgm) {
        pgm.createTable('half_done', { id: { type: 'text', primaryKey: true } });
        pgm.addColumn('cases', { half_done_note: { type: 'text' } });
        pgm.sql('SELECT * FROM no_such_table');
      }
      export async function down() {}
      `,
    );
    const failure = await runMigrations(db.url, 'up', { dir: folder.dir }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).file).toBe(file);
    expect((failure as MigrationError).message).toContain('29990101000000000_broken_sql.ts');
    expect((failure as MigrationError).message).toContain('no_such_table');
    expect(await schemaSnapshot(db.url)).toEqual(before);
  });

  it('when its code throws, changes nothing and names its file', async () => {
    const before = await schemaSnapshot(db.url);
    const file = folder.add(
      '29990101000000001_throws.ts',
      `export async function up(pgm) {
        pgm.createTable('never_created', { id: 'text' });
        throw new Error('refusing on purpose');
      }
      `,
    );
    const failure = await runMigrations(db.url, 'up', { dir: folder.dir }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ file, message: expect.stringContaining('refusing on purpose') });
    expect(await schemaSnapshot(db.url)).toEqual(before);
  });

  it('that cannot even be loaded is named too', async () => {
    const file = folder.add('29990101000000002_syntax_error.ts', 'export async function up(pgm) { pgm.sql( }\n');
    const failure = await runMigrations(db.url, 'up', { dir: folder.dir }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ file });
    const recorded = await queryRows(db.url, `SELECT name FROM pgmigrations WHERE name LIKE '2999%'`);
    expect(recorded).toEqual([]);
  });
});
