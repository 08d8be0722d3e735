import type { MigrationBuilder } from 'node-pg-migrate';

// contract: drops the global unique key on authorities.citation, so that two firms can each
// have an authority for the same citation (with it, a citation another firm stored would answer
// 409 with that firm's authority id). The release before authentication writes authorities with
// `ON CONFLICT (citation)`, which needs this key: while its caselaw-service pods still run during
// the roll, their POST /api/authorities and stored citation detection fail (500) until they are
// replaced (seconds, one service). Every release from this one on uses (tenant_id, citation),
// kept unique by authorities_tenant_citation_key (previous migration).

export async function up(pgm: MigrationBuilder): Promise<void> {
  pgm.dropConstraint('authorities', 'authorities_citation_key');
}

export async function down(pgm: MigrationBuilder): Promise<void> {
  // Fails (and changes nothing) once two firms have the same citation: that data needs the column.
  pgm.addConstraint('authorities', 'authorities_citation_key', { unique: 'citation' });
}
