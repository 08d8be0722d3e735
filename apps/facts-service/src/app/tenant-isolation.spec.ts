import { authHeader, readJson, rejectedAuthorizations, sendJson } from '@factsway/service-testing';
import { type FactsTestPlatform, startFactsTestPlatform } from '../testing/test-platform';

const UNKNOWN_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

/** Every route of facts-service, with a body where it takes one. */
const routes = (ids: { draftId: string; factId: string }): [string, string, unknown][] => [
  ['POST', '/api/facts/detect-sentences', { text: 'One sentence. Another one.', draftId: ids.draftId }],
  ['GET', `/api/facts/sentences?draftId=${ids.draftId}`, undefined],
  ['POST', '/api/facts', { draftId: ids.draftId, text: 'Intruder fact', startOffset: 0, endOffset: 13 }],
  ['GET', '/api/facts', undefined],
  ['GET', `/api/facts/${ids.factId}`, undefined],
  ['PATCH', `/api/facts/${ids.factId}`, { text: 'changed' }],
  ['DELETE', `/api/facts/${ids.factId}`, undefined],
];

describe('facts-service: authentication and tenant isolation on every route', () => {
  let platform: FactsTestPlatform;
  let firmA: { draftId: string; factId: string; sentenceId: string };
  let firmB: Record<string, string>;
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    sendJson(`${platform.facts.url}${path}`, method, body, headers);
  const snapshot = async () =>
    JSON.stringify([
      (await platform.pool.query('SELECT * FROM facts ORDER BY id')).rows,
      (await platform.pool.query('SELECT * FROM sentences ORDER BY id')).rows,
    ]);
  /** Status and error code: what a caller can tell apart. */
  const outcome = async (response: Response) => ({ status: response.status, code: (await readJson(response)).error?.code });

  beforeAll(async () => {
    platform = await startFactsTestPlatform();
    firmB = await authHeader('firm-b');
    const draftId = await platform.createDraft('Complaint');
    const detected = await readJson(await call('POST', '/api/facts/detect-sentences', { text: 'The lease was signed. Rent was late.', draftId }));
    const sentence = detected.sentences[0];
    const fact = await readJson(
      await call('POST', '/api/facts', { draftId, sentenceId: sentence.id, text: sentence.text, startOffset: sentence.start, endOffset: sentence.end }),
    );
    firmA = { draftId, factId: fact.id, sentenceId: sentence.id };
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it(`covers all ${routes({ draftId: '', factId: '' }).length} routes`, () => {
    expect(routes({ draftId: '', factId: '' })).toHaveLength(7);
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

  it("answers firm B on firm A's facts with 404, and on firm A's draft or sentence exactly like on one that does not exist; nothing changes", async () => {
    const before = await snapshot();
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const body = method === 'PATCH' ? { text: 'changed' } : undefined;
      expect({ method, ...(await outcome(await call(method, `/api/facts/${firmA.factId}`, body, firmB))) }).toEqual({ method, status: 404, code: 'not_found' });
    }
    const asFor = async (draftId: string) => ({
      detect: await outcome(await call('POST', '/api/facts/detect-sentences', { text: 'One. Two.', draftId }, firmB)),
      create: await outcome(await call('POST', '/api/facts', { draftId, text: 'x', startOffset: 0, endOffset: 1 }, firmB)),
      sentences: await readJson(await call('GET', `/api/facts/sentences?draftId=${draftId}`, undefined, firmB)),
    });
    const foreign = await asFor(firmA.draftId);
    expect(foreign).toEqual(await asFor(UNKNOWN_ID));
    expect(foreign.create).toEqual({ status: 422, code: 'draft_not_found' });
    expect(foreign.sentences).toMatchObject({ total: 0, items: [] });

    const ownDraft = await platform.createDraft('Firm B answer', firmB);
    const withSentence = (sentenceId: string) => call('POST', '/api/facts', { draftId: ownDraft, sentenceId, text: 'x', startOffset: 0, endOffset: 1 }, firmB);
    expect(await outcome(await withSentence(firmA.sentenceId))).toEqual(await outcome(await withSentence(UNKNOWN_ID)));
    expect(await outcome(await withSentence(firmA.sentenceId))).toEqual({ status: 422, code: 'sentence_not_found' });
    expect(await snapshot()).toBe(before);
  });

  it("lists only the caller's firm's facts and sentences", async () => {
    expect(await readJson(await call('GET', '/api/facts', undefined, firmB))).toMatchObject({ total: 0, items: [] });
    expect((await readJson(await call('GET', `/api/facts?draftId=${firmA.draftId}`, undefined, firmB))).total).toBe(0);
    const ownDraft = await platform.createDraft('Firm B reply', firmB);
    const own = await call('POST', '/api/facts', { draftId: ownDraft, text: 'Rent was paid.', startOffset: 0, endOffset: 14 }, firmB);
    expect(own.status).toBe(201);
    const listed = await readJson(await call('GET', '/api/facts', undefined, firmB));
    expect(listed).toMatchObject({ total: 1, items: [{ draftId: ownDraft, text: 'Rent was paid.' }] });
    expect((await readJson(await call('GET', '/api/facts'))).items.map((fact: { id: string }) => fact.id)).toEqual([firmA.factId]);
    expect((await readJson(await call('GET', `/api/facts/sentences?draftId=${firmA.draftId}`))).total).toBe(2);
  });

  it('still validates input behind authentication', async () => {
    expect((await call('POST', '/api/facts', { draftId: 'nope', text: 'x', startOffset: 0, endOffset: 1 }, firmB)).status).toBe(400);
    expect((await call('GET', '/api/facts/not-a-ulid', undefined, firmB)).status).toBe(400);
    expect((await call('GET', '/api/facts/sentences', undefined, firmB)).status).toBe(400);
  });
});
