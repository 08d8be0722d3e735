import type { MigrationBuilder } from 'node-pg-migrate';

// Tables owned by ingestion-service: one row per uploaded .docx and its conversion.

export async function up(pgm: MigrationBuilder): Promise<void> {
  pgm.createTable('ingestion_jobs', {
    id: { type: 'text', primaryKey: true, comment: 'ULID' },
    status: {
      type: 'text',
      notNull: true,
      default: 'pending',
      check: "status IN ('pending', 'processing', 'completed', 'failed')",
    },
    file_name: { type: 'text', notNull: true },
    content_type: { type: 'text' },
    size_bytes: { type: 'bigint', check: 'size_bytes >= 0' },
    result: { type: 'jsonb', comment: 'document JSON once completed' },
    error: { type: 'text', comment: 'why it failed' },
    completed_at: { type: 'timestamptz' },
    created_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
    updated_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
  });
  pgm.createIndex('ingestion_jobs', 'status');
  pgm.createIndex('ingestion_jobs', 'created_at');
}

export async function down(pgm: MigrationBuilder): Promise<void> {
  pgm.dropTable('ingestion_jobs');
}
