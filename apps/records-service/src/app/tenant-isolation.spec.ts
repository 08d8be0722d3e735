import { authHeader, testIssuer } from '@factsway/service-testing';
import { Pool } from 'pg';
import { RecordsHarness, sampleDocument, unknownId } from '../testing/records-harness';

/** Every route of records-service, with a body where it takes one. */
const routes = (ids: { caseId: string; draftId: string; templateId: string }): [string, string, unknown][] => [
  ['GET', '/api/cases', undefined],
  ['POST', '/api/cases', { title: 'Intruder v. Firm A' }],
  ['GET', `/api/cases/${ids.caseId}`, undefined],
  ['PATCH', `/api/cases/${ids.caseId}`, { title: 'changed' }],
  ['DELETE', `/api/cases/${ids.caseId}`, undefined],
  ['GET', '/api/drafts', undefined],
  ['GET', `/api/drafts/case/${ids.caseId}`, undefined],
  ['POST', '/api/drafts', { caseId: ids.caseId, title: 'x' }],
  ['GET', `/api/drafts/${ids.draftId}`, undefined],
  ['PATCH', `/api/drafts/${ids.draftId}`, { version: 1, title: 'changed' }],
  ['DELETE', `/api/drafts/${ids.draftId}`, undefined],
  ['GET', `/api/drafts/${ids.draftId}/versions`, undefined],
  ['GET', `/api/drafts/${ids.draftId}/versions/1`, undefined],
  ['POST', `/api/drafts/${ids.draftId}/restore/1`, {}],
  ['GET', '/api/templates', undefined],
  ['POST', '/api/templates', { name: 'x', content: sampleDocument() }],
  ['GET', `/api/templates/${ids.templateId}`, undefined],
  ['PATCH', `/api/templates/${ids.templateId}`, { name: 'changed' }],
  ['DELETE', `/api/templates/${ids.templateId}`, undefined],
];

