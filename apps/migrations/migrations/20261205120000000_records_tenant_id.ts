import type { MigrationBuilder } from 'node-pg-migrate';

// Expand only (ADR 011, ADR 018): every records-service table gets the firm it belongs to.
// Backfill: rows that exist before this migration belong to the tenant 'legacy' (the column
// default fills them in place); the operator reassigns them to their firm with an UPDATE before
// the contract step drops the default. Code that does not know the column keeps working: its
// inserts get the default. Indexes lead with tenant_id: every query is scoped by it.

const tables = ['templates', 'cases', 'drafts', 'draft_versions'] as const;

export async function up(pgm: MigrationBuilder): Promise<void> {
  for (const table of tables) {
    pgm.addColumn(table, {
      tenant_id: { type: 'text', notNull: true, default: 'legacy', comment: "the firm (token's tenant claim); every query is scoped by it" },
    });
  }
  pgm.createIndex('templates', ['tenant_id', 'id']);
  pgm.createIndex('cases', ['tenant_id', 'id']);
  pgm.createIndex('drafts', ['tenant_id', 'id']);
  pgm.createIndex('drafts', ['tenant_id', 'case_id']);
}

export async function down(pgm: MigrationBuilder): Promise<void> {
  pgm.dropIndex('drafts', ['tenant_id', 'case_id']);
  pgm.dropIndex('drafts', ['tenant_id', 'id']);
  pgm.dropIndex('cases', ['tenant_id', 'id']);
  pgm.dropIndex('templates', ['tenant_id', 'id']);
  for (const table of tables) pgm.dropColumn(table, 'tenant_id');
}
