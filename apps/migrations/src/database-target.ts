import { ensureLocalDatabase } from '@factsway/database';

export interface DatabaseTarget {
  url: string;
  /** Where it is, for humans; never includes the password. */
  description: string;
}

/** `DATABASE_URL` when set; otherwise the local embedded server, started if it is not running. */
export async function resolveDatabaseTarget(env: NodeJS.ProcessEnv = process.env): Promise<DatabaseTarget> {
  const fromEnv = env['DATABASE_URL'];
  if (fromEnv) {
    const url = new URL(fromEnv);
    return { url: fromEnv, description: `DATABASE_URL (${url.hostname}:${url.port || 5432}${url.pathname})` };
  }
  const local = await ensureLocalDatabase();
  const how = local.reused ? 'already running' : 'started';
  return {
    url: local.url,
    description: `local embedded PostgreSQL on 127.0.0.1:${local.port} (${how}; data in .local/postgres, log ${local.logFile})`,
  };
}
