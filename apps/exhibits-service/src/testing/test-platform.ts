import { Pool } from 'pg';
import { startTestDatabase, type TestDatabase } from '@factsway/database';
import type { RunningService } from '@factsway/shared-utils';
import { closedPortUrl, postJson, startBuiltService, startTestService } from '@factsway/service-testing';
import { registerRoutes as registerExhibitsRoutes } from '../app/routes';

export interface ExhibitsTestPlatform {
  database: TestDatabase;
  pool: Pool;
  exhibits: RunningService;
  /** exhibits-service whose FACTS_SERVICE_URL points at a closed port. */
  exhibitsWithFactsDown: RunningService;
  /** Creates a case, a draft (records-service) and a fact on it (facts-service) as the caller of `headers` (default: the test firm); returns the fact id. */
  createFact(text?: string, headers?: Record<string, string>): Promise<string>;
  countEvidence(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * One real PostgreSQL with every migration, the built records- and facts-service as their own processes
 * (exhibits -> facts -> records), and exhibits-service calling them over HTTP.
 */
export async function startExhibitsTestPlatform(): Promise<ExhibitsTestPlatform> {
  const database = await startTestDatabase({ migrate: true });
  const pool = new Pool({ connectionString: database.url, max: 2 });
  // An idle connection dropped by the server must show up in the output, not crash the test file.
  pool.on('error', (error) => console.warn(`test pool: ${error.message}`));
  const db = { DATABASE_URL: database.url };
  const records = await startBuiltService('records', db);
  const facts = await startBuiltService('facts', { ...db, RECORDS_SERVICE_URL: records.url });
  const exhibits = await startTestService({ name: 'exhibits', routes: registerExhibitsRoutes, env: { ...db, FACTS_SERVICE_URL: facts.url } });
  const exhibitsWithFactsDown = await startTestService({ name: 'exhibits', routes: registerExhibitsRoutes, env: { ...db, FACTS_SERVICE_URL: await closedPortUrl() } });

  return {
    database,
    pool,
    exhibits,
    exhibitsWithFactsDown,
    async createFact(text = 'The lease was signed on March 5, 2024.', headers?: Record<string, string>) {
      const kase = await postJson(`${records.url}/api/cases`, { title: 'Acme v. Jones' }, headers);
      const draft = await postJson(`${records.url}/api/drafts`, { caseId: kase.id, title: 'Complaint' }, headers);
      const fact = await postJson(`${facts.url}/api/facts`, { draftId: draft.id, text, startOffset: 0, endOffset: text.length }, headers);
      return fact.id as string;
    },
    async countEvidence() {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM evidence');
      return rows[0].n;
    },
    async stop() {
      await Promise.all([exhibits.close(), exhibitsWithFactsDown.close(), facts.stop(), records.stop()]);
      await pool.end();
      await database.stop();
    },
  };
}
