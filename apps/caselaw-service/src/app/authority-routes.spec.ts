import { type CaselawTestPlatform, startCaselawTestPlatform } from '../testing/test-platform';
import { expectError, readJson, sendJson } from '@factsway/service-testing';

const UNKNOWN_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

describe('caselaw-service: /api/authorities', () => {
  let platform: CaselawTestPlatform;

  beforeAll(async () => {
    platform = await startCaselawTestPlatform();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  const call = (method: string, path: string, body?: unknown) => sendJson(`${platform.caselaw.url}${path}`, method, body);

  it('creates an authority from a written citation, normalised and without its pin cite, then reads, renames and deletes it', async () => {
    const created = await call('POST', '/api/authorities', { citation: ' Roe v. Wade, 410 U. S. 113, 120 (1973). ' });
    expect(created.status).toBe(201);
    const roe = await readJson(created);
    expect(roe).toMatchObject({ kind: 'case', citation: 'Roe v. Wade, 410 U.S. 113 (1973)', name: 'Roe v. Wade', id: expect.stringMatching(/^[0-9A-Z]{26}$/) });
    expect(created.headers.get('location')).toBe(`/api/authorities/${roe.id}`);
    expect(await readJson(await call('GET', `/api/authorities/${roe.id}`))).toEqual(roe);

    const renamed = await call('PATCH', `/api/authorities/${roe.id}`, { name: 'Roe' });
    expect(await readJson(renamed)).toMatchObject({ id: roe.id, name: 'Roe', citation: roe.citation });

    expect((await call('DELETE', `/api/authorities/${roe.id}`)).status).toBe(204);
    await expectError(await call('GET', `/api/authorities/${roe.id}`), 404, 'not_found');
    await expectError(await call('DELETE', `/api/authorities/${roe.id}`), 404, 'not_found');
  });

  it('creates authorities from parts, refuses a duplicate with 409 naming the existing one, and lists by kind and search', async () => {
    const statute = await readJson(await call('POST', '/api/authorities', { parts: { kind: 'statute', title: 42, code: 'U.S.C.', section: '1983' } }));
    expect(statute).toMatchObject({ kind: 'statute', citation: '42 U.S.C. § 1983', name: '42 U.S.C. § 1983' });
    const brown = await readJson(await call('POST', '/api/authorities', { parts: { kind: 'case', caseName: 'Brown v. Bd. of Educ.', volume: 347, reporter: 'U.S.', page: 483, year: 1954 } }));
    expect(brown.citation).toBe('Brown v. Bd. of Educ., 347 U.S. 483 (1954)');
    await call('POST', '/api/authorities', { citation: 'Acme Corp. v. Smith, 123 F.3d 456 (9th Cir. 1997)', name: 'Acme' });

    const before = await platform.count('authorities');
    const dup = await call('POST', '/api/authorities', { citation: 'Brown v. Bd. of Educ., 347 U.S. 483, 495 (1954)' });
    expect((await readJson(dup.clone())).error.details).toEqual({ id: brown.id });
    await expectError(dup, 409, 'conflict');
    expect(await platform.count('authorities')).toBe(before);

    const cases = await readJson(await call('GET', '/api/authorities?kind=case'));
    expect(cases.items.map((a: { name: string }) => a.name)).toEqual(['Acme', 'Brown v. Bd. of Educ.']);
    const search = await readJson(await call('GET', '/api/authorities?q=1983'));
    expect(search.items.map((a: { id: string }) => a.id)).toEqual([statute.id]);
    const literal = await readJson(await call('GET', `/api/authorities?q=${encodeURIComponent('%')}`));
    expect(literal.total).toBe(0);
  });

  it('refuses text that is not one full citation with 422', async () => {
    const before = await platform.count('authorities');
    for (const citation of ['not a citation', '410 U.S. at 120', 'Roe v. Wade, 410 U.S. 113 (1973) and 347 U.S. 483 (1954)', 'See 410 U.S. 113']) {
      await expectError(await call('POST', '/api/authorities', { citation }), 422, 'unrecognised_citation');
    }
    await expectError(await call('POST', '/api/authorities', { parts: { kind: 'case', volume: 1, reporter: 'Nope', page: 1 } }), 422, 'unknown_reporter');
    await expectError(await call('POST', '/api/authorities', { parts: { kind: 'case', volume: 1, reporter: 'U.S.', pinCite: '3' } }), 422, 'unrecognised_citation');
    expect(await platform.count('authorities')).toBe(before);
  });

  it('refuses bad bodies, ids and queries with 400/404/413 and changes nothing', async () => {
    const before = await platform.count('authorities');
    await expectError(await call('POST', '/api/authorities', '{"citation"'), 400, 'malformed_json');
    await expectError(await call('POST', '/api/authorities', {}), 400, 'validation_failed');
    await expectError(await call('POST', '/api/authorities', { citation: 'Roe v. Wade, 410 U.S. 113 (1973)', parts: { kind: 'statute', code: 'U.S.C.', section: '1' } }), 400, 'validation_failed');
    await expectError(await call('POST', '/api/authorities', { citation: 12 }), 400, 'validation_failed');
    await expectError(await call('POST', '/api/authorities', { citation: '410 U.S. 113\u0000' }), 400, 'validation_failed');
    await expectError(await call('GET', '/api/authorities?q=%00'), 400, 'validation_failed');
    await expectError(await call('POST', '/api/authorities', { citation: 'x'.repeat(1_100_000) }), 413, 'payload_too_large');
    await expectError(await call('GET', '/api/authorities/xyz'), 400, 'validation_failed');
    await expectError(await call('GET', `/api/authorities/${UNKNOWN_ID}`), 404, 'not_found');
    await expectError(await call('PATCH', `/api/authorities/${UNKNOWN_ID}`, { name: 'x' }), 404, 'not_found');
    await expectError(await call('PATCH', `/api/authorities/${UNKNOWN_ID}`, { name: '' }), 400, 'validation_failed');
    await expectError(await call('PATCH', `/api/authorities/${UNKNOWN_ID}`, { citation: 'x' }), 400, 'validation_failed');
    await expectError(await call('GET', '/api/authorities?kind=treaty'), 400, 'validation_failed');
    await expectError(await call('GET', '/api/authorities?limit=0'), 400, 'validation_failed');
    expect(await platform.count('authorities')).toBe(before);
  });
});
