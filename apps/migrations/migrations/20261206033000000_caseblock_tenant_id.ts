import type { MigrationBuilder } from 'node-pg-migrate';

// Expand only (ADR 011, ADR 018): caption_templates get the firm they belong to, and template names
// become unique per firm (another firm may call its template the same; a name taken by another
// firm must not answer 409, which would leak it).
// Backfill: rows that exist before this migration belong to the tenant 'legacy' (the column
// default fills them in place); the operator reassigns them to their firm with an UPDATE before
// the contract step drops the default. Their names stay unique: globally unique before, so
// unique within 'legacy'. Widening the name key from (name) to (tenant_id, name) only relaxes a
// rule: code that does not know the column keeps working (its inserts get the default).

export async function up(pgm: MigrationBuilder): Promise<void> {
  pgm.addColumn('caption_templates', {
    tenant_id: { type: 'text', notNull: true, default: 'legacy', comment: "the firm (token's tenant claim); every query is scoped by it" },
  });
  pgm.createIndex('caption_templates', ['tenant_id', 'name'], { unique: true, name: 'caption_templates_tenant_name_key' });
  pgm.dropConstraint('caption_templates', 'caption_templates_name_key');
}

export async function down(pgm: MigrationBuilder): Promise<void> {
  // Fails (and changes nothing) once two firms use the same name: that data needs the column.
  pgm.addConstraint('caption_templates', 'caption_templates_name_key', { unique: 'name' });
  pgm.dropIndex('caption_templates', ['tenant_id', 'name'], { name: 'caption_templates_tenant_name_key' });
  pgm.dropColumn('caption_templates', 'tenant_id');
}
