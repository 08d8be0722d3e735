import { Pool } from 'pg';
import { startTestDatabase, type TestDatabase } from '@factsway/database';
import { newId, type RunningService } from '@factsway/shared-utils';
import { closedPortUrl, postJson, startBuiltService, startTestService } from '@factsway/service-testing';
import { registerRoutes as registerCaselawRoutes } from '../app/routes';

export interface CaselawTestPlatform {
  pool: Pool;
  caselaw: RunningService;
  /** caselaw-service whose RECORDS_SERVICE_URL points at a closed port. */
  caselawWithRecordsDown: RunningService;
  /** Creates a case and a draft whose document has these paragraphs (records-service) as the caller of `headers` (default: the test firm); returns the draft and paragraph ids. */
  createDraft(paragraphs: string[], headers?: Record<string, string>): Promise<{ draftId: string; paragraphIds: string[] }>;
  count(table: 'authorities' | 'citations'): Promise<number>;
  stop(): Promise<void>;
}

/**
 * One real PostgreSQL with every migration, the built records-service (caselaw-service's catalog peer)
 * as its own process, and caselaw-service calling it over HTTP.
 */
export async function startCaselawTestPlatform(): Promise<CaselawTestPlatform> {
  const database: TestDatabase = await startTestDatabase({ migrate: true });
  const pool = new Pool({ connectionString: database.url, max: 2 });
  // An idle connection dropped by the server must show up in the output, not crash the test file.
  pool.on('error', (error) => console.warn(`test pool: ${error.message}`));
  const db = { DATABASE_URL: database.url };
  const records = await startBuiltService('records', db);
  const caselaw = await startTestService({ name: 'caselaw', routes: registerCaselawRoutes, env: { ...db, RECORDS_SERVICE_URL: records.url } });
  const caselawWithRecordsDown = await startTestService({ name: 'caselaw', routes: registerCaselawRoutes, env: { ...db, RECORDS_SERVICE_URL: await closedPortUrl() } });

  return {
    pool,
    caselaw,
    caselawWithRecordsDown,
    async createDraft(paragraphs, headers) {
      const kase = await postJson(`${records.url}/api/cases`, { title: 'Acme v. Jones' }, headers);
      const paragraphIds = paragraphs.map(() => newId());
      const content = {
        title: 'Opposition to Motion to Dismiss',
        sections: [{ id: newId(), heading: null, paragraphs: paragraphs.map((text, i) => ({ id: paragraphIds[i], text })) }],
      };
      const draft = await postJson(`${records.url}/api/drafts`, { caseId: kase.id, title: 'Opposition', content }, headers);
      return { draftId: draft.id as string, paragraphIds };
    },
    async count(table) {
      const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      return rows[0].n;
    },
    async stop() {
      await Promise.all([caselaw.close(), caselawWithRecordsDown.close(), records.stop()]);
      await pool.end();
      await database.stop();
    },
  };
}
