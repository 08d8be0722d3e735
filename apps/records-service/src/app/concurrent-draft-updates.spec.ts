import { newId } from '@factsway/shared-utils';
import { RecordsHarness } from '../testing/records-harness';

describe('concurrent updates of one draft', () => {
  const api = new RecordsHarness();
  let caseId: string;

  beforeAll(async () => {
    await api.start();
    caseId = (await api.request('POST', '/api/cases', { title: 'Doe v. Roe' })).body.id;
  });
  afterAll(() => api.stop());

  it('let exactly one of several changes based on the same version through; the others get 409', async () => {
    const draft = (await api.request('POST', '/api/drafts', { caseId, title: 'v1' })).body;
    const attempts = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api.request('PATCH', `/api/drafts/${draft.id}`, { title: `writer ${i}` }, { 'if-match': '"1"' }),
      ),
    );
    const statuses = attempts.map((a) => a.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(409)]);
    const winner = attempts.find((a) => a.status === 200)!.body;
    expect((await api.request('GET', `/api/drafts/${draft.id}`)).body).toMatchObject({ title: winner.title, version: 2 });
    expect((await api.request('GET', `/api/drafts/${draft.id}/versions`)).body.total).toBe(2);
  });

  it('lose no update when clients re-read and retry after a 409', async () => {
    const emptyDocument = { title: 'Shared', sections: [{ id: newId(), heading: { text: 'Facts', level: 1 }, paragraphs: [] }] };
    const draft = (await api.request('POST', '/api/drafts', { caseId, title: 'Shared', content: emptyDocument })).body;
    const writers = 8;

    // Each writer appends its own paragraph: read, modify, write with the version it read.
    const appendParagraph = async (writer: number) => {
      for (;;) {
        const current = await api.request('GET', `/api/drafts/${draft.id}`);
        const content = structuredClone(current.body.content);
        content.sections[0].paragraphs.push({ id: newId(), text: `paragraph from writer ${writer}` });
        const write = await api.request('PATCH', `/api/drafts/${draft.id}`, { content }, { 'if-match': current.headers.get('etag')! });
        if (write.status === 200) return;
        expect(write.status).toBe(409);
      }
    };
    await Promise.all(Array.from({ length: writers }, (_, i) => appendParagraph(i)));

    const final = (await api.request('GET', `/api/drafts/${draft.id}`)).body;
    const texts = final.content.sections[0].paragraphs.map((p: { text: string }) => p.text).sort();
    expect(texts).toEqual(Array.from({ length: writers }, (_, i) => `paragraph from writer ${i}`).sort());
    expect(final.version).toBe(writers + 1);
    const history = (await api.request('GET', `/api/drafts/${draft.id}/versions?limit=100`)).body;
    expect(history.items.map((v: { version: number }) => v.version)).toEqual(
      Array.from({ length: writers + 1 }, (_, i) => writers + 1 - i),
    );
  });
});
