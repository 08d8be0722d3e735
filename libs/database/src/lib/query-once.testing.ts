import { Client } from 'pg';

/** Runs one statement on a fresh connection and closes it: for tests that only look. */
export async function queryOnce(url: string, sql: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
