import type { MigrationBuilder } from 'node-pg-migrate';

// Expand only (ADR 011, ADR 018): every ingestion job gets the firm that uploaded the file.
// Backfill: rows that exist before this migration belong to the tenant 'legacy' (the column
// default fills them in place); the operator reassigns them to their firm with an UPDATE before
// the contract step drops the default. Code that does not know the column keeps working: its
// inserts get the default. Jobs are read by id only (the primary key), so no new index.

export async function up(pgm: MigrationBuilder): Promise<void> {
  pgm.addColumn('ingestion_jobs', {
    tenant_id: { type: 'text', notNull: true, default: 'legacy', comment: "the firm (token's tenant claim); every query is scoped by it" },
  });
}

export async function down(pgm: MigrationBuilder): Promise<void> {
  pgm.dropColumn('ingestion_jobs', 'tenant_id');
}
