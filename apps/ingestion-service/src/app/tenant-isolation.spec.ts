import { Document, Packer, Paragraph } from 'docx';
import { Pool } from 'pg';
import { startTestDatabase, type TestDatabase } from '@factsway/database';
import { DOCX_MEDIA_TYPE } from '@factsway/document-model';
import { createService, type RunningService } from '@factsway/shared-utils';
import { authHeader, readJson, rejectedAuthorizations, testServiceEnv } from '@factsway/service-testing';
import { serviceOptions } from './service-options';

const UNKNOWN_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

async function upload(text: string): Promise<FormData> {
  const bytes = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] }));
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: DOCX_MEDIA_TYPE }), 'brief.docx');
  return form;
}

describe('ingestion-service: authentication and tenant isolation on every route', () => {
  let database: TestDatabase;
  let pool: Pool;
  let service: RunningService;
  let firmA: Record<string, string>;
  let firmB: Record<string, string>;
  let jobOfA: string;

  /** Every route of ingestion-service; the upload body is built per request (a FormData is read once). */
  const routes = (jobId: string): [string, string, () => Promise<FormData | undefined>][] => [
    ['POST', '/api/ingest', () => upload('Intruder brief.')],
    ['GET', `/api/ingest/${jobId}`, async () => undefined],
  ];
  const call = async (method: string, path: string, body: FormData | undefined, headers: Record<string, string>) =>
    fetch(`${service.url}${path}`, { method, body, headers });
  const snapshot = async () => JSON.stringify((await pool.query('SELECT * FROM ingestion_jobs ORDER BY id')).rows);

  beforeAll(async () => {
    database = await startTestDatabase({ migrate: true });
    pool = new Pool({ connectionString: database.url, max: 2 });
    service = await createService({ ...serviceOptions, env: await testServiceEnv({ DATABASE_URL: database.url }) }).listen(0);
    firmA = await authHeader('firm-a');
    firmB = await authHeader('firm-b');
    const created = await call('POST', '/api/ingest', await upload('Firm A brief.'), firmA);
    expect(created.status).toBe(201);
    jobOfA = (await readJson(created)).id;
  });

  afterAll(async () => {
    await service?.close();
    await pool?.end();
    await database?.stop();
  });

  it(`covers all ${routes('').length} routes`, () => {
    expect(routes('')).toHaveLength(2);
  });

  it('answers every route without a token, or with an unsigned, expired, foreign-audience or foreign-issuer token, with 401 and stores nothing', async () => {
    const bad = await rejectedAuthorizations();
    const before = await snapshot();
    for (const [what, headers] of Object.entries(bad)) {
      for (const [method, path, body] of routes(jobOfA)) {
        const response = await call(method, path, await body(), headers);
        expect({ what, method, path, status: response.status }).toEqual({ what, method, path, status: 401 });
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it("answers firm B on firm A's job exactly like on a job that does not exist (404), and the job's owner still reads it", async () => {
    const foreign = await call('GET', `/api/ingest/${jobOfA}`, undefined, firmB);
    const missing = await call('GET', `/api/ingest/${UNKNOWN_ID}`, undefined, firmB);
    expect({ status: foreign.status, code: (await readJson(foreign)).error.code }).toEqual({ status: missing.status, code: (await readJson(missing)).error.code });
    expect(foreign.status).toBe(404);
    expect((await readJson(await call('GET', `/api/ingest/${jobOfA}`, undefined, firmA))).summary).toMatchObject({ paragraphs: 1 });
  });

  it("records an upload as the uploader's firm's job, invisible to the other firm", async () => {
    const created = await call('POST', '/api/ingest', await upload('Firm B brief.'), firmB);
    expect(created.status).toBe(201);
    const job = await readJson(created);
    expect((await pool.query('SELECT tenant_id FROM ingestion_jobs WHERE id = $1', [job.id])).rows).toEqual([{ tenant_id: 'firm-b' }]);
    expect((await call('GET', `/api/ingest/${job.id}`, undefined, firmB)).status).toBe(200);
    expect((await call('GET', `/api/ingest/${job.id}`, undefined, firmA)).status).toBe(404);
  });

  it('still validates input behind authentication', async () => {
    expect((await call('GET', '/api/ingest/not-a-ulid', undefined, firmB)).status).toBe(400);
    const notDocx = new FormData();
    notDocx.append('file', new Blob(['plain text'], { type: 'text/plain' }), 'notes.txt');
    expect((await call('POST', '/api/ingest', notDocx, firmB)).status).toBe(415);
  });
});
