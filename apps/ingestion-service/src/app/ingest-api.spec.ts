import { readdir } from 'node:fs/promises';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { Pool } from 'pg';
import { startTestDatabase, type TestDatabase } from '@factsway/database';
import { DOCX_MEDIA_TYPE, documentSchema } from '@factsway/document-model';
import { createService, type RunningService } from '@factsway/shared-utils';
import { testServiceEnv, authorizedFetch, readJson } from '@factsway/service-testing';
import { MAX_UPLOAD_BYTES, UPLOAD_DIRECTORY } from './docx-upload';
import { serviceOptions } from './service-options';

/** Every request carries a valid token of the test firm unless it sets its own authorization. */
const fetch = authorizedFetch;

const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

function brief(options: { title?: string } = {}): Promise<Buffer> {
  const children = [
    ...(options.title ? [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(options.title)] })] : []),
    new Paragraph('COMES NOW the Plaintiff, by counsel.'),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Statement of Facts')] }),
    new Paragraph({ children: [new TextRun('On March 5, 2024,\tthe parties met.'), new TextRun({ text: 'A second line.', break: 1 })] }),
    new Paragraph(''),
    new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('Exhibit A: the lease')] })] })] }),
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Standard of Review')] }),
    new Paragraph('Summary judgment is proper when there is no genuine dispute.'),
  ];
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

function upload(bytes: Buffer | Uint8Array, fileName: string, type = DOCX_MEDIA_TYPE, field = 'file'): FormData {
  const form = new FormData();
  form.append(field, new Blob([bytes], { type }), fileName);
  return form;
}

