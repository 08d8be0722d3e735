import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createUpdateS3Client, startLocalBucket, type RunningLocalBucket } from '@factsway/update-path';
import { testInstallerBytes } from '@factsway/update-path/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { CountingProxy, startCountingProxy } from '../testing/counting-proxy';
import { OriginFixture, startOriginFixture } from '../testing/origin-fixture';
import { rawRequest } from '../testing/raw-request';
import { RunningUpdateOrigin, startUpdateOrigin } from './start-update-origin';

const exeKey = 'releases/1.0.1/FACTSWAY-Setup-1.0.1.exe';
const exe = testInstallerBytes('1.0.1', 'win');
let fixture: OriginFixture;
let proxy: CountingProxy;
const running: RunningUpdateOrigin[] = [];

beforeAll(async () => {
  fixture = await startOriginFixture();
  await fixture.storeRelease('1.0.1');
  proxy = await startCountingProxy(fixture.s3.server.endpoint);
});
afterAll(async () => {
  for (const origin of running) await origin.close();
  await proxy.stop();
  await fixture.stop();
});
beforeEach(() => {
  proxy.requests.length = 0;
});

/** An origin that reads the fixture's bucket through the counting proxy. */
async function originThroughProxy(manifestRevalidateMs: number): Promise<RunningUpdateOrigin> {
  const origin = await startUpdateOrigin({
    bucket: { ...fixture.s3.server.target, bucket: fixture.bucket.name, endpoint: proxy.endpoint },
    manifestRevalidateMs,
    port: 0,
    logger: pino({ level: 'silent' }),
  });
  running.push(origin);
  return origin;
}

function publishManifest(key: string, body: string) {
  return fixture.bucket.client.send(new PutObjectCommand({ Bucket: fixture.bucket.name, Key: key, Body: body }));
}

const bucketReads = (key: string) => proxy.requestsFor(fixture.bucket.name, key).map((r) => `${r.method} ${r.headers['range'] ?? ''}`.trim());

