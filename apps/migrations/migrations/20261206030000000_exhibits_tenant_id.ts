import type { MigrationBuilder } from 'node-pg-migrate';

// Expand only (ADR 011, ADR 018): evidence gets the firm it belongs to, and exhibit labels become
// unique per firm (each firm's exhibits start at A; ADR 091 holds within a firm).
// Backfill: rows that exist before this migration belong to the tenant 'legacy' (the column
// default fills them in place); the operator reassigns them to their firm with an UPDATE before
// the contract step drops the default. Their labels stay as they are: unique globally, so
// unique within 'legacy' and within whichever firm they are reassigned to as a group.
// Widening the label key from (label) to (tenant_id, label) only relaxes a rule: code that does
// not know the column keeps working (its inserts get the default and globally increasing labels).

export async function up(pgm: MigrationBuilder): Promise<void> {
  pgm.addColumn('evidence', {
    tenant_id: { type: 'text', notNull: true, default: 'legacy', comment: "the firm (token's tenant claim); every query is scoped by it" },
  });
  pgm.createIndex('evidence', ['tenant_id', 'label'], { unique: true, name: 'evidence_tenant_label_key' });
  pgm.dropConstraint('evidence', 'evidence_label_key');
}

export async function down(pgm: MigrationBuilder): Promise<void> {
  // Fails (and changes nothing) once two firms hold the same label: that data needs the column.
  pgm.addConstraint('evidence', 'evidence_label_key', { unique: 'label' });
  pgm.dropIndex('evidence', ['tenant_id', 'label'], { name: 'evidence_tenant_label_key' });
  pgm.dropColumn('evidence', 'tenant_id');
}
