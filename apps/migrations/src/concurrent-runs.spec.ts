import { defaultMigrationsDir } from '@factsway/dev-support';
import { listMigrationFiles, runMigrations, startTestDatabase, TestDatabase } from '@factsway/database';
import { queryRows } from './testing/schema-snapshot';

describe('two `up` runs at the same time', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await startTestDatabase();
  });
  afterAll(async () => db?.stop());

  it('apply each migration exactly once between them', async () => {
    const names = listMigrationFiles(defaultMigrationsDir()).map((f) => f.name);
    const [first, second] = await Promise.all([runMigrations(db.url, 'up'), runMigrations(db.url, 'up')]);

    const appliedByEither = [...first.migrations, ...second.migrations];
    expect([...appliedByEither].sort()).toEqual(names);
    const recorded = await queryRows<{ name: string; times: number }>(
      db.url,
      'SELECT name, count(*)::int AS times FROM pgmigrations GROUP BY name ORDER BY name',
    );
    expect(recorded).toEqual(names.map((name) => ({ name, times: 1 })));
  });
});
