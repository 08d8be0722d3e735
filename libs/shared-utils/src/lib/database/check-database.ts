import type { Pool } from 'pg';

export const READY_CHECK_TIMEOUT_MS = 1000;

/** Resolves when the database answers `select 1` within `timeoutMs`; rejects otherwise. */
export async function checkDatabase(pool: Pool, timeoutMs = READY_CHECK_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  const query = pool.query('select 1');
  // If the timeout wins, the query may still fail later: keep that from becoming unhandled.
  query.catch(() => undefined);
  try {
    await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
