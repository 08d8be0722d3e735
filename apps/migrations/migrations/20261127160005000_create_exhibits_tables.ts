import type { MigrationBuilder } from 'node-pg-migrate';

// Tables owned by exhibits-service. fact_ids point at facts-service's facts: plain text
// values (GIN-indexed), not foreign keys, because each service owns its own tables.

export async function up(pgm: MigrationBuilder): Promise<void> {
  pgm.createTable('evidence', {
    id: { type: 'text', primaryKey: true, comment: 'ULID' },
    label: { type: 'text', notNull: true, unique: true, comment: 'exhibit label: A..Z, AA..' },
    description: { type: 'text', notNull: true },
    fact_ids: { type: 'text[]', notNull: true, default: pgm.func(`'{}'::text[]`), comment: 'facts-service facts.id' },
    created_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
    updated_at: { type: 'timestamptz', notNull: true, default: pgm.func('now()') },
  });
  pgm.createIndex('evidence', 'fact_ids', { method: 'gin' });
}

export async function down(pgm: MigrationBuilder): Promise<void> {
  pgm.dropTable('evidence');
}
