import type { MigrationBuilder } from 'node-pg-migrate';

// Expand only (ADR 011, ADR 018): authorities and citations get the firm they belong to.
// An authority is a firm's entry (its name can be edited, deleting it deletes the firm's draft
// citations of it), so each firm has its own, unique per (tenant_id, citation) (the index here;
// the global key on citation goes in the next migration).
// Backfill: rows that exist before this migration belong to the tenant 'legacy' (the column
// default fills them in place); the operator reassigns them to their firm with an UPDATE before
// the contract step drops the default. Code that does not know the column keeps working: its
// inserts get the default and the global key still holds.

export async function up(pgm: MigrationBuilder): Promise<void> {
  for (const table of ['authorities', 'citations']) {
    pgm.addColumn(table, {
      tenant_id: { type: 'text', notNull: true, default: 'legacy', comment: "the firm (token's tenant claim); every query is scoped by it" },
    });
  }
  pgm.createIndex('authorities', ['tenant_id', 'citation'], { unique: true, name: 'authorities_tenant_citation_key' });
  pgm.createIndex('citations', ['tenant_id', 'draft_id']);
}

export async function down(pgm: MigrationBuilder): Promise<void> {
  pgm.dropIndex('citations', ['tenant_id', 'draft_id']);
  pgm.dropIndex('authorities', ['tenant_id', 'citation'], { name: 'authorities_tenant_citation_key' });
  for (const table of ['citations', 'authorities']) pgm.dropColumn(table, 'tenant_id');
}
