import { authHeader, readJson, rejectedAuthorizations, sendJson } from '@factsway/service-testing';
import { type CaselawTestPlatform, startCaselawTestPlatform } from '../testing/test-platform';

const UNKNOWN_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const ROE = 'Roe v. Wade, 410 U.S. 113 (1973)';
const PARAGRAPH = `As held in ${ROE}, the right is protected.`;

/** Every route of caselaw-service, with a body where it takes one. */
const routes = (ids: { authorityId: string; draftId: string }): [string, string, unknown][] => [
  ['POST', '/api/authorities', { citation: 'Brown v. Bd. of Educ., 347 U.S. 483 (1954)' }],
  ['GET', '/api/authorities', undefined],
  ['GET', `/api/authorities/${ids.authorityId}`, undefined],
  ['PATCH', `/api/authorities/${ids.authorityId}`, { name: 'Renamed' }],
  ['DELETE', `/api/authorities/${ids.authorityId}`, undefined],
  ['POST', '/api/citations/detect', { text: PARAGRAPH, draftId: ids.draftId }],
  ['POST', '/api/citations/format', { kind: 'case', caseName: 'Roe v. Wade', volume: 410, reporter: 'U.S.', page: 113, year: 1973 }],
  ['GET', `/api/citations?draftId=${ids.draftId}`, undefined],
  ['POST', '/api/toa/generate', { draftId: ids.draftId }],
];

describe('caselaw-service: authentication and tenant isolation on every route', () => {
  let platform: CaselawTestPlatform;
  let firmA: { authorityId: string; draftId: string };
  let firmB: Record<string, string>;
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => sendJson(`${platform.caselaw.url}${path}`, method, body, headers);
  const snapshot = async () =>
    JSON.stringify([
      (await platform.pool.query('SELECT * FROM authorities ORDER BY id')).rows,
      (await platform.pool.query('SELECT * FROM citations ORDER BY id')).rows,
    ]);
  const outcome = async (response: Response) => {
    const body = await readJson(response);
    return { status: response.status, code: body.error?.code, total: body.total };
  };

  beforeAll(async () => {
    platform = await startCaselawTestPlatform();
    firmB = await authHeader('firm-b');
    const { draftId } = await platform.createDraft([PARAGRAPH]);
    const detected = await readJson(await call('POST', '/api/citations/detect', { text: PARAGRAPH, draftId }));
    firmA = { authorityId: detected.storedCitations[0].authorityId, draftId };
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it(`covers all ${routes({ authorityId: '', draftId: '' }).length} routes`, () => {
    expect(routes({ authorityId: '', draftId: '' })).toHaveLength(9);
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

  it("answers firm B on firm A's authority or draft exactly like on one that does not exist, and changes nothing", async () => {
    const before = await snapshot();
    const other = (text: string) => text.replaceAll(firmA.authorityId, UNKNOWN_ID).replaceAll(firmA.draftId, UNKNOWN_ID);
    const answers: Record<string, unknown> = {};
    for (const [method, path, body] of routes(firmA).filter(([, path, body]) => other(`${path}${JSON.stringify(body ?? '')}`) !== `${path}${JSON.stringify(body ?? '')}`)) {
      const foreign = await outcome(await call(method, path, body, firmB));
      const missing = await outcome(await call(method, other(path), body === undefined ? undefined : JSON.parse(other(JSON.stringify(body))), firmB));
      expect({ method, path, ...foreign }).toEqual({ method, path, ...missing });
      answers[`${method} ${path.replace(firmA.authorityId, ':id').replace(firmA.draftId, ':draftId')}`] = foreign;
    }
    expect(answers).toEqual({
      'GET /api/authorities/:id': { status: 404, code: 'not_found' },
      'PATCH /api/authorities/:id': { status: 404, code: 'not_found' },
      'DELETE /api/authorities/:id': { status: 404, code: 'not_found' },
      'POST /api/citations/detect': { status: 422, code: 'draft_not_found' },
      'GET /api/citations?draftId=:draftId': { status: 200, total: 0 },
      'POST /api/toa/generate': { status: 422, code: 'draft_not_found' },
    });
    expect(await snapshot()).toBe(before);
  });

  it("gives each firm its own authorities: the same citation is firm B's own (201, not a 409 naming firm A's), and deleting it leaves firm A's citations", async () => {
    expect(await readJson(await call('GET', '/api/authorities', undefined, firmB))).toMatchObject({ total: 0, items: [] });
    const own = await call('POST', '/api/authorities', { citation: ROE }, firmB);
    expect(own.status).toBe(201);
    const ownId = (await readJson(own)).id;
    expect(ownId).not.toBe(firmA.authorityId);
    expect((await call('POST', '/api/authorities', { citation: ROE }, firmB)).status).toBe(409);

    const { draftId } = await platform.createDraft([PARAGRAPH], firmB);
    const detected = await readJson(await call('POST', '/api/citations/detect', { text: PARAGRAPH, draftId }, firmB));
    expect(detected.storedCitations.map((c: { authorityId: string }) => c.authorityId)).toEqual([ownId]);

    const citationsOfA = async () => (await readJson(await call('GET', `/api/citations?draftId=${firmA.draftId}`))).total;
    expect(await citationsOfA()).toBe(1);
    expect((await call('DELETE', `/api/authorities/${ownId}`, undefined, firmB)).status).toBe(204);
    expect(await citationsOfA()).toBe(1);
    expect((await readJson(await call('GET', `/api/authorities/${firmA.authorityId}`))).citation).toBe('Roe v. Wade, 410 U.S. 113 (1973)');
    expect((await readJson(await call('GET', '/api/authorities'))).total).toBe(1);
  });

  it('still validates input behind authentication', async () => {
    expect((await call('POST', '/api/authorities', {}, firmB)).status).toBe(400);
    expect((await call('GET', '/api/authorities/not-a-ulid', undefined, firmB)).status).toBe(400);
    expect((await call('GET', '/api/citations', undefined, firmB)).status).toBe(400);
  });
});
