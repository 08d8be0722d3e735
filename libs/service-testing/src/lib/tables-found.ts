import { Client } from 'pg';

/** For each name, the table of that name in the database, or null where there is none. */
export async function tablesFound(databaseUrl: string, names: readonly string[]): Promise<(string | null)[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ table: string | null }>(
      'SELECT to_regclass(name)::text AS table FROM unnest($1::text[]) AS name',
      [names],
    );
    return rows.map((r) => r.table);
  } finally {
    await client.end();
  }
}
