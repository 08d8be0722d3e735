import type { MigrationBuilder } from 'node-pg-migrate';

// Tables owned by caselaw-service. citations.draft_id points at records-service's drafts:
// an indexed plain column, not a foreign key, because each service owns its own tables.

export async function up(pgm: MigrationBuilder): Promise<void> {
  pgm.createTable('authorities', {
    id: { type: 'text', primaryKey: true, comment: 'ULID' },
    citation: { type: 'text', notNull: true, unique: true, comment: 'normalised citation' },
    kind: { type: 'text', notNull: true, check: "kind IN ('case', 'statute', 'regulation', 'rule')" },
    name: { type: 'text', notNull: true },
    created_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
    updated_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
  });
  pgm.createIndex('authorities', 'kind');

  pgm.createTable('citations', {
    id: { type: 'text', primaryKey: true, comment: 'ULID' },
    draft_id: { type: 'text', notNull: true, comment: 'records-service drafts.id' },
    authority_id: { type: 'text', notNull: true, references: 'authorities', onDelete: 'CASCADE' },
    text: { type: 'text', notNull: true, comment: 'the citation as written in the draft' },
    start_offset: { type: 'integer', notNull: true },
    end_offset: { type: 'integer', notNull: true },
    created_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
    updated_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
  });
  pgm.addConstraint('citations', 'citations_offsets_check', { check: 'start_offset >= 0 AND end_offset >= start_offset' });
  pgm.createIndex('citations', 'draft_id');
  pgm.createIndex('citations', 'authority_id');
}

export async function down(pgm: MigrationBuilder): Promise<void> {
  pgm.dropTable('citations');
  pgm.dropTable('authorities');
}
