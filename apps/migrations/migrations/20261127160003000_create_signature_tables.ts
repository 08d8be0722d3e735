import type { MigrationBuilder } from 'node-pg-migrate';

// Tables owned by signature-service: signature-block templates.

export async function up(pgm: MigrationBuilder): Promise<void> {
  pgm.createTable('signature_templates', {
    id: { type: 'text', primaryKey: true, comment: 'ULID' },
    name: { type: 'text', notNull: true, unique: true },
    jurisdiction: { type: 'text' },
    template: { type: 'text', notNull: true, comment: 'line template' },
    created_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
    updated_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
  });
}

export async function down(pgm: MigrationBuilder): Promise<void> {
  pgm.dropTable('signature_templates');
}
