import { startTestDatabase, type TestDatabase } from '@factsway/database';
import { DOCX_MEDIA_TYPE, type DocumentModel } from '@factsway/document-model';
import { platformVersion } from '@factsway/service-catalog';
import { newId } from '@factsway/shared-utils';
import { authorizedFetch, startBuiltService, type ServiceProcess } from '@factsway/service-testing';

/** Every request carries a valid token of the test firm unless it sets its own authorization. */
const fetch = authorizedFetch;

// The test target depends on both builds, so `nx test export-service` builds the bundles first.
describe('the built export- and ingestion-service bundles, as two real processes', () => {
  let database: TestDatabase;
  let exporter: ServiceProcess | undefined;
  let ingestion: ServiceProcess | undefined;

  beforeAll(async () => {
    database = await startTestDatabase({ migrate: true });
    [exporter, ingestion] = await Promise.all([
      startBuiltService('export'),
      startBuiltService('ingestion', { DATABASE_URL: database.url }),
    ]);
  });

  afterAll(async () => {
    for (const bundle of [exporter, ingestion]) {
      if (bundle && bundle.child.exitCode === null) bundle.child.kill('SIGKILL');
    }
    await database?.stop();
  });

  it('report the platform version embedded at build time', async () => {
    for (const [bundle, service] of [
      [exporter!, 'export-service'],
      [ingestion!, 'ingestion-service'],
    ] as const) {
      const health = await fetch(`${bundle.url}/health`);
      expect(await health.json()).toMatchObject({ service, version: platformVersion() });
    }
  });

  it('round trip a 500-paragraph document: export -> .docx -> ingest gives the same document', async () => {
    const original: DocumentModel = {
      title: 'Appellant’s Opening Brief',
      sections: Array.from({ length: 25 }, (_, s) => ({
        id: newId(),
        heading: { text: `Issue ${s + 1}`, level: 1 },
        paragraphs: Array.from({ length: 20 }, (_, p) => ({ id: newId(), text: `¶ ${s + 1}.${p + 1} ${'The record shows otherwise. '.repeat(10).trim()}` })),
      })),
    };
    const exported = await fetch(`${exporter!.url}/api/export`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(original),
    });
    expect(exported.status).toBe(200);
    const form = new FormData();
    form.append('file', new Blob([await exported.arrayBuffer()], { type: DOCX_MEDIA_TYPE }), 'brief.docx');
    const ingested = await fetch(`${ingestion!.url}/api/ingest`, { method: 'POST', body: form });
    expect(ingested.status).toBe(201);
    const job = (await ingested.json()) as { document: DocumentModel };
    expect(job.document).toEqual(original);
  });

  it('keep the limits main.ts sets: export takes JSON bodies over the 1 MB default up to 10 MB; ingestion takes multipart', async () => {
    const paragraphs = Array.from({ length: 20 }, () => ({ id: newId(), text: 'a'.repeat(100_000) }));
    const twoMegabytes = { title: 'x', sections: [{ id: newId(), heading: null, paragraphs }] };
    const post = (body: unknown) =>
      fetch(`${exporter!.url}/api/export`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const accepted = await post(twoMegabytes);
    expect(accepted.status).toBe(200);
    await accepted.arrayBuffer();
    const refused = await post({ ...twoMegabytes, title: 'y'.repeat(9 * 1024 * 1024) });
    expect(refused.status).toBe(413);
    const json = await fetch(`${ingestion!.url}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
  });

  it('exit 0 on SIGTERM', async () => {
    expect(await exporter!.stop()).toBe(0);
    expect(await ingestion!.stop()).toBe(0);
  });
});
