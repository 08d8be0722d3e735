import type { MigrationBuilder } from 'node-pg-migrate';

// Expand only: deleted evidence keeps its row (and so its exhibit label) with deleted_at set,
// so a label is never handed out twice and later labels never shift. Code that does not know
// the column keeps working: it is nullable and nothing else changes.

export async function up(pgm: MigrationBuilder): Promise<void> {
  pgm.addColumn('evidence', {
    deleted_at: { type: 'timestamptz', comment: 'set when the evidence is deleted; its label stays taken' },
  });
}

export async function down(pgm: MigrationBuilder): Promise<void> {
  pgm.dropColumn('evidence', 'deleted_at');
}
