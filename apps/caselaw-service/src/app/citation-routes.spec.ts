import { type CaselawTestPlatform, startCaselawTestPlatform } from '../testing/test-platform';
import { authorizedFetch, expectError, readJson, sendJson } from '@factsway/service-testing';
import { MAX_TEXT_LENGTH } from './caselaw-schemas';

/** Every request carries a valid token of the test firm unless it sets its own authorization. */
const fetch = authorizedFetch;

const UNKNOWN_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const argument =
  'See Roe v. Wade, 410 U.S. 113, 120 (1973); Acme Corp. v. Smith, 123 F.3d 456 (9th Cir. 1997). ' +
  'Roe, 410 U.S. at 153. Relief is available under 42 U.S.C. § 1983.';

describe('caselaw-service: /api/citations', () => {
  let platform: CaselawTestPlatform;

  beforeAll(async () => {
    platform = await startCaselawTestPlatform();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  const post = (path: string, body: unknown, base = platform.caselaw.url) => sendJson(`${base}${path}`, 'POST', body);

  it('detects reporter citations with their parts, offsets and Bluebook form, storing nothing without a draft', async () => {
    const response = await post('/api/citations/detect', { text: argument });
    expect(response.status).toBe(200);
    const { citations, stored } = await readJson(response);
    expect(stored).toBe(false);
    expect(citations.map((c: { bluebook: string }) => c.bluebook)).toEqual([
      'Roe v. Wade, 410 U.S. 113, 120 (1973)',
      'Acme Corp. v. Smith, 123 F.3d 456 (9th Cir. 1997)',
      '410 U.S. at 153',
      '42 U.S.C. § 1983',
    ]);
    expect(citations[1]).toMatchObject({ kind: 'case', form: 'full', caseName: 'Acme Corp. v. Smith', volume: 123, reporter: 'F.3d', page: 456, court: '9th Cir.', year: 1997 });
    for (const c of citations) expect(argument.slice(c.start, c.end)).toBe(c.text);
    expect(await platform.count('citations')).toBe(0);
    expect(await platform.count('authorities')).toBe(0);
  });

  it("stores a draft's citations against authorities, resolving short forms, and replaces them on the next detection", async () => {
    const { draftId } = await platform.createDraft(['Body text.']);
    const response = await post('/api/citations/detect', { text: argument, draftId });
    expect(response.status).toBe(201);
    const body = await readJson(response);
    expect(body.storedCitations.map((c: { authority: string; text: string }) => [c.text, c.authority])).toEqual([
      ['Roe v. Wade, 410 U.S. 113, 120 (1973)', 'Roe v. Wade, 410 U.S. 113 (1973)'],
      ['Acme Corp. v. Smith, 123 F.3d 456 (9th Cir. 1997)', 'Acme Corp. v. Smith, 123 F.3d 456 (9th Cir. 1997)'],
      ['410 U.S. at 153', 'Roe v. Wade, 410 U.S. 113 (1973)'],
      ['42 U.S.C. § 1983', '42 U.S.C. § 1983'],
    ]);
    expect(await platform.count('authorities')).toBe(3);

    const listed = await readJson(await fetch(`${platform.caselaw.url}/api/citations?draftId=${draftId}&limit=2`));
    expect(listed).toMatchObject({ total: 4, limit: 2, offset: 0 });
    expect(listed.items.map((c: { text: string }) => c.text)).toEqual(['Roe v. Wade, 410 U.S. 113, 120 (1973)', 'Acme Corp. v. Smith, 123 F.3d 456 (9th Cir. 1997)']);

    expect((await post('/api/citations/detect', { text: 'Only 347 U.S. 483 (1954).', draftId })).status).toBe(201);
    const { rows } = await platform.pool.query('SELECT text FROM citations WHERE draft_id = $1', [draftId]);
    expect(rows).toEqual([{ text: '347 U.S. 483 (1954)' }]);
    expect(await platform.count('authorities')).toBe(4);
  });

  it('lets concurrent detections for different drafts share authorities without conflict', async () => {
    const drafts = await Promise.all([1, 2, 3, 4].map(() => platform.createDraft(['x'])));
    const responses = await Promise.all(drafts.map(({ draftId }) => post('/api/citations/detect', { text: argument, draftId })));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const { rows } = await platform.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM authorities WHERE citation = 'Roe v. Wade, 410 U.S. 113 (1973)'");
    expect(rows[0].n).toBe(1);
  });

  it('refuses an unknown draft with 422 and answers 503 when records-service is down, storing nothing', async () => {
    const before = [await platform.count('citations'), await platform.count('authorities')];
    expect(await expectError(await post('/api/citations/detect', { text: argument, draftId: UNKNOWN_ID }), 422, 'draft_not_found')).toContain(UNKNOWN_ID);
    const started = Date.now();
    await expectError(await post('/api/citations/detect', { text: argument, draftId: UNKNOWN_ID }, platform.caselawWithRecordsDown.url), 503, 'peer_unavailable');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect([await platform.count('citations'), await platform.count('authorities')]).toEqual(before);
  });

  it('formats citations from parts', async () => {
    const response = await post('/api/citations/format', { kind: 'case', caseName: 'Roe v. Wade', volume: 410, reporter: 'U. S.', page: 113, pinCite: '120', year: 1973 });
    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual({ citation: 'Roe v. Wade, 410 U.S. 113, 120 (1973)', italic: [{ start: 0, end: 11 }] });
    const statute = await post('/api/citations/format', { kind: 'statute', title: 42, code: 'U.S.C.', section: '1983' });
    expect((await readJson(statute)).citation).toBe('42 U.S.C. § 1983');
  });

  it('refuses bad detect and format input with 4xx and stores nothing', async () => {
    const before = [await platform.count('citations'), await platform.count('authorities')];
    await expectError(await post('/api/citations/detect', '{"text":'), 400, 'malformed_json');
    expect(await expectError(await post('/api/citations/detect', {}), 400, 'validation_failed')).toContain('body.text');
    expect(await expectError(await post('/api/citations/detect', { text: ['x'] }), 400, 'validation_failed')).toContain('body.text');
    expect(await expectError(await post('/api/citations/detect', { text: 'Roe v. \u0000Wade, 410 U.S. 113', draftId: UNKNOWN_ID }), 400, 'validation_failed')).toContain('NUL');
    expect(await expectError(await post('/api/citations/detect', { text: 'x', draftId: 'bad' }), 400, 'validation_failed')).toContain('body.draftId');
    expect(await expectError(await post('/api/citations/detect', { text: 'x'.repeat(MAX_TEXT_LENGTH + 1) }), 400, 'validation_failed')).toContain('body.text');
    await expectError(await post('/api/citations/detect', { text: 'x'.repeat(1_100_000) }), 413, 'payload_too_large');

    await expectError(await post('/api/citations/format', { kind: 'case', volume: 1, reporter: 'Xyz.', page: 2 }), 422, 'unknown_reporter');
    await expectError(await post('/api/citations/format', { kind: 'case', volume: 1, reporter: 'U.S.' }), 422, 'missing_pin_cite');
    expect(await expectError(await post('/api/citations/format', { kind: 'case', volume: '410', reporter: 'U.S.', page: 1 }), 400, 'validation_failed')).toContain('body.volume');
    await expectError(await post('/api/citations/format', { kind: 'treaty', code: 'x', section: '1' }), 400, 'validation_failed');
    await expectError(await post('/api/citations/format', { kind: 'statute', code: 'U.S.C.' }), 400, 'validation_failed');
    await expectError(await fetch(`${platform.caselaw.url}/api/citations?draftId=nope`), 400, 'validation_failed');
    expect([await platform.count('citations'), await platform.count('authorities')]).toEqual(before);
  });
});
