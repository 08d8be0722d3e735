import { startTestDatabase, type TestDatabase } from '@factsway/database';
import { DOCX_MEDIA_TYPE, type DocumentModel } from '@factsway/document-model';
import { createService, newId, type RunningService } from '@factsway/shared-utils';
import { testServiceEnv, authorizedFetch, readJson, startBuiltService, type ServiceProcess } from '@factsway/service-testing';
import { serviceOptions } from './service-options';

/** Every request carries a valid token of the test firm unless it sets its own authorization. */
const fetch = authorizedFetch;

function motion(): DocumentModel {
  return {
    title: 'Defendant’s Motion to Dismiss',
    sections: [
      { id: newId(), heading: null, paragraphs: [{ id: newId(), text: 'COMES NOW the Defendant, Acme Widgets, Inc.' }] },
      {
        id: newId(),
        heading: { text: 'Background', level: 1 },
        paragraphs: [
          { id: newId(), text: 'See Roe v. Wade, 410 U.S. 113 (1973); cf. 123 F.3d 456 (9th Cir. 1997).' },
          { id: newId(), text: 'Item 1:\tthe lease <dated> "2019" & signed.\nItem 2:\tthe addendum.' },
        ],
      },
      { id: newId(), heading: { text: 'Argument', level: 2 }, paragraphs: [] },
      { id: newId(), heading: { text: 'Prayer', level: 1 }, paragraphs: [{ id: newId(), text: 'WHEREFORE, Defendant prays.' }] },
    ],
  };
}

describe('export-service: POST /api/export', () => {
  let database: TestDatabase;
  let exporter: RunningService;
  let ingestion: ServiceProcess;

  beforeAll(async () => {
    database = await startTestDatabase({ migrate: true });
    const env = await testServiceEnv();
    exporter = await createService({ ...serviceOptions, env }).listen(0);
    // The built ingestion-service as its own process (the test target builds it first).
    ingestion = await startBuiltService('ingestion', { DATABASE_URL: database.url });
  });

  afterAll(async () => {
    await exporter?.close();
    await ingestion?.stop();
    await database?.stop();
  });

  const exportDocument = (body: unknown, contentType = 'application/json') =>
    fetch(`${exporter.url}/api/export`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  async function ingest(docx: Buffer, fileName: string) {
    const form = new FormData();
    form.append('file', new Blob([docx], { type: DOCX_MEDIA_TYPE }), fileName);
    const response = await fetch(`${ingestion.url}/api/ingest`, { method: 'POST', body: form });
    expect(response.status).toBe(201);
    return readJson(response);
  }

  it('answers a .docx download with the right headers', async () => {
    const response = await exportDocument(motion());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(DOCX_MEDIA_TYPE);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="Defendant?s Motion to Dismiss.docx"; filename*=UTF-8''Defendant%E2%80%99s%20Motion%20to%20Dismiss.docx`,
    );
    const docx = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(docx.length);
    expect(docx.subarray(0, 4)).toEqual(Buffer.from('PK\u0003\u0004'));
  });

  it('round trip: export, then ingest over HTTP, gives back the same document, ids included', async () => {
    const original = motion();
    const docx = Buffer.from(await (await exportDocument(original)).arrayBuffer());
    const job = await ingest(docx, 'motion.docx');
    expect(job.document).toEqual(original);
  });

  it('round trip keeps a long document intact (500 paragraphs over 50 sections)', async () => {
    const sections = Array.from({ length: 50 }, (_, s) => ({
      id: newId(),
      heading: { text: `Section ${s + 1}`, level: (s % 3) + 1 },
      paragraphs: Array.from({ length: 10 }, (_, p) => ({ id: newId(), text: `Paragraph ${s + 1}.${p + 1}: ${'lorem ipsum '.repeat(20).trim()}` })),
    }));
    const original: DocumentModel = { title: 'Long brief', sections };
    const docx = Buffer.from(await (await exportDocument(original)).arrayBuffer());
    expect((await ingest(docx, 'long.docx')).document).toEqual(original);
  });

  it.each([
    ['malformed JSON', '{"title": "x", ', 'bad_request|invalid_json|malformed_json'],
    ['a missing title', { sections: [] }, 'validation_failed'],
    ['sections of the wrong type', { title: 'x', sections: 'none' }, 'validation_failed'],
    ['a paragraph id that is not a ULID', { title: 'x', sections: [{ id: newId(), heading: null, paragraphs: [{ id: 'p1', text: 'a' }] }] }, 'validation_failed'],
    ['a heading level of 9', { title: 'x', sections: [{ id: newId(), heading: { text: 'h', level: 9 }, paragraphs: [] }] }, 'validation_failed'],
    ['an array body', [1, 2, 3], 'validation_failed'],
  ])('refuses %s with 400', async (_name, body, code) => {
    const response = await exportDocument(body);
    expect(response.status).toBe(400);
    const { error } = await readJson(response);
    expect(error.code).toMatch(new RegExp(`^(${code})$`));
    expect(error.message).toEqual(expect.any(String));
  });

  it('names the offending field in a validation error', async () => {
    const response = await exportDocument({ title: 'x', sections: [{ id: newId(), heading: null, paragraphs: [{ id: 'p1', text: 'a' }] }] });
    expect((await readJson(response)).error.message).toContain('sections.0.paragraphs.0.id');
  });

  it('refuses a body over the limit with 413 and a non-JSON body with 415', async () => {
    const huge = { title: 'x', sections: [{ id: newId(), heading: null, paragraphs: [{ id: newId(), text: 'a'.repeat(11 * 1024 * 1024) }] }] };
    const tooLarge = await exportDocument(huge);
    expect(tooLarge.status).toBe(413);
    const asText = await exportDocument('title=x', 'text/plain');
    expect(asText.status).toBe(415);
    expect((await fetch(`${exporter.url}/health`)).status).toBe(200);
  });
});
