import type { Pool } from 'pg';

/** The service owns tables, so shared-utils always gives it a pool; fail at start if not. */
export function requireDatabase(db: Pool | undefined): Pool {
  if (!db) throw new Error('this service owns tables: DATABASE_URL must be set');
  return db;
}
