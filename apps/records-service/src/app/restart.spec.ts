import { RecordsHarness, sampleDocument } from '../testing/records-harness';

describe('records-service restart', () => {
  const api = new RecordsHarness();
  beforeAll(() => api.start());
  afterAll(() => api.stop());

  it('keeps every acknowledged write: the data is there after the service restarts', async () => {
    const template = (await api.request('POST', '/api/templates', { name: 'Motion', content: sampleDocument() })).body;
    const kase = (await api.request('POST', '/api/cases', { title: 'Doe v. Roe' })).body;
    const draft = (await api.request('POST', '/api/drafts', { caseId: kase.id, templateId: template.id, title: 'Motion' })).body;
    const updated = (await api.request('PATCH', `/api/drafts/${draft.id}`, { title: 'Motion (final)', version: 1 })).body;

    const firstUrl = api.service.url;
    await api.service.close();
    await expect(fetch(`${firstUrl}/health`)).rejects.toThrow();
    await api.startService();

    expect((await api.request('GET', `/api/templates/${template.id}`)).body).toEqual(template);
    expect((await api.request('GET', `/api/cases/${kase.id}`)).body).toEqual(kase);
    expect((await api.request('GET', `/api/drafts/${draft.id}`)).body).toEqual(updated);
    expect((await api.request('GET', `/api/drafts/${draft.id}/versions`)).body.total).toBe(2);
  });
});
