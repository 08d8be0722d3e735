import { Client } from 'pg';

export interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: string;
  column_default: string | null;
}

export interface SchemaSnapshot {
  columns: ColumnRow[];
  indexes: unknown[];
  constraints: unknown[];
  migrations: unknown[];
}

/** Everything about the public schema a migration could change, as comparable rows. */
export async function schemaSnapshot(url: string): Promise<SchemaSnapshot> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const rows = async <T = unknown>(sql: string): Promise<T[]> => (await client.query(sql)).rows;
    return {
      columns: await rows<ColumnRow>(`SELECT table_name, column_name, data_type, is_nullable, column_default
        FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name`),
      indexes: await rows(`SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = 'public' ORDER BY tablename, indexname`),
      constraints: await rows(`SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS def
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`),
      migrations: await rows(`SELECT name FROM pgmigrations ORDER BY id`).catch(() => []),
    };
  } finally {
    await client.end();
  }
}

export async function queryRows<T = Record<string, unknown>>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}
