import { Pool } from 'pg';
import { startTestDatabase, type TestDatabase } from '@factsway/database';
import { createService, type RunningService } from '@factsway/shared-utils';
import { authHeader, postJson, readJson, rejectedAuthorizations, sendJson, startBuiltService, testServiceEnv, type ServiceProcess } from '@factsway/service-testing';
import { registerRoutes } from './routes';

const UNKNOWN_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const BASE = '/api/caseblock/templates';
const template = { name: 'Texas district court', jurisdiction: 'TX', courtLines: ['IN THE {court} OF', '{county}'] };
const caseData = {
  court: 'United States District Court',
  plaintiffs: ['Jane Roe'],
  defendants: ['Acme Widgets, Inc.'],
  caseNumber: '3:24-cv-01234',
  documentTitle: 'Motion to Compel',
};

/** Every route of caseblock-service, with a body where it takes one. */
const routes = (ids: { templateId: string; caseId: string }): [string, string, unknown][] => [
  ['POST', BASE, { ...template, name: 'Intruder template' }],
  ['GET', BASE, undefined],
  ['GET', `${BASE}/${ids.templateId}`, undefined],
  ['PUT', `${BASE}/${ids.templateId}`, { ...template, name: 'Taken over' }],
  ['DELETE', `${BASE}/${ids.templateId}`, undefined],
  ['POST', '/api/caseblock/format', { templateId: ids.templateId, caseId: ids.caseId, documentTitle: 'Motion' }],
  ['POST', '/api/caseblock/extract', { text: 'JANE ROE, Plaintiff, v. ACME, Defendant. Case No. 1:24-cv-1' }],
];

describe('caseblock-service: authentication and tenant isolation on every route', () => {
  let database: TestDatabase;
  let pool: Pool;
  let records: ServiceProcess;
  let service: RunningService;
  let firmA: { templateId: string; caseId: string };
  let firmB: Record<string, string>;
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => sendJson(`${service.url}${path}`, method, body, headers);
  const snapshot = async () => JSON.stringify((await pool.query('SELECT * FROM caption_templates ORDER BY id')).rows);
  const outcome = async (response: Response) => ({ status: response.status, code: (await readJson(response)).error?.code });

  beforeAll(async () => {
    database = await startTestDatabase({ migrate: true });
    pool = new Pool({ connectionString: database.url, max: 2 });
    records = await startBuiltService('records', { DATABASE_URL: database.url });
    service = await createService({ name: 'caseblock', routes: registerRoutes, env: await testServiceEnv({ DATABASE_URL: database.url, RECORDS_SERVICE_URL: records.url }) }).listen(0);
    firmB = await authHeader('firm-b');
    const created = await postJson(`${service.url}${BASE}`, template);
    const kase = await postJson(`${records.url}/api/cases`, { title: 'Roe v. Acme', court: 'Superior Court', caseNumber: '1:24-cv-7', parties: [{ name: 'Jane Roe', role: 'plaintiff' }, { name: 'Acme', role: 'defendant' }] });
    firmA = { templateId: created.id as string, caseId: kase.id as string };
  });

  afterAll(async () => {
    await service?.close();
    await records?.stop();
    await pool?.end();
    await database?.stop();
  });

  it(`covers all ${routes({ templateId: '', caseId: '' }).length} routes`, () => {
    expect(routes({ templateId: '', caseId: '' })).toHaveLength(7);
  });

  it('answers every route without a token, or with an unsigned, expired, foreign-audience or foreign-issuer token, with 401 and changes nothing', async () => {
    const before = await snapshot();
    for (const [what, headers] of Object.entries(await rejectedAuthorizations())) {
      for (const [method, path, body] of routes(firmA)) {
        const response = await call(method, path, body, headers);
        expect({ what, method, path, status: response.status }).toEqual({ what, method, path, status: 401 });
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it("answers firm B on firm A's template or case exactly like on one that does not exist (404), and changes nothing", async () => {
    const before = await snapshot();
    for (const [method, path, body] of routes(firmA).filter(([, path]) => path.includes(firmA.templateId))) {
      const foreign = await outcome(await call(method, path, body, firmB));
      const missing = await outcome(await call(method, path.replace(firmA.templateId, UNKNOWN_ID), body, firmB));
      expect({ method, path, ...foreign }).toEqual({ method, path, ...missing });
      expect(foreign).toEqual({ status: 404, code: 'not_found' });
    }
    const format = (extra: Record<string, string>) => call('POST', '/api/caseblock/format', { ...caseData, ...extra }, firmB);
    expect(await outcome(await format({ templateId: firmA.templateId }))).toEqual(await outcome(await format({ templateId: UNKNOWN_ID })));
    expect(await outcome(await format({ caseId: firmA.caseId }))).toEqual(await outcome(await format({ caseId: UNKNOWN_ID })));
    expect(await outcome(await format({ caseId: firmA.caseId }))).toEqual({ status: 404, code: 'not_found' });
    expect(await snapshot()).toBe(before);
  });

  it("lets each firm name its templates freely and lists only the caller's", async () => {
    expect(await readJson(await call('GET', BASE, undefined, firmB))).toMatchObject({ total: 0, items: [] });
    const same = await call('POST', BASE, template, firmB);
    expect(same.status).toBe(201);
    expect((await call('POST', BASE, template, firmB)).status).toBe(409);
    const theirs = await readJson(same);
    expect((await readJson(await call('GET', `${BASE}?jurisdiction=TX`, undefined, firmB))).items.map((t: { id: string }) => t.id)).toEqual([theirs.id]);
    expect((await readJson(await call('GET', BASE))).items.map((t: { id: string }) => t.id)).toEqual([firmA.templateId]);
    const formatted = await call('POST', '/api/caseblock/format', { ...caseData, templateId: theirs.id }, firmB);
    expect(formatted.status).toBe(200);
    expect((await readJson(formatted)).templateId).toBe(theirs.id);
  });

  it('still validates input behind authentication', async () => {
    expect((await call('POST', BASE, { ...template, name: '' }, firmB)).status).toBe(400);
    expect((await call('GET', `${BASE}/not-a-ulid`, undefined, firmB)).status).toBe(400);
    expect((await call('POST', '/api/caseblock/extract', { text: ' ' }, firmB)).status).toBe(400);
  });
});
