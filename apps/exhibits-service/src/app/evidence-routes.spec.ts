import { type ExhibitsTestPlatform, startExhibitsTestPlatform } from '../testing/test-platform';
import { expectError, readJson, sendJson } from '@factsway/service-testing';

const UNKNOWN_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

describe('exhibits-service: /api/evidence, /api/exhibits', () => {
  let platform: ExhibitsTestPlatform;

  beforeAll(async () => {
    platform = await startExhibitsTestPlatform();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  const call = (method: string, path: string, body?: unknown, base = platform.exhibits.url) => sendJson(`${base}${path}`, method, body);

  const create = async (description: string) => {
    const response = await call('POST', '/api/evidence', { description });
    expect(response.status).toBe(201);
    return readJson(response);
  };

  const labels = async () =>
    (await readJson(await call('GET', '/api/exhibits?limit=100'))).items.map((e: { label: string }) => e.label);

  it('labels evidence A, B, C in order; a deleted label leaves a gap that is never filled or shifted', async () => {
    const a = await create('Lease agreement');
    const b = await create('Email of March 5');
    const c = await create('Photograph of the premises');
    expect([a.label, b.label, c.label]).toEqual(['A', 'B', 'C']);
    expect(a).toMatchObject({ description: 'Lease agreement', factIds: [], id: expect.stringMatching(/^[0-9A-Z]{26}$/) });

    expect((await call('DELETE', `/api/evidence/${b.id}`)).status).toBe(204);
    await expectError(await call('GET', `/api/evidence/${b.id}`), 404, 'not_found');
    await expectError(await call('DELETE', `/api/evidence/${b.id}`), 404, 'not_found');
    expect(await labels()).toEqual(['A', 'C']);
    expect((await create('Invoice')).label).toBe('D');

    // Deleting the newest label does not hand it out again either.
    const e = await create('Receipt');
    expect((await call('DELETE', `/api/evidence/${e.id}`)).status).toBe(204);
    expect((await create('Letter')).label).toBe('F');
    expect(await labels()).toEqual(['A', 'C', 'D', 'F']);

    const exhibit = await readJson(await call('GET', '/api/exhibits/C'));
    expect(exhibit).toEqual({ label: 'C', evidence: c });
    await expectError(await call('GET', '/api/exhibits/B'), 404, 'not_found');
  });

  it('gives parallel creates distinct consecutive labels, past Z into AA', async () => {
    const before = (await labels()).length;
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => call('POST', '/api/evidence', { description: `Item ${i}` })));
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 201));
    const created = (await Promise.all(responses.map((r) => readJson(r)))).map((e: { label: string }) => e.label);
    expect(new Set(created).size).toBe(30);
    const all = await labels();
    expect(all).toHaveLength(before + 30);
    expect(all.slice(-8)).toEqual(['AC', 'AD', 'AE', 'AF', 'AG', 'AH', 'AI', 'AJ']);
    expect(all).toContain('Z');
    expect(all).toContain('AA');
  });

  it('reads, lists and updates evidence, and keeps its label on update', async () => {
    const item = await create('Draft contract');
    const patched = await call('PATCH', `/api/evidence/${item.id}`, { description: 'Signed contract' });
    expect(patched.status).toBe(200);
    expect(await readJson(patched)).toMatchObject({ id: item.id, label: item.label, description: 'Signed contract' });
    const page = await readJson(await call('GET', '/api/evidence?limit=2&offset=1'));
    expect(page.items.map((e: { label: string }) => e.label)).toEqual(['C', 'D']);
    expect(page).toMatchObject({ limit: 2, offset: 1, total: (await labels()).length });
  });

  it('links evidence to a fact that facts-service confirms, once, and unlinks it', async () => {
    const factId = await platform.createFact();
    const item = await create('Bank statement');
    const linked = await call('POST', `/api/evidence/${item.id}/facts`, { factId });
    expect(linked.status).toBe(201);
    expect((await readJson(linked)).factIds).toEqual([factId]);
    const again = await call('POST', `/api/evidence/${item.id}/facts`, { factId: factId.toLowerCase() });
    expect(again.status).toBe(200);
    expect((await readJson(again)).factIds).toEqual([factId]);

    const byFact = await readJson(await call('GET', `/api/evidence?factId=${factId}`));
    expect(byFact.items.map((e: { id: string }) => e.id)).toEqual([item.id]);

    expect((await call('DELETE', `/api/evidence/${item.id}/facts/${factId}`)).status).toBe(204);
    await expectError(await call('DELETE', `/api/evidence/${item.id}/facts/${factId}`), 404, 'not_found');
    expect((await readJson(await call('GET', `/api/evidence/${item.id}`))).factIds).toEqual([]);
  });

  it('loses no link when links are made in parallel, and adds a fact linked twice at once only once', async () => {
    const item = await create('Deposition transcript');
    const factIds = await Promise.all([1, 2, 3, 4, 5].map((n) => platform.createFact(`Fact number ${n}.`)));
    const distinct = await Promise.all(factIds.map((factId) => call('POST', `/api/evidence/${item.id}/facts`, { factId })));
    expect(distinct.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const stored = await readJson(await call('GET', `/api/evidence/${item.id}`));
    expect([...stored.factIds].sort()).toEqual([...factIds].sort());

    const other = await create('Second copy of the transcript');
    const same = await Promise.all([1, 2, 3, 4].map(() => call('POST', `/api/evidence/${other.id}/facts`, { factId: factIds[0] })));
    expect(same.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    expect((await readJson(await call('GET', `/api/evidence/${other.id}`))).factIds).toEqual([factIds[0]]);
  });

  it('refuses to link a fact facts-service does not know (422), and answers 503 when facts-service is down', async () => {
    const item = await create('Witness statement');
    expect(await expectError(await call('POST', `/api/evidence/${item.id}/facts`, { factId: UNKNOWN_ID }), 422, 'fact_not_found')).toContain(UNKNOWN_ID);
    const started = Date.now();
    const down = await call('POST', `/api/evidence/${item.id}/facts`, { factId: UNKNOWN_ID }, platform.exhibitsWithFactsDown.url);
    expect(await expectError(down, 503, 'peer_unavailable')).toMatch(/facts service is unavailable/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await readJson(await call('GET', `/api/evidence/${item.id}`))).factIds).toEqual([]);
    await expectError(await call('POST', `/api/evidence/${UNKNOWN_ID}/facts`, { factId: UNKNOWN_ID }), 404, 'not_found');
  });

  it('refuses bad input with 4xx and changes nothing', async () => {
    const before = await platform.countEvidence();
    const snapshot = (await platform.pool.query('SELECT * FROM evidence ORDER BY id')).rows;
    await expectError(await call('POST', '/api/evidence', '{"description":'), 400, 'malformed_json');
    for (const [body, field] of [
      [{}, 'body.description'],
      [{ description: '   ' }, 'body.description'],
      [{ description: 5 }, 'body.description'],
      [{ description: 'a\u0000b' }, 'body.description'],
      [{ description: 'x', label: 'A' }, 'label'],
      [{ description: 'x'.repeat(10_001) }, 'body.description'],
    ] as const) {
      expect(await expectError(await call('POST', '/api/evidence', body), 400, 'validation_failed')).toContain(field);
    }
    await expectError(await call('POST', '/api/evidence', { description: 'x'.repeat(1_100_000) }), 413, 'payload_too_large');
    await expectError(await call('GET', '/api/evidence/nope'), 400, 'validation_failed');
    await expectError(await call('GET', `/api/evidence/${UNKNOWN_ID}`), 404, 'not_found');
    await expectError(await call('PATCH', `/api/evidence/${UNKNOWN_ID}`, { description: 'y' }), 404, 'not_found');
    await expectError(await call('DELETE', `/api/evidence/${UNKNOWN_ID}`), 404, 'not_found');
    await expectError(await call('GET', '/api/evidence?factId=nope'), 400, 'validation_failed');
    await expectError(await call('GET', '/api/exhibits/a1'), 400, 'validation_failed');
    const [first] = snapshot;
    await expectError(await call('POST', `/api/evidence/${first.id}/facts`, { factId: 'bad' }), 400, 'validation_failed');
    await expectError(await call('POST', `/api/evidence/${first.id}/facts`, {}), 400, 'validation_failed');
    await expectError(await call('DELETE', `/api/evidence/${first.id}/facts/bad`), 400, 'validation_failed');
    await expectError(await call('PATCH', `/api/evidence/${first.id}`, { description: '' }), 400, 'validation_failed');
    expect(await platform.countEvidence()).toBe(before);
    expect((await platform.pool.query('SELECT * FROM evidence ORDER BY id')).rows).toEqual(snapshot);
  });
});
