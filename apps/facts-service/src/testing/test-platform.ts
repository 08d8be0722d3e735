import { Pool } from 'pg';
import { startTestDatabase, type TestDatabase } from '@factsway/database';
import type { RunningService } from '@factsway/shared-utils';
import { closedPortUrl, postJson, startBuiltService, startTestService, type ServiceProcess } from '@factsway/service-testing';
import { registerRoutes as registerFactsRoutes } from '../app/routes';

/**
 * One real PostgreSQL with every migration, the built records-service (facts-service's catalog peer)
 * as its own process, and facts-service calling it over HTTP.
 */
export interface FactsTestPlatform {
  database: TestDatabase;
  pool: Pool;
  records: ServiceProcess;
  facts: RunningService;
  /** facts-service whose RECORDS_SERVICE_URL points at a closed port. */
  factsWithRecordsDown: RunningService;
  /** Another facts-service whose RECORDS_SERVICE_URL is `recordsUrl`; the caller closes it. */
  startFactsCalling(recordsUrl: string): Promise<RunningService>;
  /** Another built records-service whose database is unreachable (it answers 5xx); the caller stops it. */
  startRecordsWithoutDatabase(): Promise<ServiceProcess>;
  /** Creates a case and a draft in records-service as the caller of `headers` (default: the test firm); returns the draft id. */
  createDraft(title?: string, headers?: Record<string, string>): Promise<string>;
  count(table: 'facts' | 'sentences'): Promise<number>;
  stop(): Promise<void>;
}

export async function startFactsTestPlatform(): Promise<FactsTestPlatform> {
  const database = await startTestDatabase({ migrate: true });
  const pool = new Pool({ connectionString: database.url, max: 2 });
  // An idle connection dropped by the server must show up in the output, not crash the test file.
  pool.on('error', (error) => console.warn(`test pool: ${error.message}`));
  const records = await startBuiltService('records', { DATABASE_URL: database.url });
  const facts = await startTestService({ name: 'facts', routes: registerFactsRoutes, env: { DATABASE_URL: database.url, RECORDS_SERVICE_URL: records.url } });
  const factsWithRecordsDown = await startTestService({
    name: 'facts',
    routes: registerFactsRoutes,
    env: { DATABASE_URL: database.url, RECORDS_SERVICE_URL: await closedPortUrl() },
  });

  async function createDraft(title = 'Motion to Dismiss', headers?: Record<string, string>): Promise<string> {
    const kase = await postJson(`${records.url}/api/cases`, { title: `Case for ${title}` }, headers);
    const draft = await postJson(`${records.url}/api/drafts`, { caseId: kase.id, title }, headers);
    return draft.id as string;
  }

  return {
    database,
    pool,
    records,
    facts,
    factsWithRecordsDown,
    createDraft,
    startFactsCalling: (recordsUrl) => startTestService({ name: 'facts', routes: registerFactsRoutes, env: { DATABASE_URL: database.url, RECORDS_SERVICE_URL: recordsUrl } }),
    startRecordsWithoutDatabase: async () =>
      startBuiltService('records', { DATABASE_URL: `postgres://postgres:x@${(await closedPortUrl()).slice('http://'.length)}/factsway` }),
    async count(table) {
      const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      return rows[0].n;
    },
    async stop() {
      await Promise.all([facts.close(), factsWithRecordsDown.close(), records.stop()]);
      await pool.end();
      await database.stop();
    },
  };
}