describe('update origin: manifests from memory', () => {
  it('serves a newly published manifest once the revalidation interval has passed, with its new ETag', async () => {
    const origin = await originThroughProxy(200);
    await publishManifest('beta.yml', 'version: 2.0.0-beta.1\n');
    const before = await rawRequest(origin.url, '/beta.yml');
    expect(before.body.toString()).toBe('version: 2.0.0-beta.1\n');

    await publishManifest('beta.yml', 'version: 2.0.0-beta.2\n');
    await sleep(250);
    const after = await rawRequest(origin.url, '/beta.yml');
    expect(after.status).toBe(200);
    expect(after.body.toString()).toBe('version: 2.0.0-beta.2\n');
    expect(after.headers['etag']).not.toBe(before.headers['etag']);
    expect(after.headers['cache-control']).toBe('public, max-age=60');

    const revalidated = await rawRequest(origin.url, '/beta.yml', { headers: { 'if-none-match': after.headers['etag'] as string } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(revalidated.headers['etag']).toBe(after.headers['etag']);
    expect(revalidated.headers['last-modified']).toBe(after.headers['last-modified']);
    const outdated = await rawRequest(origin.url, '/beta.yml', { headers: { 'if-none-match': before.headers['etag'] as string } });
    expect(outdated.status).toBe(200);
    expect(outdated.body.toString()).toBe('version: 2.0.0-beta.2\n');
  });

  it('asks the bucket once per interval however many clients ask for the manifest', async () => {
    const origin = await originThroughProxy(60_000);
    const answers = await Promise.all(Array.from({ length: 32 }, () => rawRequest(origin.url, '/latest.yml')));
    expect(new Set(answers.map((a) => `${a.status} ${a.body.toString()}`)).size).toBe(1);
    expect(answers[0].status).toBe(200);
    expect(bucketReads('latest.yml')).toEqual(['GET']);
  });

  it('answers HEAD, a byte range (206, exact bytes) and a range past the end (416) of a manifest from memory', async () => {
    const origin = await originThroughProxy(60_000);
    const stored = Buffer.from((await fixture.bucket.readText('latest-linux.yml'))!);
    const full = await rawRequest(origin.url, '/latest-linux.yml');
    const head = await rawRequest(origin.url, '/latest-linux.yml', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of ['content-type', 'content-length', 'etag', 'cache-control', 'last-modified']) expect(head.headers[name]).toBe(full.headers[name]);

    const range = await rawRequest(origin.url, '/latest-linux.yml', { headers: { range: 'bytes=5-14' } });
    expect(range.status).toBe(206);
    expect(range.headers['content-range']).toBe(`bytes 5-14/${stored.length}`);
    expect(range.body.equals(stored.subarray(5, 15))).toBe(true);

    const past = await rawRequest(origin.url, '/latest-linux.yml', { headers: { range: `bytes=${stored.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${stored.length}`);
  });
});

describe('update origin: installers from one bucket GET', () => {
  it('streams a whole installer from one GET (no HEAD)', async () => {
    const origin = await originThroughProxy(1000);
    const res = await rawRequest(origin.url, `/${exeKey}`);
    expect(res.status).toBe(200);
    expect(res.body.equals(exe)).toBe(true);
    expect(bucketReads(exeKey)).toEqual(['GET']);
  });

  it('passes the range to the bucket and answers 206 with exactly those bytes', async () => {
    const origin = await originThroughProxy(1000);
    const res = await rawRequest(origin.url, `/${exeKey}`, { headers: { range: 'bytes=4096-8191' } });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 4096-8191/${exe.length}`);
    expect(res.headers['content-length']).toBe('4096');
    expect(res.body.equals(exe.subarray(4096, 8192))).toBe(true);
    expect(bucketReads(exeKey)).toEqual(['GET bytes=4096-8191']);
  });

  it("answers the bucket's 416 with the object's size", async () => {
    const origin = await originThroughProxy(1000);
    const res = await rawRequest(origin.url, `/${exeKey}`, { headers: { range: `bytes=${exe.length}-${exe.length + 99}` } });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${exe.length}`);
    expect(JSON.parse(res.body.toString()).error.code).toBe('range_not_satisfiable');
    expect(bucketReads(exeKey)).toEqual([`GET bytes=${exe.length}-${exe.length + 99}`, 'HEAD']);
  });

  it('answers If-None-Match naming the installer with 304 from the same GET', async () => {
    const origin = await originThroughProxy(1000);
    const etag = (await rawRequest(origin.url, `/${exeKey}`, { method: 'HEAD' })).headers['etag'] as string;
    const res = await rawRequest(origin.url, `/${exeKey}`, { headers: { 'if-none-match': etag } });
    expect(res.status).toBe(304);
    expect(res.body.length).toBe(0);
    expect(res.headers['etag']).toBe(etag);
  });
});

describe('update origin: clients that go away mid-download', () => {
  it('ends the bucket read with the client, so the S3 client never runs out of connections', async () => {
    const key = 'releases/9.0.0/FACTSWAY-Setup-9.0.0.exe';
    const big = Buffer.alloc(16 * 1024 * 1024, 7);
    await fixture.bucket.client.send(new PutObjectCommand({ Bucket: fixture.bucket.name, Key: key, Body: big }));
    const url = new URL(`/${key}`, fixture.origin.url);
    // More than the S3 client's 50 pooled sockets: a bucket read left paused would hold one each.
    // Half go after the first bytes, half while the origin is still waiting for the bucket.
    for (let i = 0; i < 60; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = request(url, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', (error) => (req.destroyed ? resolve() : reject(error)));
        req.end(() => {
          if (i % 2 === 1) setTimeout(() => req.destroy(), 1);
        });
      });
    }
    const res = await rawRequest(fixture.origin.url, `/${key}`, { headers: { range: 'bytes=0-9' } });
    expect(res.status).toBe(206);
    expect(res.body.equals(big.subarray(0, 10))).toBe(true);
  });
});

describe('update origin: the bucket down while a manifest is held', () => {
  let directory: string;
  let bucket: RunningLocalBucket | undefined;

  afterAll(async () => {
    await bucket?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('answers 502 once the interval has passed (never a stale manifest), and the manifest again when the bucket is back', async () => {
    directory = await mkdtemp(join(tmpdir(), 'factsway-origin-outage-'));
    bucket = await startLocalBucket({ directory, port: 0, bucket: 'outage' });
    const port = bucket.port;
    const origin = await startUpdateOrigin({ bucket: bucket.target, manifestRevalidateMs: 200, port: 0, logger: pino({ level: 'silent' }) });
    running.push(origin);
    const client = createUpdateS3Client(bucket.target);
    await client.send(new PutObjectCommand({ Bucket: 'outage', Key: 'latest.yml', Body: 'version: 1.0.0\n' }));
    client.destroy();
    expect((await rawRequest(origin.url, '/latest.yml')).body.toString()).toBe('version: 1.0.0\n');

    await bucket.close();
    bucket = undefined;
    await sleep(250);
    for (let i = 0; i < 2; i++) {
      const res = await rawRequest(origin.url, '/latest.yml');
      expect(res.status).toBe(502);
      expect(JSON.parse(res.body.toString()).error.code).toBe('bucket_unavailable');
      expect(res.headers['etag']).toBeUndefined();
    }
    const metrics = (await rawRequest(origin.url, '/metrics')).body.toString();
    expect(metrics).toMatch(/update_origin_requests_total\{kind="manifest",status="502"\} 2/);
    expect(metrics).toMatch(/update_origin_bucket_errors_total\{bucket="primary"\} 2/);

    bucket = await startLocalBucket({ directory, port, bucket: 'outage' });
    const back = await rawRequest(origin.url, '/latest.yml');
    expect(back.status).toBe(200);
    expect(back.body.toString()).toBe('version: 1.0.0\n');
  });
});
