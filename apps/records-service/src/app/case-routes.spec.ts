import { RecordsHarness, sampleDocument, unknownId } from '../testing/records-harness';

describe('/api/cases', () => {
  const api = new RecordsHarness();
  beforeAll(() => api.start());
  afterAll(() => api.stop());

  const doeVRoe = {
    title: 'Doe v. Roe',
    caseNumber: '1:26-cv-00042',
    court: 'United States District Court for the District of Delaware',
    jurisdiction: 'federal',
    parties: [
      { name: 'Jane Doe', role: 'plaintiff' },
      { name: 'Richard Roe', role: 'defendant' },
    ],
  };

  it('creates, reads, lists, updates and deletes a case', async () => {
    const created = await api.request('POST', '/api/cases', doeVRoe);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...doeVRoe, status: 'open' });

    expect((await api.request('GET', `/api/cases/${created.body.id}`)).body).toEqual(created.body);
    expect((await api.request('GET', '/api/cases')).body).toMatchObject({ total: 1, items: [created.body] });

    const updated = await api.request('PATCH', `/api/cases/${created.body.id}`, { status: 'closed', court: null });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ ...doeVRoe, status: 'closed', court: null });

    expect((await api.request('DELETE', `/api/cases/${created.body.id}`)).status).toBe(204);
    expect((await api.request('GET', `/api/cases/${created.body.id}`)).status).toBe(404);
  });

  it('needs only a title; optional fields default sensibly', async () => {
    const created = await api.request('POST', '/api/cases', { title: '  In re Smith  ' });
    expect(created.body).toMatchObject({ title: 'In re Smith', caseNumber: null, court: null, parties: [], status: 'open' });
  });

  it('refuses to delete a case that still has drafts (409), and deletes it once they are gone', async () => {
    const kase = await api.request('POST', '/api/cases', { title: 'Has drafts' });
    const draft = await api.request('POST', '/api/drafts', { caseId: kase.body.id, title: 'Complaint' });
    const refused = await api.request('DELETE', `/api/cases/${kase.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('still has drafts');
    expect((await api.request('GET', `/api/cases/${kase.body.id}`)).status).toBe(200);

    expect((await api.request('DELETE', `/api/drafts/${draft.body.id}`)).status).toBe(204);
    expect((await api.request('DELETE', `/api/cases/${kase.body.id}`)).status).toBe(204);
  });

  it.each([
    ['GET', `/api/cases/${unknownId}`, undefined],
    ['PATCH', `/api/cases/${unknownId}`, { title: 'x' }],
    ['DELETE', `/api/cases/${unknownId}`, undefined],
  ])('%s %s of an unknown case is a 404', async (method, path, body) => {
    expect((await api.request(method, path, body)).status).toBe(404);
  });

  it.each([
    ['POST', '/api/cases', {}, 'body.title'],
    ['POST', '/api/cases', { title: 'x', status: 'pending' }, 'body.status'],
    ['POST', '/api/cases', { title: 'x', parties: [{ name: 'A' }] }, 'body.parties.0.role'],
    ['POST', '/api/cases', { title: 'x', parties: 'A v. B' }, 'body.parties'],
    ['POST', '/api/cases', { title: 'x'.repeat(501) }, 'body.title'],
    ['POST', '/api/cases', { title: 'line\nbreak' }, 'body.title'],
    ['POST', '/api/cases', { title: 'x', content: sampleDocument() }, 'body'],
    ['PATCH', `/api/cases/${unknownId}`, {}, 'body'],
    ['PATCH', `/api/cases/${unknownId}`, { title: null }, 'body.title'],
    ['PATCH', '/api/cases/nope', { title: 'x' }, 'params.id'],
    ['GET', '/api/cases/nope', undefined, 'params.id'],
    ['DELETE', '/api/cases/nope', undefined, 'params.id'],
    ['GET', '/api/cases?limit=abc', undefined, 'query.limit'],
  ])('%s %s with %j is a 400 naming %s', async (method, path, body, field) => {
    const response = await api.request(method, path, body);
    expect(response.status).toBe(400);
    expect(response.body.error.message.startsWith(field)).toBe(true);
  });
});
