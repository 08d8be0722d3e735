import { RecordsHarness, sampleDocument, unknownId } from '../testing/records-harness';
import { authorizedFetch } from '@factsway/service-testing';

/** Every request carries a valid token of the test firm unless it sets its own authorization. */
const fetch = authorizedFetch;

describe('/api/templates', () => {
  const api = new RecordsHarness();
  beforeAll(() => api.start());
  afterAll(() => api.stop());

  it('creates, reads, lists, updates and deletes a template', async () => {
    const created = await api.request('POST', '/api/templates', {
      name: 'Motion',
      description: 'A standard motion',
      content: sampleDocument(),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Motion', description: 'A standard motion', content: sampleDocument() });
    expect(created.body.id).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(created.headers.get('location')).toBe(`/api/templates/${created.body.id}`);

    expect((await api.request('GET', `/api/templates/${created.body.id}`)).body).toEqual(created.body);
    // ids are case-insensitive ULIDs
    expect((await api.request('GET', `/api/templates/${created.body.id.toLowerCase()}`)).status).toBe(200);

    const list = await api.request('GET', '/api/templates');
    expect(list.body).toMatchObject({ total: 1, limit: 20, offset: 0, items: [created.body] });

    const updated = await api.request('PATCH', `/api/templates/${created.body.id}`, { name: 'Motion (v2)' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Motion (v2)', description: 'A standard motion', content: sampleDocument() });
    expect(Date.parse(updated.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.body.updatedAt));

    expect((await api.request('DELETE', `/api/templates/${created.body.id}`)).status).toBe(204);
    expect((await api.request('GET', `/api/templates/${created.body.id}`)).status).toBe(404);
  });

  it('pages through the list with limit and offset', async () => {
    const names = ['A', 'B', 'C', 'D', 'E'];
    for (const name of names) await api.request('POST', '/api/templates', { name, content: sampleDocument() });
    const first = await api.request('GET', '/api/templates?limit=2');
    const third = await api.request('GET', '/api/templates?limit=2&offset=4');
    expect(first.body.total).toBe(5);
    expect(first.body.items.map((t: { name: string }) => t.name)).toEqual(['A', 'B']);
    expect(third.body.items.map((t: { name: string }) => t.name)).toEqual(['E']);
  });

  it.each([
    ['GET', `/api/templates/${unknownId}`, undefined],
    ['PATCH', `/api/templates/${unknownId}`, { name: 'x' }],
    ['DELETE', `/api/templates/${unknownId}`, undefined],
  ])('%s %s of an unknown template is a 404', async (method, path, body) => {
    const response = await api.request(method, path, body);
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({ code: 'not_found', message: `No template ${unknownId}` });
  });

  it.each([
    ['POST', '/api/templates', {}, 'body.name'],
    ['POST', '/api/templates', { name: '', content: sampleDocument() }, 'body.name'],
    ['POST', '/api/templates', { name: 'x\u0000y', content: sampleDocument() }, 'body.name'],
    ['POST', '/api/templates', { name: 'x', content: { title: 'no sections' } }, 'body.content.sections'],
    ['POST', '/api/templates', { name: 'x', content: sampleDocument(), extra: 1 }, 'body'],
    ['POST', '/api/templates', [1, 2], 'body'],
    ['PATCH', `/api/templates/${unknownId}`, {}, 'body'],
    ['PATCH', '/api/templates/not-a-ulid', { name: 'x' }, 'params.id'],
    ['GET', '/api/templates/not-a-ulid', undefined, 'params.id'],
    ['DELETE', '/api/templates/123', undefined, 'params.id'],
    ['GET', '/api/templates?limit=0', undefined, 'query.limit'],
    ['GET', '/api/templates?limit=101', undefined, 'query.limit'],
    ['GET', '/api/templates?offset=-1', undefined, 'query.offset'],
  ])('%s %s with %j is a 400 naming %s', async (method, path, body, field) => {
    const before = await api.request('GET', '/api/templates?limit=100');
    const response = await api.request(method, path, body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.message.startsWith(field)).toBe(true);
    expect(await api.request('GET', '/api/templates?limit=100')).toMatchObject({ body: before.body });
  });

  it('refuses a body over the 1 MB limit with 413 and stores nothing', async () => {
    const before = (await api.request('GET', '/api/templates')).body.total;
    const huge = sampleDocument('Huge', 'x'.repeat(99_000));
    huge.sections[0].paragraphs = Array.from({ length: 12 }, (_, i) => ({ id: `01JAAAAAAAAAAAAAAAAAAAAB${String(i).padStart(2, '0')}`, text: 'x'.repeat(99_000) }));
    const response = await api.request('POST', '/api/templates', { name: 'Huge', content: huge });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
    expect((await api.request('GET', '/api/templates')).body.total).toBe(before);
  });

  it('answers malformed JSON with 400 and a non-JSON body with 415', async () => {
    expect((await api.request('POST', '/api/templates', '{"name":')).status).toBe(400);
    const response = await fetch(`${api.service.url}/api/templates`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'name=x',
    });
    expect(response.status).toBe(415);
  });
});
