import type { MigrationBuilder } from 'node-pg-migrate';

// Tables owned by caseblock-service: caption layouts per court.

export async function up(pgm: MigrationBuilder): Promise<void> {
  pgm.createTable('caption_templates', {
    id: { type: 'text', primaryKey: true, comment: 'ULID' },
    name: { type: 'text', notNull: true, unique: true },
    court: { type: 'text' },
    jurisdiction: { type: 'text' },
    template: { type: 'text', notNull: true, comment: 'line template' },
    created_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
    updated_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
  });
  pgm.createIndex('caption_templates', ['jurisdiction', 'court']);
}

export async function down(pgm: MigrationBuilder): Promise<void> {
  pgm.dropTable('caption_templates');
}
