import { defaultMigrationsDir } from '@factsway/dev-support';
import { listMigrationFiles, runMigrations, startTestDatabase, TestDatabase } from '@factsway/database';
import { services } from '@factsway/service-catalog';
import { queryRows } from './testing/schema-snapshot';

/** Every table a service owns holds firm data: each is scoped by the token's tenant (ADR 018). */
const isolatedTables = services.flatMap((service) => service.tables as readonly string[]).sort();

// ADR 018: the expand migrations that add tenant_id keep the rows that exist before them,
// assigned to the tenant 'legacy', and make uniqueness rules per tenant.
describe('tenant_id migrations over existing rows', () => {
  let db: TestDatabase;
  const files = listMigrationFiles(defaultMigrationsDir()).map((file) => file.name);
  const firstTenantMigration = files.findIndex((name) => name.endsWith('_tenant_id'));

  beforeAll(async () => {
    db = await startTestDatabase();
    await runMigrations(db.url, 'up', { count: firstTenantMigration });
    await queryRows(db.url, `INSERT INTO cases (id, title) VALUES ('01JXLEGACY0000000000000001', 'Legacy v. Matter')`);
    await queryRows(db.url, `INSERT INTO evidence (id, label, description) VALUES
      ('01JXLEGACY0000000000000002', 'A', 'Legacy lease'), ('01JXLEGACY0000000000000003', 'B', 'Legacy letter')`);
    await runMigrations(db.url, 'up');
  });
  afterAll(async () => db?.stop());

  it('adds a NOT NULL tenant_id to every table of the catalog and to no other', async () => {
    const columns = await queryRows<{ table_name: string; is_nullable: string }>(
      db.url,
      `SELECT table_name, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name`,
    );
    expect(columns).toEqual(isolatedTables.map((table_name) => ({ table_name, is_nullable: 'NO' })));
  });

  it("assigns the rows that existed before to the tenant 'legacy', unchanged otherwise", async () => {
    expect(await queryRows(db.url, 'SELECT id, title, tenant_id FROM cases')).toEqual([
      { id: '01JXLEGACY0000000000000001', title: 'Legacy v. Matter', tenant_id: 'legacy' },
    ]);
    expect(await queryRows(db.url, 'SELECT label, tenant_id FROM evidence ORDER BY label')).toEqual([
      { label: 'A', tenant_id: 'legacy' },
      { label: 'B', tenant_id: 'legacy' },
    ]);
  });

  it('makes exhibit labels unique per tenant: another firm may have an A, the same firm not a second one', async () => {
    await queryRows(db.url, `INSERT INTO evidence (id, label, description, tenant_id) VALUES ('01JXFIRMB00000000000000001', 'A', 'Firm B lease', 'firm-b')`);
    await expect(
      queryRows(db.url, `INSERT INTO evidence (id, label, description, tenant_id) VALUES ('01JXFIRMB00000000000000002', 'A', 'Second A', 'firm-b')`),
    ).rejects.toMatchObject({ code: '23505', constraint: 'evidence_tenant_label_key' });
  });
});
