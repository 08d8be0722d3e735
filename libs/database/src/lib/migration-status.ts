import { defaultMigrationsDir } from '@factsway/dev-support';
import { Client } from 'pg';
import { listMigrationFiles } from './migration-files';
import { migrationsTable } from './run-migrations';

export interface MigrationState {
  name: string;
  /** null when the migration's file is gone but the database says it ran. */
  path: string | null;
  /** When it ran; null while pending. */
  runOn: Date | null;
}

/** Every migration on disk or in the database, applied ones first in the order they ran. */
export async function migrationStatus(url: string, dir = defaultMigrationsDir()): Promise<MigrationState[]> {
  const files = listMigrationFiles(dir);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query('SELECT to_regclass($1) AS table', [`public.${migrationsTable}`]);
    const ran: { name: string; run_on: Date }[] = exists.rows[0].table
      ? (await client.query(`SELECT name, run_on FROM ${migrationsTable} ORDER BY run_on, id`)).rows
      : [];
    const applied = ran.map((row) => ({
      name: row.name,
      path: files.find((file) => file.name === row.name)?.path ?? null,
      runOn: row.run_on,
    }));
    const pending = files
      .filter((file) => !ran.some((row) => row.name === file.name))
      .map((file) => ({ name: file.name, path: file.path, runOn: null }));
    return [...applied, ...pending];
  } finally {
    await client.end();
  }
}
