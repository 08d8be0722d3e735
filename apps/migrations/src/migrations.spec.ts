import { defaultMigrationsDir } from '@factsway/dev-support';
import { listMigrationFiles, migrationStatus, runMigrations, startTestDatabase, TestDatabase } from '@factsway/database';
import { services } from '@factsway/service-catalog';
import { queryRows, schemaSnapshot } from './testing/schema-snapshot';

describe('the migrations in apps/migrations/migrations', () => {
  let db: TestDatabase;
  const files = listMigrationFiles(defaultMigrationsDir());

  beforeAll(async () => {
    db = await startTestDatabase();
  });
  afterAll(async () => db?.stop());

  it('apply up, revert down to an empty schema, and apply up again to the same schema', async () => {
    const up = await runMigrations(db.url, 'up');
    expect(up.migrations).toEqual(files.map((f) => f.name));
    const afterFirstUp = await schemaSnapshot(db.url);

    const down = await runMigrations(db.url, 'down', { count: files.length });
    expect(down.migrations).toEqual(files.map((f) => f.name).reverse());
    const tables = await queryRows<{ table_name: string }>(
      db.url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(['pgmigrations']);

    await runMigrations(db.url, 'up');
    const afterSecondUp = await schemaSnapshot(db.url);
    expect(afterSecondUp.columns).toEqual(afterFirstUp.columns);
    expect(afterSecondUp.indexes).toEqual(afterFirstUp.indexes);
    expect(afterSecondUp.constraints).toEqual(afterFirstUp.constraints);
  });

  it('create every table of the service catalog with a ULID text id and timestamps', async () => {
    const catalogTables = services.flatMap((s) => s.tables as readonly string[]);
    expect(catalogTables.length).toBeGreaterThan(0);
    const { columns } = await schemaSnapshot(db.url);
    for (const table of catalogTables) {
      const column = (name: string) => columns.find((c) => c.table_name === table && c.column_name === name);
      expect({ table, id: column('id')?.data_type }).toEqual({ table, id: 'text' });
      expect({ table, created: column('created_at')?.data_type, updated: column('updated_at')?.data_type }).toEqual({
        table,
        created: 'timestamp with time zone',
        updated: 'timestamp with time zone',
      });
    }
  });

  it('keep foreign keys inside a service and index cross-service references', async () => {
    const foreignKeys = await queryRows<{ from: string; to: string }>(
      db.url,
      `SELECT conrelid::regclass::text AS "from", confrelid::regclass::text AS "to" FROM pg_constraint WHERE contype = 'f'`,
    );
    const owner = (table: string) => services.find((s) => (s.tables as readonly string[]).includes(table))?.name;
    expect(foreignKeys.length).toBeGreaterThan(0);
    for (const fk of foreignKeys) expect({ ...fk, owner: owner(fk.to) }).toEqual({ ...fk, owner: owner(fk.from) });

    const indexed = await queryRows<{ indexdef: string }>(db.url, `SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'`);
    for (const [table, column] of [['facts', 'draft_id'], ['sentences', 'draft_id'], ['citations', 'draft_id'], ['evidence', 'fact_ids']]) {
      expect(indexed.some((i) => i.indexdef.includes(`public.${table} `) && new RegExp(`\\(${column}[,)]`).test(i.indexdef))).toBe(true);
    }
  });

  it('report every migration as applied in status', async () => {
    const status = await migrationStatus(db.url);
    expect(status.map((s) => s.name)).toEqual(files.map((f) => f.name));
    expect(status.every((s) => s.runOn instanceof Date)).toBe(true);
  });
});
