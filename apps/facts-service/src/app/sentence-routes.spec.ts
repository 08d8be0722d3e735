import { type FactsTestPlatform, startFactsTestPlatform } from '../testing/test-platform';
import { authorizedFetch, expectError, readJson, sendJson } from '@factsway/service-testing';
import { MAX_DETECT_TEXT_LENGTH } from './fact-schemas';

/** Every request carries a valid token of the test firm unless it sets its own authorization. */
const fetch = authorizedFetch;

const brief =
  'Plaintiff Acme Inc. sued Mr. Jones on Jan. 5, 2020. See Roe v. Wade, 410 U.S. 113 (1973). ' +
  'The court in No. 12-345 awarded $3.5 million. Was that right? It was.';

describe('facts-service: POST /api/facts/detect-sentences, GET /api/facts/sentences', () => {
  let platform: FactsTestPlatform;

  beforeAll(async () => {
    platform = await startFactsTestPlatform();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  const detect = (body: unknown, base = platform.facts.url) => sendJson(`${base}/api/facts/detect-sentences`, 'POST', body);

  it('splits text into sentences whose offsets slice the input, storing nothing without a draft', async () => {
    const response = await detect({ text: brief });
    expect(response.status).toBe(200);
    const { sentences, stored } = await readJson(response);
    expect(stored).toBe(false);
    expect(sentences.map((s: { text: string }) => s.text)).toEqual([
      'Plaintiff Acme Inc. sued Mr. Jones on Jan. 5, 2020.',
      'See Roe v. Wade, 410 U.S. 113 (1973).',
      'The court in No. 12-345 awarded $3.5 million.',
      'Was that right?',
      'It was.',
    ]);
    for (const s of sentences) expect(brief.slice(s.start, s.end)).toBe(s.text);
    expect(await platform.count('sentences')).toBe(0);
  });

  it('stores the sentences of a draft that records-service knows, and a second detection replaces them', async () => {
    const draftId = await platform.createDraft();
    const first = await detect({ text: brief, draftId });
    expect(first.status).toBe(201);
    const body = await readJson(first);
    expect(body).toMatchObject({ stored: true, draftId });
    expect(body.sentences).toHaveLength(5);
    expect(body.sentences[0]).toMatchObject({ draftId, position: 0, start: 0, end: 51, id: expect.stringMatching(/^[0-9A-Z]{26}$/) });

    const listed = await fetch(`${platform.facts.url}/api/facts/sentences?draftId=${draftId}&limit=2&offset=1`);
    expect(listed.status).toBe(200);
    const page = await readJson(listed);
    expect(page).toMatchObject({ total: 5, limit: 2, offset: 1 });
    expect(page.items.map((s: { text: string }) => s.text)).toEqual(['See Roe v. Wade, 410 U.S. 113 (1973).', 'The court in No. 12-345 awarded $3.5 million.']);

    const second = await detect({ text: 'Only one sentence now.', draftId });
    expect(second.status).toBe(201);
    const { rows } = await platform.pool.query('SELECT text, position, start_offset, end_offset FROM sentences WHERE draft_id = $1', [draftId]);
    expect(rows).toEqual([{ text: 'Only one sentence now.', position: 0, start_offset: 0, end_offset: 22 }]);
  });

  it('lets concurrent detections of one draft finish, leaving exactly one of them stored', async () => {
    const draftId = await platform.createDraft('Concurrent');
    const texts = Array.from({ length: 6 }, (_, i) => Array.from({ length: i + 1 }, (__, j) => `Sentence ${j}.`).join(' '));
    const responses = await Promise.all(texts.map((text) => detect({ text, draftId })));
    expect(responses.map((r) => r.status)).toEqual(texts.map(() => 201));
    const { rows } = await platform.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM sentences WHERE draft_id = $1', [draftId]);
    expect(texts.map((_, i) => i + 1)).toContain(rows[0].n);
  });

  it('refuses a draft that records-service does not know with 422 and stores nothing', async () => {
    const before = await platform.count('sentences');
    const message = await expectError(await detect({ text: brief, draftId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }), 422, 'draft_not_found');
    expect(message).toContain('01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(await platform.count('sentences')).toBe(before);
  });

  it('answers 503 when records-service is down, quickly and without storing anything', async () => {
    const before = await platform.count('sentences');
    const started = Date.now();
    const response = await detect({ text: brief, draftId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }, platform.factsWithRecordsDown.url);
    const message = await expectError(response, 503, 'peer_unavailable');
    expect(message).toMatch(/records service is unavailable/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await platform.count('sentences')).toBe(before);
    // Without a draft nothing is asked of records-service: detection still works.
    expect((await detect({ text: 'Fine.' }, platform.factsWithRecordsDown.url)).status).toBe(200);
  });

  it('refuses malformed JSON, missing or mistyped fields, unknown fields and bad ids with 400', async () => {
    const before = await platform.count('sentences');
    await expectError(await detect('{"text": "unterminated'), 400, 'malformed_json');
    expect(await expectError(await detect({}), 400, 'validation_failed')).toContain('body.text');
    expect(await expectError(await detect({ text: 42 }), 400, 'validation_failed')).toContain('body.text');
    expect(await expectError(await detect({ text: 'NUL \u0000 inside' }), 400, 'validation_failed')).toContain('NUL');
    expect(await expectError(await detect({ text: 'x', draftId: 'not-a-ulid' }), 400, 'validation_failed')).toContain('body.draftId');
    expect(await expectError(await detect({ text: 'x', store: true }), 400, 'validation_failed')).toContain('store');
    await expectError(await detect(['x']), 400, 'validation_failed');
    const noType = await fetch(`${platform.facts.url}/api/facts/detect-sentences`, { method: 'POST', body: 'text', headers: { 'content-type': 'text/plain' } });
    await expectError(noType, 415, 'unsupported_media_type');
    expect(await platform.count('sentences')).toBe(before);
  });

  it('refuses text over the limit with 400 and a body over the JSON limit with 413', async () => {
    const before = await platform.count('sentences');
    const long = 'a'.repeat(MAX_DETECT_TEXT_LENGTH + 1);
    expect(await expectError(await detect({ text: long }), 400, 'validation_failed')).toContain('body.text');
    await expectError(await detect({ text: 'b'.repeat(1_100_000) }), 413, 'payload_too_large');
    expect(await platform.count('sentences')).toBe(before);
  });

  it('refuses to list sentences without a valid draftId', async () => {
    await expectError(await fetch(`${platform.facts.url}/api/facts/sentences`), 400, 'validation_failed');
    await expectError(await fetch(`${platform.facts.url}/api/facts/sentences?draftId=xyz`), 400, 'validation_failed');
    await expectError(await fetch(`${platform.facts.url}/api/facts/sentences?draftId=01ARZ3NDEKTSV4RRFFQ69G5FAV&limit=500`), 400, 'validation_failed');
    const none = await fetch(`${platform.facts.url}/api/facts/sentences?draftId=01ARZ3NDEKTSV4RRFFQ69G5FAV`);
    expect(await readJson(none)).toEqual({ items: [], total: 0, limit: 20, offset: 0 });
  });
});
