import type { MigrationBuilder } from 'node-pg-migrate';

// Tables owned by facts-service. draft_id points at records-service's drafts: an indexed
// plain column, not a foreign key, because each service owns its own tables.

export async function up(pgm: MigrationBuilder): Promise<void> {
  pgm.createTable('sentences', {
    id: { type: 'text', primaryKey: true, comment: 'ULID' },
    draft_id: { type: 'text', notNull: true, comment: 'records-service drafts.id' },
    position: { type: 'integer', notNull: true, check: 'position >= 0' },
    text: { type: 'text', notNull: true },
    start_offset: { type: 'integer', notNull: true },
    end_offset: { type: 'integer', notNull: true },
    created_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
    updated_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
  });
  pgm.addConstraint('sentences', 'sentences_offsets_check', { check: 'start_offset >= 0 AND end_offset >= start_offset' });
  pgm.addConstraint('sentences', 'sentences_draft_id_position_key', { unique: ['draft_id', 'position'] });

  pgm.createTable('facts', {
    id: { type: 'text', primaryKey: true, comment: 'ULID' },
    draft_id: { type: 'text', notNull: true, comment: 'records-service drafts.id' },
    sentence_id: { type: 'text', references: 'sentences', onDelete: 'SET NULL' },
    text: { type: 'text', notNull: true },
    start_offset: { type: 'integer', notNull: true },
    end_offset: { type: 'integer', notNull: true },
    created_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
    updated_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
  });
  pgm.addConstraint('facts', 'facts_offsets_check', { check: 'start_offset >= 0 AND end_offset >= start_offset' });
  pgm.createIndex('facts', 'draft_id');
  pgm.createIndex('facts', 'sentence_id');
}

export async function down(pgm: MigrationBuilder): Promise<void> {
  pgm.dropTable('facts');
  pgm.dropTable('sentences');
}