describe('ingestion-service: POST /api/ingest, GET /api/ingest/:id', () => {
  let database: TestDatabase;
  let pool: Pool;
  let service: RunningService;

  beforeAll(async () => {
    database = await startTestDatabase({ migrate: true });
    pool = new Pool({ connectionString: database.url, max: 2 });
    service = await createService({
      ...serviceOptions,
      env: await testServiceEnv({ DATABASE_URL: database.url }),
    }).listen(0);
  });

  afterAll(async () => {
    await service?.close();
    await pool?.end();
    await database?.stop();
  });

  const post = (body: FormData | string, headers: Record<string, string> = {}) =>
    fetch(`${service.url}/api/ingest`, { method: 'POST', body, headers });
  const jobCount = async () => Number((await pool.query('SELECT count(*) FROM ingestion_jobs')).rows[0].count);
  const leftoverUploads = async () => (await readdir(UPLOAD_DIRECTORY).catch(() => [])).length;

  async function expectRefused(response: Response, status: number, code: string, before: number) {
    const body = await readJson(response);
    expect({ status: response.status, code: body.error?.code }).toEqual({ status, code });
    expect(body.error.message).toEqual(expect.any(String));
    expect(await jobCount()).toBe(before);
    expect(await leftoverUploads()).toBe(0);
  }

  it('turns a real .docx into document JSON and records the job', async () => {
    const bytes = await brief({ title: 'Motion for Summary Judgment' });
    const response = await post(upload(bytes, 'msj.docx'));
    expect(response.status).toBe(201);
    const job = await readJson(response);

    expect(job).toMatchObject({
      id: expect.stringMatching(ULID),
      status: 'completed',
      fileName: 'msj.docx',
      contentType: DOCX_MEDIA_TYPE,
      sizeBytes: bytes.length,
      summary: { title: 'Motion for Summary Judgment', sections: 3, paragraphs: 4 },
    });
    expect(response.headers.get('location')).toBe(`/api/ingest/${job.id}`);
    const document = documentSchema.parse(job.document);
    expect(document.title).toBe('Motion for Summary Judgment');
    expect(document.sections.map((section) => section.heading)).toEqual([
      null,
      { text: 'Statement of Facts', level: 1 },
      { text: 'Standard of Review', level: 2 },
    ]);
    expect(document.sections.map((section) => section.paragraphs.map((paragraph) => paragraph.text))).toEqual([
      ['COMES NOW the Plaintiff, by counsel.'],
      ['On March 5, 2024,\tthe parties met.\nA second line.', 'Exhibit A: the lease'],
      ['Summary judgment is proper when there is no genuine dispute.'],
    ]);
    for (const section of document.sections) {
      expect(section.id).toMatch(ULID);
      for (const paragraph of section.paragraphs) expect(paragraph.id).toMatch(ULID);
    }

    const { rows } = await pool.query('SELECT status, file_name, size_bytes, result FROM ingestion_jobs WHERE id = $1', [job.id]);
    expect(rows).toEqual([{ status: 'completed', file_name: 'msj.docx', size_bytes: String(bytes.length), result: job.document }]);

    const fetched = await fetch(`${service.url}/api/ingest/${job.id}`);
    expect(fetched.status).toBe(200);
    expect(await readJson(fetched)).toEqual(job);
    expect(await leftoverUploads()).toBe(0);
  });

  it('takes the title from the file name when the document has no Title paragraph', async () => {
    const response = await post(upload(await brief(), 'Mémoire d’appel (final).DOCX', 'application/octet-stream'));
    expect(response.status).toBe(201);
    const job = await readJson(response);
    expect(job.fileName).toBe('Mémoire d’appel (final).DOCX');
    expect(job.document.title).toBe('Mémoire d’appel (final)');
  });

  it('refuses a file that is not a .docx with 415', async () => {
    const before = await jobCount();
    await expectRefused(await post(upload(Buffer.from('just text'), 'notes.txt', 'text/plain')), 415, 'unsupported_media_type', before);
    await expectRefused(await post(upload(await brief(), 'brief.doc', 'application/msword')), 415, 'unsupported_media_type', before);
  });

  it('refuses a body that is not multipart with 415', async () => {
    const before = await jobCount();
    const asJson = await post(JSON.stringify({ file: 'x' }), { 'content-type': 'application/json' });
    await expectRefused(asJson, 415, 'unsupported_media_type', before);
    const asBytes = await post('PK\u0003\u0004', { 'content-type': DOCX_MEDIA_TYPE });
    await expectRefused(asBytes, 415, 'unsupported_media_type', before);
  });

  it('refuses a corrupt .docx with 400', async () => {
    const before = await jobCount();
    const good = await brief();
    await expectRefused(await post(upload(Buffer.from('not a zip at all'), 'a.docx')), 400, 'corrupt_docx', before);
    await expectRefused(await post(upload(good.subarray(0, good.length / 2), 'half.docx')), 400, 'corrupt_docx', before);
    await expectRefused(await post(upload(Buffer.alloc(0), 'empty.docx')), 400, 'corrupt_docx', before);

    // A zip whose word/document.xml is garbage: mammoth fails to parse it.
    const broken = Buffer.from(good);
    const nameAt = broken.indexOf(Buffer.from('word/document.xml'));
    const dataAt = nameAt + 'word/document.xml'.length + broken.readUInt16LE(nameAt - 2);
    broken.fill(0x41, dataAt, dataAt + 200);
    await expectRefused(await post(upload(broken, 'garbled.docx')), 400, 'corrupt_docx', before);
  });

  it('refuses uploads over 50 MB with 413 without keeping any of it', async () => {
    const before = await jobCount();
    const tooBig = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x50);
    await expectRefused(await post(upload(tooBig, 'huge.docx')), 413, 'payload_too_large', before);
  });

  it('refuses a zip bomb (XML claiming to unpack to gigabytes) with 413 before inflating it', async () => {
    const before = await jobCount();
    const bomb = Buffer.from(await brief());
    const nameAt = bomb.lastIndexOf(Buffer.from('word/document.xml'));
    bomb.writeUInt32LE(0xfffffff0, nameAt - 46 + 24);
    await expectRefused(await post(upload(bomb, 'bomb.docx')), 413, 'document_too_large', before);
  });

  it('refuses a multipart body without exactly one file in the field "file" with 400', async () => {
    const before = await jobCount();
    const docx = await brief();
    await expectRefused(await post(upload(docx, 'x.docx', DOCX_MEDIA_TYPE, 'document')), 400, 'bad_request', before);
    const noFile = new FormData();
    noFile.append('note', 'hello');
    await expectRefused(await post(noFile), 400, 'bad_request', before);
    const twoFiles = upload(docx, 'one.docx');
    twoFiles.append('file', new Blob([docx]), 'two.docx');
    await expectRefused(await post(twoFiles), 400, 'bad_request', before);
    const garbage = await post('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.docx"\r\n\r\nPK', {
      'content-type': 'multipart/form-data; boundary=xyz',
    });
    await expectRefused(garbage, 400, 'bad_request', before);
  });

  it('answers GET for unknown and malformed ids with 404 and 400', async () => {
    const unknown = await fetch(`${service.url}/api/ingest/01ARZ3NDEKTSV4RRFFQ69G5FAV`);
    expect(unknown.status).toBe(404);
    expect((await readJson(unknown)).error.code).toBe('not_found');
    const malformed = await fetch(`${service.url}/api/ingest/not-a-ulid`);
    expect(malformed.status).toBe(400);
    expect((await readJson(malformed)).error.code).toBe('validation_failed');
  });

  it('converts concurrent uploads (more than the conversion slots) and reports the slots in /metrics', async () => {
    const bytes = await brief({ title: 'Concurrent' });
    const responses = await Promise.all(Array.from({ length: 6 }, (_, i) => post(upload(bytes, `c${i}.docx`))));
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const ids = await Promise.all(responses.map(async (response) => (await readJson(response)).id));
    expect(new Set(ids).size).toBe(6);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/^ingestion_conversions_in_progress(\{[^}]*\})? 0$/m);
    expect(metrics).toMatch(/^ingestion_conversions_waiting(\{[^}]*\})? 0$/m);
    expect(await leftoverUploads()).toBe(0);
  });

  it('is still healthy after all the bad input', async () => {
    expect((await fetch(`${service.url}/ready`)).status).toBe(200);
  });
});
