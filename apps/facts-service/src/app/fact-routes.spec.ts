import { expectError, readJson, sendJson, silentServer } from '@factsway/service-testing';
import { type FactsTestPlatform, startFactsTestPlatform } from '../testing/test-platform';

const UNKNOWN_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

describe('facts-service: /api/facts CRUD', () => {
  let platform: FactsTestPlatform;
  let draftId: string;
  let otherDraftId: string;

  beforeAll(async () => {
    platform = await startFactsTestPlatform();
    draftId = await platform.createDraft('Complaint');
    otherDraftId = await platform.createDraft('Answer');
  });

  afterAll(async () => {
    await platform?.stop();
  });

  const call = (method: string, path: string, body?: unknown, base = platform.facts.url) => sendJson(`${base}${path}`, method, body);

  const fact = (overrides: Record<string, unknown> = {}) => ({
    draftId,
    text: 'The lease was signed on March 5, 2024.',
    startOffset: 0,
    endOffset: 38,
    ...overrides,
  });

  it('creates a fact for a draft that records-service confirms, then reads, lists, updates and deletes it', async () => {
    const created = await call('POST', '/api/facts', fact());
    expect(created.status).toBe(201);
    const body = await readJson(created);
    expect(body).toMatchObject({ ...fact(), sentenceId: null, id: expect.stringMatching(/^[0-9A-Z]{26}$/) });
    expect(created.headers.get('location')).toBe(`/api/facts/${body.id}`);

    expect(await readJson(await call('GET', `/api/facts/${body.id}`))).toEqual(body);
    expect(await readJson(await call('GET', `/api/facts/${body.id.toLowerCase()}`))).toEqual(body);

    const patched = await call('PATCH', `/api/facts/${body.id}`, { text: 'The lease was signed.', endOffset: 21 });
    expect(patched.status).toBe(200);
    const updated = await readJson(patched);
    expect(updated).toMatchObject({ text: 'The lease was signed.', startOffset: 0, endOffset: 21, createdAt: body.createdAt });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(body.updatedAt));

    expect((await call('DELETE', `/api/facts/${body.id}`)).status).toBe(204);
    await expectError(await call('GET', `/api/facts/${body.id}`), 404, 'not_found');
    await expectError(await call('DELETE', `/api/facts/${body.id}`), 404, 'not_found');
  });

  it('filters the list by draft and pages through it', async () => {
    for (const text of ['First fact.', 'Second fact.', 'Third fact.']) {
      expect((await call('POST', '/api/facts', fact({ text, endOffset: text.length }))).status).toBe(201);
    }
    expect((await call('POST', '/api/facts', fact({ draftId: otherDraftId, text: 'Elsewhere.' }))).status).toBe(201);
    const page = await readJson(await call('GET', `/api/facts?draftId=${draftId}&limit=2&offset=1`));
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(page.items.map((f: { text: string }) => f.text)).toEqual(['Second fact.', 'Third fact.']);
    const all = await readJson(await call('GET', '/api/facts'));
    expect(all.total).toBe(4);
  });

  it('ties a fact to a stored sentence of the same draft only', async () => {
    const detected = await call('POST', '/api/facts/detect-sentences', { text: 'One. Two.', draftId });
    const [one] = (await readJson(detected)).sentences;
    const tied = await call('POST', '/api/facts', fact({ sentenceId: one.id, text: one.text, startOffset: one.start, endOffset: one.end }));
    expect(tied.status).toBe(201);
    const tiedFact = await readJson(tied);
    expect(tiedFact.sentenceId).toBe(one.id);

    // Detecting the draft's sentences again replaces them: the fact keeps its text, loses the stale link.
    const redetected = await call('POST', '/api/facts/detect-sentences', { text: 'One. Two. Three.', draftId });
    expect(redetected.status).toBe(201);
    const [newOne] = (await readJson(redetected)).sentences;
    expect(await readJson(await call('GET', `/api/facts/${tiedFact.id}`))).toMatchObject({ sentenceId: null, text: one.text });

    const before = await platform.count('facts');
    await expectError(await call('POST', '/api/facts', fact({ draftId: otherDraftId, sentenceId: newOne.id })), 422, 'sentence_not_found');
    await expectError(await call('POST', '/api/facts', fact({ sentenceId: one.id })), 422, 'sentence_not_found');
    await expectError(await call('POST', '/api/facts', fact({ sentenceId: UNKNOWN_ID })), 422, 'sentence_not_found');
    expect(await platform.count('facts')).toBe(before);
  });

  it('refuses a draft that records-service does not know with 422, and answers 503 when it is down', async () => {
    const before = await platform.count('facts');
    expect(await expectError(await call('POST', '/api/facts', fact({ draftId: UNKNOWN_ID })), 422, 'draft_not_found')).toContain(UNKNOWN_ID);
    const started = Date.now();
    await expectError(await call('POST', '/api/facts', fact(), platform.factsWithRecordsDown.url), 503, 'peer_unavailable');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await platform.count('facts')).toBe(before);
    // Reads need only the database.
    expect((await call('GET', '/api/facts', undefined, platform.factsWithRecordsDown.url)).status).toBe(200);
  });

  it('answers 502 when records-service fails with a 5xx, and 503 when it accepts but never answers', async () => {
    const before = await platform.count('facts');
    const brokenRecords = await platform.startRecordsWithoutDatabase();
    const factsToBroken = await platform.startFactsCalling(brokenRecords.url);
    const hanging = await silentServer();
    const factsToHanging = await platform.startFactsCalling(hanging.url);
    try {
      const failed = await call('POST', '/api/facts', fact(), factsToBroken.url);
      expect(await expectError(failed, 502, 'peer_failed')).toMatch(/records service failed \(HTTP 5\d\d\)/);
      const started = Date.now();
      const timedOut = await call('POST', '/api/facts', fact(), factsToHanging.url);
      expect(await expectError(timedOut, 503, 'peer_unavailable')).toMatch(/no answer within \d+ ms/);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await platform.count('facts')).toBe(before);
    } finally {
      await Promise.all([factsToBroken.close(), factsToHanging.close(), brokenRecords.stop()]);
      await hanging.close();
    }
  });

  it('refuses bad bodies with 400 and changes nothing', async () => {
    const before = await platform.count('facts');
    await expectError(await call('POST', '/api/facts', '{"draftId":'), 400, 'malformed_json');
    for (const [body, field] of [
      [{}, 'body.draftId'],
      [fact({ draftId: 'nope' }), 'body.draftId'],
      [fact({ text: '' }), 'body.text'],
      [fact({ text: 7 }), 'body.text'],
      [fact({ text: 'a\u0000b' }), 'body.text'],
      [fact({ startOffset: -1 }), 'body.startOffset'],
      [fact({ startOffset: 1.5 }), 'body.startOffset'],
      [fact({ startOffset: 10, endOffset: 5 }), 'body.endOffset'],
      [fact({ colour: 'red' }), 'colour'],
      [fact({ text: 'x'.repeat(10_001) }), 'body.text'],
    ] as const) {
      expect(await expectError(await call('POST', '/api/facts', body), 400, 'validation_failed')).toContain(field);
    }
    await expectError(await call('POST', '/api/facts', { pad: 'x'.repeat(1_100_000) }), 413, 'payload_too_large');
    expect(await platform.count('facts')).toBe(before);
  });

  it('refuses bad ids, unknown ids and impossible updates', async () => {
    const created = await readJson(await call('POST', '/api/facts', fact({ startOffset: 5, endOffset: 10 })));
    await expectError(await call('GET', '/api/facts/not-a-ulid'), 400, 'validation_failed');
    await expectError(await call('GET', `/api/facts/${UNKNOWN_ID}`), 404, 'not_found');
    await expectError(await call('PATCH', `/api/facts/${UNKNOWN_ID}`, { text: 'x' }), 404, 'not_found');
    await expectError(await call('DELETE', '/api/facts/123'), 400, 'validation_failed');
    await expectError(await call('GET', '/api/facts?draftId=bad'), 400, 'validation_failed');
    await expectError(await call('PATCH', `/api/facts/${created.id}`, {}), 400, 'validation_failed');
    await expectError(await call('PATCH', `/api/facts/${created.id}`, { draftId }), 400, 'validation_failed');
    await expectError(await call('PATCH', `/api/facts/${created.id}`, { startOffset: 11 }), 422, 'invalid_offsets');
    await expectError(await call('PATCH', `/api/facts/${created.id}`, { sentenceId: UNKNOWN_ID }), 422, 'sentence_not_found');
    expect(await readJson(await call('GET', `/api/facts/${created.id}`))).toEqual(created);
  });
});
