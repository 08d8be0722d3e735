import type { MigrationBuilder } from 'node-pg-migrate';

// Tables owned by records-service: templates, cases, drafts and their version history.

export async function up(pgm: MigrationBuilder): Promise<void> {
  pgm.createTable('templates', {
    id: { type: 'text', primaryKey: true, comment: 'ULID' },
    name: { type: 'text', notNull: true },
    description: { type: 'text', notNull: true, default: '' },
    content: { type: 'jsonb', notNull: true, default: pgm.func(`'{}'::jsonb`), comment: 'document JSON' },
    created_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
    updated_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
  });
  pgm.createIndex('templates', 'name');

  pgm.createTable('cases', {
    id: { type: 'text', primaryKey: true, comment: 'ULID' },
    title: { type: 'text', notNull: true },
    case_number: { type: 'text' },
    court: { type: 'text' },
    jurisdiction: { type: 'text' },
    parties: { type: 'jsonb', notNull: true, default: pgm.func(`'[]'::jsonb`), comment: '[{name, role}]' },
    status: { type: 'text', notNull: true, default: 'open', check: "status IN ('open', 'closed', 'archived')" },
    created_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
    updated_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
  });
  pgm.createIndex('cases', 'case_number');

  pgm.createTable('drafts', {
    id: { type: 'text', primaryKey: true, comment: 'ULID' },
    // A case with drafts cannot be deleted by accident: the API answers 409.
    case_id: { type: 'text', notNull: true, references: 'cases', onDelete: 'RESTRICT' },
    template_id: { type: 'text', references: 'templates', onDelete: 'SET NULL' },
    title: { type: 'text', notNull: true },
    content: { type: 'jsonb', notNull: true, default: pgm.func(`'{}'::jsonb`), comment: 'document JSON' },
    version: {
      type: 'integer',
      notNull: true,
      default: 1,
      check: 'version >= 1',
      comment: 'optimistic concurrency: an update names the version it read',
    },
    created_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
    updated_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
  });
  pgm.createIndex('drafts', 'case_id');
  pgm.createIndex('drafts', 'template_id');

  pgm.createTable('draft_versions', {
    id: { type: 'text', primaryKey: true, comment: 'ULID' },
    draft_id: { type: 'text', notNull: true, references: 'drafts', onDelete: 'CASCADE' },
    version: { type: 'integer', notNull: true },
    title: { type: 'text', notNull: true },
    content: { type: 'jsonb', notNull: true },
    created_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
    updated_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
  });
  pgm.addConstraint('draft_versions', 'draft_versions_draft_id_version_key', { unique: ['draft_id', 'version'] });
}

export async function down(pgm: MigrationBuilder): Promise<void> {
  pgm.dropTable('draft_versions');
  pgm.dropTable('drafts');
  pgm.dropTable('cases');
  pgm.dropTable('templates');
}
