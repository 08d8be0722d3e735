import { RecordsHarness, sampleDocument, unknownId } from '../testing/records-harness';

describe('/api/drafts', () => {
  const api = new RecordsHarness();
  let caseId: string;
  let templateId: string;

  beforeAll(async () => {
    await api.start();
    caseId = (await api.request('POST', '/api/cases', { title: 'Doe v. Roe' })).body.id;
    templateId = (await api.request('POST', '/api/templates', { name: 'Motion', content: sampleDocument('Template') })).body.id;
  });
  afterAll(() => api.stop());

  const newDraft = async (body: Record<string, unknown> = {}) =>
    (await api.request('POST', '/api/drafts', { caseId, title: 'Complaint', ...body })).body;

  it('creates a draft at version 1 with an ETag, from a template or empty', async () => {
    const fromTemplate = await api.request('POST', '/api/drafts', { caseId, templateId, title: 'Motion to dismiss' });
    expect(fromTemplate.status).toBe(201);
    expect(fromTemplate.headers.get('etag')).toBe('"1"');
    expect(fromTemplate.body).toMatchObject({ caseId, templateId, title: 'Motion to dismiss', version: 1, content: sampleDocument('Template') });

    const empty = await newDraft();
    expect(empty).toMatchObject({ templateId: null, version: 1, content: { title: 'Complaint', sections: [] } });
    const read = await api.request('GET', `/api/drafts/${empty.id}`);
    expect(read.body).toEqual(empty);
    expect(read.headers.get('etag')).toBe('"1"');
  });

  it('lists drafts, all or per case, with pagination', async () => {
    const otherCase = (await api.request('POST', '/api/cases', { title: 'Other' })).body.id;
    const mine = [await newDraft({ caseId: otherCase, title: 'One' }), await newDraft({ caseId: otherCase, title: 'Two' })];
    const perCase = await api.request('GET', `/api/drafts/case/${otherCase}?limit=1`);
    expect(perCase.body).toMatchObject({ total: 2, limit: 1, offset: 0, items: [mine[0]] });
    expect((await api.request('GET', `/api/drafts/case/${otherCase}?offset=1`)).body.items).toEqual([mine[1]]);
    const all = await api.request('GET', '/api/drafts?limit=100');
    expect(all.body.total).toBeGreaterThanOrEqual(2);
    expect(all.body.items).toEqual(expect.arrayContaining(mine));
  });

  it('updates with If-Match or body.version, bumping the version and keeping history', async () => {
    const draft = await newDraft();
    const viaHeader = await api.request('PATCH', `/api/drafts/${draft.id}`, { title: 'Amended complaint' }, { 'if-match': '"1"' });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.body).toMatchObject({ title: 'Amended complaint', version: 2 });
    expect(viaHeader.headers.get('etag')).toBe('"2"');

    const viaBody = await api.request('PATCH', `/api/drafts/${draft.id}`, { content: sampleDocument('Amended'), version: 2 });
    expect(viaBody.body).toMatchObject({ title: 'Amended complaint', version: 3, content: sampleDocument('Amended') });

    const versions = await api.request('GET', `/api/drafts/${draft.id}/versions`);
    expect(versions.body.total).toBe(3);
    expect(versions.body.items.map((v: { version: number; title: string }) => [v.version, v.title])).toEqual([
      [3, 'Amended complaint'],
      [2, 'Amended complaint'],
      [1, 'Complaint'],
    ]);
    const one = await api.request('GET', `/api/drafts/${draft.id}/versions/1`);
    expect(one.body).toMatchObject({ draftId: draft.id, version: 1, title: 'Complaint', content: draft.content });
  });

  it('answers a change based on a stale version with 409 and changes nothing', async () => {
    const draft = await newDraft();
    await api.request('PATCH', `/api/drafts/${draft.id}`, { title: 'First' }, { 'if-match': '"1"' });
    const stale = await api.request('PATCH', `/api/drafts/${draft.id}`, { title: 'Second' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'conflict', details: { currentVersion: 2 } });
    expect((await api.request('GET', `/api/drafts/${draft.id}`)).body).toMatchObject({ title: 'First', version: 2 });
    expect((await api.request('GET', `/api/drafts/${draft.id}/versions`)).body.total).toBe(2);
  });

  it('requires the expected version on update (428 without one)', async () => {
    const draft = await newDraft();
    const response = await api.request('PATCH', `/api/drafts/${draft.id}`, { title: 'Blind write' });
    expect(response.status).toBe(428);
    expect(response.body.error.code).toBe('precondition_required');
    expect((await api.request('GET', `/api/drafts/${draft.id}`)).body.title).toBe('Complaint');
  });

  it('restores an old version as a new version', async () => {
    const draft = await newDraft({ content: sampleDocument('Original') });
    await api.request('PATCH', `/api/drafts/${draft.id}`, { title: 'Rewritten', content: sampleDocument('Rewritten') }, { 'if-match': '"1"' });
    const restored = await api.request('POST', `/api/drafts/${draft.id}/restore/1`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ title: 'Complaint', content: sampleDocument('Original'), version: 3 });
    expect(restored.headers.get('etag')).toBe('"3"');
    expect((await api.request('GET', `/api/drafts/${draft.id}/versions`)).body.items[0]).toMatchObject({ version: 3, title: 'Complaint' });

    const staleRestore = await api.request('POST', `/api/drafts/${draft.id}/restore/2`, undefined, { 'if-match': '"2"' });
    expect(staleRestore.status).toBe(409);
    expect((await api.request('POST', `/api/drafts/${draft.id}/restore/2`, { version: 3 })).body).toMatchObject({ title: 'Rewritten', version: 4 });
  });

  it('deletes a draft with its history; a stale If-Match on delete is a 409', async () => {
    const draft = await newDraft();
    expect((await api.request('DELETE', `/api/drafts/${draft.id}`, undefined, { 'if-match': '"7"' })).status).toBe(409);
    expect((await api.request('DELETE', `/api/drafts/${draft.id}`, undefined, { 'if-match': '"1"' })).status).toBe(204);
    expect((await api.request('GET', `/api/drafts/${draft.id}`)).status).toBe(404);
    expect((await api.request('GET', `/api/drafts/${draft.id}/versions`)).status).toBe(404);
  });

  it('keeps a draft when its template is deleted (templateId becomes null)', async () => {
    const template = (await api.request('POST', '/api/templates', { name: 'Temp', content: sampleDocument('T') })).body;
    const draft = await newDraft({ templateId: template.id });
    await api.request('DELETE', `/api/templates/${template.id}`);
    expect((await api.request('GET', `/api/drafts/${draft.id}`)).body).toMatchObject({ templateId: null, content: sampleDocument('T') });
  });

  it.each([
    ['GET', `/api/drafts/${unknownId}`, undefined, {}],
    ['PATCH', `/api/drafts/${unknownId}`, { title: 'x', version: 1 }, {}],
    ['DELETE', `/api/drafts/${unknownId}`, undefined, {}],
    ['GET', `/api/drafts/${unknownId}/versions`, undefined, {}],
    ['GET', `/api/drafts/${unknownId}/versions/1`, undefined, {}],
    ['POST', `/api/drafts/${unknownId}/restore/1`, undefined, {}],
    ['GET', `/api/drafts/case/${unknownId}`, undefined, {}],
  ])('%s %s is a 404', async (method, path, body, headers) => {
    const response = await api.request(method, path, body, headers);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });

  it('answers 404 for a version a draft does not have', async () => {
    const draft = await newDraft();
    expect((await api.request('GET', `/api/drafts/${draft.id}/versions/2`)).status).toBe(404);
    expect((await api.request('POST', `/api/drafts/${draft.id}/restore/2`)).status).toBe(404);
  });

  it('answers 422 for a draft naming an unknown case or template', async () => {
    const noCase = await api.request('POST', '/api/drafts', { caseId: unknownId, title: 'x' });
    expect(noCase.status).toBe(422);
    expect(noCase.body.error.message).toBe(`body.caseId: no case ${unknownId}`);
    const noTemplate = await api.request('POST', '/api/drafts', { caseId, templateId: unknownId, title: 'x' });
    expect(noTemplate.status).toBe(422);
    const draft = await newDraft();
    const badPatch = await api.request('PATCH', `/api/drafts/${draft.id}`, { templateId: unknownId, version: 1 });
    expect(badPatch.status).toBe(422);
    expect((await api.request('GET', `/api/drafts/${draft.id}`)).body.version).toBe(1);
  });

  it.each([
    ['POST', '/api/drafts', {}, {}, 'body.caseId'],
    ['POST', '/api/drafts', { caseId: 'nope', title: 'x' }, {}, 'body.caseId'],
    ['POST', '/api/drafts', { caseId: unknownId }, {}, 'body.title'],
    ['POST', '/api/drafts', { caseId: unknownId, title: 'x', content: { title: 'x', sections: 'none' } }, {}, 'body.content.sections'],
    ['POST', '/api/drafts', { caseId: unknownId, title: 'x', version: 3 }, {}, 'body'],
    ['PATCH', `/api/drafts/${unknownId}`, { version: 1 }, {}, 'body'],
    ['PATCH', `/api/drafts/${unknownId}`, { title: 'x', version: 0 }, {}, 'body.version'],
    ['PATCH', `/api/drafts/${unknownId}`, { title: 'x', version: '1' }, {}, 'body.version'],
    ['PATCH', `/api/drafts/${unknownId}`, { title: 'x' }, { 'if-match': 'W/"1"' }, 'If-Match'],
    ['PATCH', `/api/drafts/${unknownId}`, { title: 'x', version: 2 }, { 'if-match': '"1"' }, 'If-Match (1) and body.version (2) disagree'],
    ['PATCH', '/api/drafts/nope', { title: 'x', version: 1 }, {}, 'params.id'],
    ['GET', '/api/drafts/nope', undefined, {}, 'params.id'],
    ['DELETE', '/api/drafts/nope', undefined, {}, 'params.id'],
    ['DELETE', `/api/drafts/${unknownId}`, { version: -1 }, {}, 'body.version'],
    ['GET', '/api/drafts?limit=1000', undefined, {}, 'query.limit'],
    ['GET', '/api/drafts/case/nope', undefined, {}, 'params.caseId'],
    ['GET', `/api/drafts/case/${unknownId}?offset=x`, undefined, {}, 'query.offset'],
    ['GET', `/api/drafts/${unknownId}/versions?limit=0`, undefined, {}, 'query.limit'],
    ['GET', `/api/drafts/${unknownId}/versions/0`, undefined, {}, 'params.version'],
    ['GET', `/api/drafts/${unknownId}/versions/1.5`, undefined, {}, 'params.version'],
    ['POST', `/api/drafts/${unknownId}/restore/abc`, undefined, {}, 'params.version'],
    ['POST', `/api/drafts/${unknownId}/restore/99999999999`, undefined, {}, 'params.version'],
    ['POST', `/api/drafts/${unknownId}/restore/1`, { version: 'latest' }, {}, 'body.version'],
    ['POST', `/api/drafts/nope/restore/1`, undefined, {}, 'params.id'],
  ])('%s %s with %j %j is a 400 naming %s', async (method, path, body, headers, field) => {
    const response = await api.request(method, path, body, headers);
    expect(response.status).toBe(400);
    expect(response.body.error.message.startsWith(field)).toBe(true);
  });
});