describe('records-service: authentication and tenant isolation on every route', () => {
  const api = new RecordsHarness();
  let firmA: { caseId: string; draftId: string; templateId: string };
  let firmB: Record<string, string>;
  let snapshot: () => Promise<string>;

  beforeAll(async () => {
    await api.start();
    const template = await api.request('POST', '/api/templates', { name: 'Firm A motion', content: sampleDocument() });
    const kase = await api.request('POST', '/api/cases', { title: 'Doe v. Roe' });
    const draft = await api.request('POST', '/api/drafts', { caseId: kase.body.id, templateId: template.body.id, title: 'Complaint' });
    firmA = { caseId: kase.body.id, draftId: draft.body.id, templateId: template.body.id };
    firmB = await authHeader('firm-b');
    const pool = new Pool({ connectionString: api.database.url, max: 1 });
    snapshot = async () => {
      const tables = await Promise.all(
        ['templates', 'cases', 'drafts', 'draft_versions'].map(async (t) => (await pool.query(`SELECT * FROM ${t} ORDER BY id`)).rows),
      );
      return JSON.stringify(tables);
    };
    afterAllClose.push(() => pool.end());
  });
  const afterAllClose: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of afterAllClose) await close();
    await api.stop();
  });

  it(`covers all ${routes({ caseId: '', draftId: '', templateId: '' }).length} routes`, () => {
    expect(routes({ caseId: '', draftId: '', templateId: '' })).toHaveLength(19);
  });

  it('answers every route without a token with 401 and changes nothing', async () => {
    const before = await snapshot();
    for (const [method, path, body] of routes(firmA)) {
      const response = await api.request(method, path, body, { authorization: '' });
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
    }
    expect(await snapshot()).toBe(before);
  });

  it('answers every route with an unsigned (alg none) token with 401 and changes nothing', async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const issuer = await testIssuer();
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${part({ alg: 'none' })}.${part({ iss: issuer.issuer, aud: issuer.audience, sub: 'x', tenant: 'firm-a', scope: 'api:read api:write', exp: now + 600 })}.`;
    const before = await snapshot();
    for (const [method, path, body] of routes(firmA)) {
      const response = await api.request(method, path, body, { authorization: `Bearer ${unsigned}` });
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
    }
    expect(await snapshot()).toBe(before);
  });

  it.each([
    ['expired', { tenant: 'firm-a', expiresIn: -3600 }],
    ['for another audience', { tenant: 'firm-a', audience: 'https://elsewhere.example' }],
    ['of another issuer', { tenant: 'firm-a', issuer: 'https://evil.example' }],
  ])('answers every route with a token %s with 401 and changes nothing', async (_what, mint) => {
    const token = await (await testIssuer()).mint(mint);
    const before = await snapshot();
    for (const [method, path, body] of routes(firmA)) {
      const response = await api.request(method, path, body, { authorization: `Bearer ${token}` });
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
    }
    expect(await snapshot()).toBe(before);
  });

  it("answers firm B on every one of firm A's resources with 404, exactly like a missing one, and changes nothing", async () => {
    const before = await snapshot();
    for (const [method, path, body] of routes(firmA).filter(([, path]) => /\/01[0-9A-Z]{24}/.test(path))) {
      const response = await api.request(method, path, body, firmB);
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 404 });
    }
    // A draft of firm B may not name firm A's case or template: the answer of a case that does not exist.
    const missingCase = await api.request('POST', '/api/drafts', { caseId: unknownId, title: 'x' }, firmB);
    const foreignCase = await api.request('POST', '/api/drafts', { caseId: firmA.caseId, title: 'x' }, firmB);
    expect(missingCase.status).toBe(422);
    expect(foreignCase.status).toBe(missingCase.status);
    expect(foreignCase.body.error.code).toBe(missingCase.body.error.code);
    expect(await snapshot()).toBe(before);
  });

  it("lists only the caller's firm's rows", async () => {
    for (const path of ['/api/cases', '/api/drafts', '/api/templates']) {
      expect((await api.request('GET', path, undefined, firmB)).body).toMatchObject({ total: 0, items: [] });
      expect((await api.request('GET', path)).body.total).toBeGreaterThanOrEqual(1);
    }
    const ownCase = await api.request('POST', '/api/cases', { title: 'Firm B matter' }, firmB);
    expect(ownCase.status).toBe(201);
    const listed = await api.request('GET', '/api/cases', undefined, firmB);
    expect(listed.body).toMatchObject({ total: 1, items: [{ id: ownCase.body.id, title: 'Firm B matter' }] });
    expect((await api.request('GET', `/api/cases/${ownCase.body.id}`)).status).toBe(404);
  });

  it("answers a create with a client-chosen id that firm A holds exactly like firm B's own taken id (409), never with firm A's case", async () => {
    // Case ids are unique across firms (primary key), so firm B cannot have firm A's id; the answer
    // must be the one any taken id gets, whatever the fields, even the very fields of firm A's case
    // (a retry of firm A's create would get 200 and the case).
    const ownId = '01JXCM1T0VTC0ME0000000000B';
    expect((await api.request('POST', '/api/cases', { id: ownId, title: 'Firm B v. Someone' }, firmB)).status).toBe(201);
    const ownTaken = await api.request('POST', '/api/cases', { id: ownId, title: 'Another matter' }, firmB);
    const shape = (answer: { status: number; body: { error: { code: string; message: string; details?: unknown } } }, id: string) => ({
      status: answer.status,
      code: answer.body.error.code,
      message: answer.body.error.message.replace(id, '<id>'),
      details: answer.body.error.details,
    });
    expect(shape(ownTaken, ownId)).toMatchObject({ status: 409, code: 'conflict' });

    const before = await snapshot();
    for (const fields of [{ title: 'Doe v. Roe' }, { title: 'Intruder v. Firm A', court: 'Elsewhere' }]) {
      const foreign = await api.request('POST', '/api/cases', { id: firmA.caseId, ...fields }, firmB);
      expect(shape(foreign, firmA.caseId)).toEqual(shape(ownTaken, ownId));
      expect(JSON.stringify(foreign.body)).not.toContain('Doe v. Roe');
      expect(foreign.headers.get('location')).toBeNull();
    }
    expect(await snapshot()).toBe(before);
    expect((await api.request('GET', `/api/cases/${firmA.caseId}`, undefined, firmB)).status).toBe(404);

    // Firm A's own retry of the same create still returns its stored case.
    const retried = await api.request('POST', '/api/cases', { id: firmA.caseId, title: 'Doe v. Roe' });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: firmA.caseId, title: 'Doe v. Roe' });
  });

  it('still validates input behind authentication', async () => {
    expect((await api.request('POST', '/api/cases', { title: '' }, firmB)).status).toBe(400);
    expect((await api.request('GET', '/api/cases/not-a-ulid', undefined, firmB)).status).toBe(400);
  });
});
