import { authHeader, readJson, rejectedAuthorizations, sendJson } from '@factsway/service-testing';
import { type ExhibitsTestPlatform, startExhibitsTestPlatform } from '../testing/test-platform';

/** Every route of exhibits-service, with a body where it takes one. */
const routes = (ids: { evidenceId: string; label: string; factId: string }): [string, string, unknown][] => [
  ['POST', '/api/evidence', { description: 'Intruder exhibit' }],
  ['GET', '/api/evidence', undefined],
  ['GET', `/api/evidence/${ids.evidenceId}`, undefined],
  ['PATCH', `/api/evidence/${ids.evidenceId}`, { description: 'changed' }],
  ['DELETE', `/api/evidence/${ids.evidenceId}`, undefined],
  ['POST', `/api/evidence/${ids.evidenceId}/facts`, { factId: ids.factId }],
  ['DELETE', `/api/evidence/${ids.evidenceId}/facts/${ids.factId}`, undefined],
  ['GET', '/api/exhibits', undefined],
  ['GET', `/api/exhibits/${ids.label}`, undefined],
];

describe('exhibits-service: authentication and tenant isolation on every route', () => {
  let platform: ExhibitsTestPlatform;
  let firmA: { evidenceId: string; label: string; factId: string };
  let firmB: Record<string, string>;
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    sendJson(`${platform.exhibits.url}${path}`, method, body, headers);
  const snapshot = async () => JSON.stringify((await platform.pool.query('SELECT * FROM evidence ORDER BY id')).rows);
  const labelsOf = async (headers?: Record<string, string>) =>
    (await readJson(await call('GET', '/api/exhibits?limit=100', undefined, headers))).items.map((exhibit: { label: string }) => exhibit.label);

  beforeAll(async () => {
    platform = await startExhibitsTestPlatform();
    firmB = await authHeader('firm-b');
    const factId = await platform.createFact();
    const evidence = await readJson(await call('POST', '/api/evidence', { description: 'Firm A lease' }));
    expect((await call('POST', `/api/evidence/${evidence.id}/facts`, { factId })).status).toBe(201);
    firmA = { evidenceId: evidence.id, label: evidence.label, factId };
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it(`covers all ${routes({ evidenceId: '', label: '', factId: '' }).length} routes`, () => {
    expect(routes({ evidenceId: '', label: '', factId: '' })).toHaveLength(9);
  });

  it('answers every route without a token, or with an unsigned, expired, foreign-audience or foreign-issuer token, with 401 and changes nothing', async () => {
    const bad = await rejectedAuthorizations();
    const before = await snapshot();
    for (const [what, headers] of Object.entries(bad)) {
      for (const [method, path, body] of routes(firmA)) {
        const response = await call(method, path, body, headers);
        expect({ what, method, path, status: response.status }).toEqual({ what, method, path, status: 401 });
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it("answers firm B on every one of firm A's resources with 404, exactly like a missing one, and changes nothing", async () => {
    const before = await snapshot();
    for (const [method, path, body] of routes(firmA).filter(([, path]) => path.includes(firmA.evidenceId) || path.endsWith(`/${firmA.label}`))) {
      const response = await call(method, path, body, firmB);
      expect({ method, path, status: response.status, code: (await readJson(response)).error?.code }).toEqual({ method, path, status: 404, code: 'not_found' });
    }
    expect(await snapshot()).toBe(before);
    expect(await labelsOf(firmB)).toEqual([]);
    expect((await readJson(await call('GET', `/api/evidence?factId=${firmA.factId}`, undefined, firmB))).items).toEqual([]);
  });

  it("restarts labels at A for each firm: firm B's exhibit A is not firm A's", async () => {
    const created = await Promise.all(['Contract', 'Invoice', 'Photograph'].map((description) => call('POST', '/api/evidence', { description }, firmB)));
    expect(created.map((response) => response.status)).toEqual([201, 201, 201]);
    expect((await Promise.all(created.map(readJson))).map((evidence: { label: string }) => evidence.label).sort()).toEqual(['A', 'B', 'C']);

    const ownA = await readJson(await call('GET', '/api/exhibits/A'));
    const theirA = await readJson(await call('GET', '/api/exhibits/A', undefined, firmB));
    expect(ownA.evidence).toMatchObject({ id: firmA.evidenceId, description: 'Firm A lease' });
    expect(theirA.evidence.id).not.toBe(firmA.evidenceId);
    expect(await labelsOf()).toEqual(['A']);
    expect(await labelsOf(firmB)).toEqual(['A', 'B', 'C']);
    expect((await readJson(await call('GET', '/api/evidence', undefined, firmB))).total).toBe(3);
  });

  it("gives each firm's parallel creates distinct consecutive labels while the other firm creates too", async () => {
    const send = (headers: Record<string, string> | undefined, n: number) =>
      Array.from({ length: n }, (_, i) => call('POST', '/api/evidence', { description: `Item ${i}` }, headers));
    const responses = await Promise.all([...send(undefined, 8), ...send(firmB, 8)]);
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 201));
    expect(await labelsOf()).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']);
    expect(await labelsOf(firmB)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K']);
  });

  it("refuses to link firm A's fact to firm B's evidence exactly like a fact that does not exist (facts-service checks it as firm B)", async () => {
    const own = await readJson(await call('POST', '/api/evidence', { description: 'Firm B statement' }, firmB));
    const link = async (factId: string) => {
      const response = await call('POST', `/api/evidence/${own.id}/facts`, { factId }, firmB);
      return { status: response.status, code: (await readJson(response)).error?.code };
    };
    expect(await link(firmA.factId)).toEqual(await link('01ARZ3NDEKTSV4RRFFQ69G5FAV'));
    expect(await link(firmA.factId)).toEqual({ status: 422, code: 'fact_not_found' });
    expect((await readJson(await call('GET', `/api/evidence/${own.id}`, undefined, firmB))).factIds).toEqual([]);
    const ownFact = await platform.createFact('Firm B fact.', firmB);
    expect((await link(ownFact)).status).toBe(201);
  });

  it('still validates input behind authentication', async () => {
    expect((await call('POST', '/api/evidence', { description: '' }, firmB)).status).toBe(400);
    expect((await call('GET', '/api/evidence/not-a-ulid', undefined, firmB)).status).toBe(400);
    expect((await call('GET', '/api/exhibits/a1', undefined, firmB)).status).toBe(400);
  });
});
