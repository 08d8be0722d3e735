import { DOCX_MEDIA_TYPE } from '@factsway/document-model';
import { createService, newId, type RunningService } from '@factsway/shared-utils';
import { authHeader, rejectedAuthorizations, sendJson, testServiceEnv } from '@factsway/service-testing';
import { serviceOptions } from './service-options';

// export-service owns no table (nothing to isolate), but its one route is behind authentication too.
describe('export-service: authentication on its only route', () => {
  let exporter: RunningService;
  const document = { title: 'Motion', sections: [{ id: newId(), heading: null, paragraphs: [{ id: newId(), text: 'WHEREFORE.' }] }] };

  beforeAll(async () => {
    exporter = await createService({ ...serviceOptions, env: await testServiceEnv() }).listen(0);
  });
  afterAll(async () => {
    await exporter?.close();
  });

  it('answers POST /api/export without a token, or with an unsigned, expired, foreign-audience or foreign-issuer token, with 401 and no document', async () => {
    for (const [what, headers] of Object.entries(await rejectedAuthorizations())) {
      const response = await sendJson(`${exporter.url}/api/export`, 'POST', document, headers);
      expect({ what, status: response.status, type: response.headers.get('content-type') }).toEqual({ what, status: 401, type: expect.stringContaining('application/json') });
    }
  });

  it("exports for any firm's token: the document comes in the request, nothing is stored", async () => {
    const response = await sendJson(`${exporter.url}/api/export`, 'POST', document, await authHeader('firm-b'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(DOCX_MEDIA_TYPE);
  });
});
