import { findWorkspaceRoot, freePort } from '@factsway/dev-support';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startTestDatabase, type TestDatabase } from '@factsway/database';
import { DOCX_MEDIA_TYPE, type DocumentModel } from '@factsway/document-model';
import { platformVersion } from '@factsway/service-catalog';
import { newId } from '@factsway/shared-utils';

const root = findWorkspaceRoot();
const bundleOf = (service: string) => join(root, 'dist', 'apps', service, 'main.js');

interface BundleProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
}

async function startBundle(service: string, env: Record<string, string>): Promise<BundleProcess> {
  const bundle = bundleOf(service);
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npx nx build ${service}`);
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), DEPLOYMENT_ENV: 'local', LOG_LEVEL: 'warn' };
  delete childEnv['APP_VERSION'];
  const child = spawn(process.execPath, [bundle], { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${service} exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/ready`)).status === 200) return { url, child, output: () => output };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${service}: not ready within 30 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopBundle(bundle: BundleProcess | undefined): Promise<number | null> {
  if (!bundle || bundle.child.exitCode !== null) return bundle?.child.exitCode ?? null;
  const exited = new Promise<number | null>((resolve) => bundle.child.once('exit', (code) => resolve(code)));
  bundle.child.kill('SIGTERM');
  return exited;
}

// The test target depends on both builds, so `nx test export-service` builds the bundles first.
describe('the built export- and ingestion-service bundles, as two real processes', () => {
  let database: TestDatabase;
  let exporter: BundleProcess | undefined;
  let ingestion: BundleProcess | undefined;

  beforeAll(async () => {
    database = await startTestDatabase({ migrate: true });
    [exporter, ingestion] = await Promise.all([
      startBundle('export-service', {}),
      startBundle('ingestion-service', { DATABASE_URL: database.url }),
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
    expect(await stopBundle(exporter)).toBe(0);
    expect(await stopBundle(ingestion)).toBe(0);
  });
});
