import type { MigrationBuilder } from 'node-pg-migrate';

// Expand only (ADR 011, ADR 018): facts and sentences get the firm they belong to.
// Backfill: rows that exist before this migration belong to the tenant 'legacy' (the column
// default fills them in place); the operator reassigns them to their firm with an UPDATE before
// the contract step drops the default. Code that does not know the column keeps working: its
// inserts get the default.
// Uniqueness stays as it is: (draft_id, position) of sentences is already per firm, because a
// draft id belongs to one firm and records-service confirms it is the caller's before any write.

const tables = ['sentences', 'facts'] as const;

export async function up(pgm: MigrationBuilder): Promise<void> {
  for (const table of tables) {
    pgm.addColumn(table, {
      tenant_id: { type: 'text', notNull: true, default: 'legacy', comment: "the firm (token's tenant claim); every query is scoped by it" },
    });
  }
  pgm.createIndex('sentences', ['tenant_id', 'draft_id']);
  pgm.createIndex('facts', ['tenant_id', 'id']);
  pgm.createIndex('facts', ['tenant_id', 'draft_id']);
}

export async function down(pgm: MigrationBuilder): Promise<void> {
  pgm.dropIndex('facts', ['tenant_id', 'draft_id']);
  pgm.dropIndex('facts', ['tenant_id', 'id']);
  pgm.dropIndex('sentences', ['tenant_id', 'draft_id']);
  for (const table of tables) pgm.dropColumn(table, 'tenant_id');
}
