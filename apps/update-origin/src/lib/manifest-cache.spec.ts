import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createUpdateS3Client, startLocalBucket, type RunningLocalBucket } from '@factsway/update-path';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CountingProxy, startCountingProxy } from '../testing/counting-proxy';
import type { OriginBucket } from './bucket-object';
import { ManifestCache } from './manifest-cache';

const bucketName = 'updates';
let directory: string;
let bucket: RunningLocalBucket;
let proxy: CountingProxy;
let origin: OriginBucket;
let clock = 0;

async function startBucket(port = 0): Promise<RunningLocalBucket> {
  return startLocalBucket({ directory, port, bucket: bucketName });
}

function put(key: string, body: string) {
  return origin.s3.send(new PutObjectCommand({ Bucket: bucketName, Key: key, Body: body }));
}

function newCache(revalidateMs = 1000, maxEntries?: number): ManifestCache {
  return new ManifestCache(origin, { revalidateMs, maxEntries, now: () => clock });
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'factsway-manifest-cache-'));
  bucket = await startBucket();
  proxy = await startCountingProxy(bucket.endpoint);
  origin = { s3: createUpdateS3Client({ ...bucket.target, endpoint: proxy.endpoint }), bucket: bucketName };
});
afterAll(async () => {
  origin.s3.destroy();
  await proxy.stop();
  await bucket.close();
  await rm(directory, { recursive: true, force: true });
});
beforeEach(() => {
  clock = 0;
  proxy.requests.length = 0;
});

describe('ManifestCache', () => {
  it('serves from memory until revalidateMs has passed, then what the bucket holds', async () => {
    await put('serve.yml', 'version: 1.0.0\n');
    const cache = newCache(1000);
    expect((await cache.read('serve.yml'))!.body.toString()).toBe('version: 1.0.0\n');
    await put('serve.yml', 'version: 1.0.1\n');

    clock = 999;
    expect((await cache.read('serve.yml'))!.body.toString()).toBe('version: 1.0.0\n');
    clock = 1000;
    const renewed = (await cache.read('serve.yml'))!;
    expect(renewed.body.toString()).toBe('version: 1.0.1\n');
    expect(renewed.size).toBe(15);
    expect(renewed.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(proxy.requestsFor(bucketName, 'serve.yml').map((r) => r.method)).toEqual(['PUT', 'GET', 'PUT', 'GET']);
  });

  it('revalidates with If-None-Match and keeps the manifest it holds when the bucket answers 304', async () => {
    await put('unchanged.yml', 'version: 2.0.0\n');
    const cache = newCache(1000);
    const first = await cache.read('unchanged.yml');
    clock = 5000;
    expect(await cache.read('unchanged.yml')).toBe(first);
    const reads = proxy.requestsFor(bucketName, 'unchanged.yml').filter((r) => r.method === 'GET');
    expect(reads.map((r) => r.headers['if-none-match'])).toEqual([undefined, first!.etag]);
  });

  it('shares one bucket read among the requests that find an entry due', async () => {
    await put('busy.yml', 'version: 3.0.0\n');
    const cache = newCache(1000);
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.read('busy.yml')));
    expect(new Set(answers.map((a) => a!.body.toString()))).toEqual(new Set(['version: 3.0.0\n']));
    clock = 2000;
    await Promise.all(Array.from({ length: 20 }, () => cache.read('busy.yml')));
    expect(proxy.requestsFor(bucketName, 'busy.yml').filter((r) => r.method === 'GET')).toHaveLength(2);
  });

  it('remembers a missing key for revalidateMs, then finds it once published', async () => {
    const cache = newCache(1000);
    expect(await cache.read('later.yml')).toBeUndefined();
    await put('later.yml', 'version: 4.0.0\n');
    expect(await cache.read('later.yml')).toBeUndefined();
    clock = 1000;
    expect((await cache.read('later.yml'))!.body.toString()).toBe('version: 4.0.0\n');
  });

  it('with revalidateMs 0 asks the bucket on every read', async () => {
    await put('always.yml', 'version: 5.0.0\n');
    const cache = newCache(0);
    await cache.read('always.yml');
    await put('always.yml', 'version: 5.0.1\n');
    expect((await cache.read('always.yml'))!.body.toString()).toBe('version: 5.0.1\n');
  });

  it('holds at most maxEntries keys, dropping the least recently validated', async () => {
    for (const key of ['a.yml', 'b.yml', 'c.yml']) await put(key, key);
    const cache = newCache(1000, 2);
    for (const key of ['a.yml', 'b.yml', 'c.yml']) await cache.read(key);
    proxy.requests.length = 0;
    await cache.read('c.yml');
    await cache.read('a.yml');
    expect(proxy.requests.map((r) => r.path)).toEqual([`/${bucketName}/a.yml`]);
  });

  it('fails every read once due while the bucket is down (no stale manifest), and recovers when it is back', async () => {
    await put('outage.yml', 'version: 6.0.0\n');
    const cache = newCache(1000);
    expect((await cache.read('outage.yml'))!.body.toString()).toBe('version: 6.0.0\n');
    const port = bucket.port;
    await bucket.close();
    try {
      clock = 500;
      expect((await cache.read('outage.yml'))!.body.toString()).toBe('version: 6.0.0\n');
      clock = 1000;
      await expect(cache.read('outage.yml')).rejects.toThrow();
      await expect(cache.read('outage.yml')).rejects.toThrow();
    } finally {
      bucket = await startBucket(port);
    }
    expect((await cache.read('outage.yml'))!.body.toString()).toBe('version: 6.0.0\n');
  });
});

describe('ManifestCache while the bucket rewrites a manifest', () => {
  // s3rver rewrites the object file in place, then its MD5 (the ETag): between the two, a GET
  // returns the new bytes under the old ETag (or a truncated file).
  const objectFile = (key: string) => join(directory, bucketName, `${key}._S3rver_object`);

  it('never keeps bytes that do not match their ETag, and reads again until the rewrite is done', async () => {
    await put('rewrite.yml', 'version: 7.0.0\n');
    await writeFile(objectFile('rewrite.yml'), 'version: 7.0.1\n');
    const cache = newCache(1000);
    const reading = cache.read('rewrite.yml');
    const gets = () => proxy.requestsFor(bucketName, 'rewrite.yml').filter((r) => r.method === 'GET').length;
    while (gets() < 2) await sleep(5);
    await writeFile(`${objectFile('rewrite.yml')}.md5`, createHash('md5').update('version: 7.0.1\n').digest('hex'));
    const manifest = (await reading)!;
    expect(manifest.body.toString()).toBe('version: 7.0.1\n');
    expect(manifest.etag).toBe(`"${createHash('md5').update('version: 7.0.1\n').digest('hex')}"`);
  });

  it('fails the read when the bytes never match their ETag', async () => {
    await put('torn.yml', 'version: 8.0.0\n');
    await writeFile(objectFile('torn.yml'), '');
    await expect(newCache(1000).read('torn.yml')).rejects.toThrow('/torn.yml kept changing while being read');
  });
});
