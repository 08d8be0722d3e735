import { PutObjectCommand } from '@aws-sdk/client-s3';
import { digestBytes } from '@factsway/update-path';
import { testInstallerBytes, testBlockmap } from '@factsway/update-path/testing';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { OriginFixture, startOriginFixture } from '../testing/origin-fixture';
import { rawRequest } from '../testing/raw-request';
import { startUpdateOrigin } from './start-update-origin';

let fixture: OriginFixture;
const exePath = '/releases/1.0.1/FACTSWAY-Setup-1.0.1.exe';
const exe = testInstallerBytes('1.0.1', 'win');

beforeAll(async () => {
  fixture = await startOriginFixture();
  await fixture.storeRelease('1.0.1');
});
afterAll(() => fixture.stop());

function get(path: string, headers: Record<string, string> = {}) {
  return rawRequest(fixture.origin.url, path, { headers });
}

describe('update origin: what electron-updater downloads', () => {
  it('serves a manifest as YAML with a short cache lifetime, its length and the bucket ETag', async () => {
    const stored = (await fixture.bucket.readText('latest.yml'))!;
    const res = await get('/latest.yml?noCache=1k2j3');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(stored);
    expect(res.headers['content-type']).toBe('text/yaml; charset=utf-8');
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(stored)));
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers['etag']).toMatch(/^"[0-9a-f]{32}"$/);
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['last-modified']).toBeDefined();
  });

  it('serves an installer byte for byte, immutable, never compressed', async () => {
    const res = await get(exePath, { 'accept-encoding': 'gzip, br' });
    expect(res.status).toBe(200);
    expect(digestBytes(res.body)).toEqual(digestBytes(exe));
    expect(res.headers['content-type']).toBe('application/x-msdownload');
    expect(res.headers['content-length']).toBe(String(exe.length));
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('serves a blockmap as opaque bytes (electron-updater gunzips it itself) with the short lifetime', async () => {
    const res = await get(`${exePath}.blockmap`, { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.body.equals(testBlockmap(exe))).toBe(true);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('public, max-age=60');
  });

  it('answers HEAD with the GET headers and no body', async () => {
    const head = await rawRequest(fixture.origin.url, exePath, { method: 'HEAD' });
    const full = await get(exePath);
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of ['content-type', 'content-length', 'etag', 'cache-control', 'last-modified']) {
      expect(head.headers[name]).toBe(full.headers[name]);
    }
  });
});

describe('update origin: conditional requests', () => {
  it('answers 304 without a body when If-None-Match names the current ETag (also in a list or weak)', async () => {
    const etag = (await get('/latest.yml')).headers['etag'] as string;
    for (const header of [etag, `"other", ${etag}`, `W/${etag}`, '*']) {
      const res = await get('/latest.yml', { 'if-none-match': header });
      expect(res.status).toBe(304);
      expect(res.body.length).toBe(0);
      expect(res.headers['etag']).toBe(etag);
      expect(res.headers['cache-control']).toBe('public, max-age=60');
    }
  });

  it('sends the file when the ETag no longer matches', async () => {
    const res = await get('/latest.yml', { 'if-none-match': '"0123456789abcdef0123456789abcdef"' });
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(0);
  });

  it('answers 304 on If-Modified-Since at or after Last-Modified, 200 before it', async () => {
    const lastModified = (await get(exePath)).headers['last-modified'] as string;
    expect((await get(exePath, { 'if-modified-since': lastModified })).status).toBe(304);
    const before = new Date(Date.parse(lastModified) - 60_000).toUTCString();
    expect((await get(exePath, { 'if-modified-since': before })).status).toBe(200);
  });
});

describe('update origin: byte ranges (differential download)', () => {
  it('answers a single range with 206, Content-Range and exactly those bytes', async () => {
    const res = await get(exePath, { range: 'bytes=1000-1999' });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 1000-1999/${exe.length}`);
    expect(res.headers['content-length']).toBe('1000');
    expect(res.body.equals(exe.subarray(1000, 2000))).toBe(true);
  });

  it('sends exactly the first byte for bytes=0-0, keeping the keep-alive connection usable', async () => {
    const first = await get(exePath, { range: 'bytes=0-0' });
    expect(first.status).toBe(206);
    expect(first.body.equals(exe.subarray(0, 1))).toBe(true);
    expect((await get('/latest.yml')).status).toBe(200);
  });

  it('supports open-ended and suffix ranges', async () => {
    const tail = await get(exePath, { range: `bytes=${exe.length - 10}-` });
    expect(tail.status).toBe(206);
    expect(tail.body.equals(exe.subarray(exe.length - 10))).toBe(true);
    const suffix = await get(exePath, { range: 'bytes=-16' });
    expect(suffix.headers['content-range']).toBe(`bytes ${exe.length - 16}-${exe.length - 1}/${exe.length}`);
    expect(suffix.body.equals(exe.subarray(exe.length - 16))).toBe(true);
  });

  it('answers 416 with the size for a range past the end', async () => {
    const res = await get(exePath, { range: `bytes=${exe.length + 5}-` });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${exe.length}`);
  });

  it('sends the whole file for several ranges at once, a malformed range, or a stale If-Range', async () => {
    const cases: Record<string, string>[] = [
      { range: 'bytes=0-9,5000-5009' },
      { range: 'pages=1-2' },
      { range: 'bytes=0-9', 'if-range': '"stale"' },
    ];
    for (const headers of cases) {
      const res = await get(exePath, headers);
      expect(res.status).toBe(200);
      expect(res.body.length).toBe(exe.length);
    }
  });

  it('honours If-Range when it names the current ETag', async () => {
    const etag = (await get(exePath)).headers['etag'] as string;
    const res = await get(exePath, { range: 'bytes=0-9', 'if-range': etag });
    expect(res.status).toBe(206);
    expect(res.body.equals(exe.subarray(0, 10))).toBe(true);
  });
});

describe('update origin: refusals', () => {
  it('answers 404 with a JSON error for a missing file, and an empty 404 to HEAD', async () => {
    const res = await get('/releases/9.9.9/FACTSWAY-Setup-9.9.9.exe');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body.toString())).toEqual({
      error: { code: 'not_found', message: 'no file at /releases/9.9.9/FACTSWAY-Setup-9.9.9.exe', requestId: expect.any(String) },
    });
    const head = await rawRequest(fixture.origin.url, '/latest-mac.yml', { method: 'HEAD' });
    expect(head.status).toBe(404);
    expect(head.body.length).toBe(0);
  });

  it('refuses path traversal in every spelling, and never serves what lies outside the bucket', async () => {
    await writeFile(join(fixture.s3.directory, 'outside-the-bucket.txt'), 'secret');
    for (const path of [
      '/../outside-the-bucket.txt',
      '/releases/../latest.yml',
      '/%2e%2e/outside-the-bucket.txt',
      '/.%2E/%2e%2e/etc/passwd',
      '/releases%2f1.0.1%2fFACTSWAY-Setup-1.0.1.exe',
      '/..%5coutside-the-bucket.txt',
      '/releases//1.0.1/FACTSWAY-Setup-1.0.1.exe',
      '/./latest.yml',
      '/latest.yml%00',
      '/%E0%A4%A',
    ]) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.toString()).not.toContain('secret');
      expect(JSON.parse(res.body.toString()).error.code).toBe('bad_path');
    }
  });

  it('is read-only: other methods get 405 with Allow', async () => {
    for (const method of ['PUT', 'POST', 'DELETE', 'PATCH']) {
      const res = await rawRequest(fixture.origin.url, '/latest.yml', { method });
      expect(res.status).toBe(405);
      expect(res.headers['allow']).toBe('GET, HEAD');
    }
    expect(await fixture.bucket.readText('latest.yml')).toBeDefined();
  });

  it('survives malformed requests with a 4xx or a full answer, never a 5xx or a crash', async () => {
    const odd: [string, Record<string, string>][] = [
      [`/${'a'.repeat(4000)}.yml`, {}],
      [`/releases/${'b'.repeat(250)}/${'c'.repeat(250)}.exe`, {}],
      [`/${'d'.repeat(300)}.exe`, {}],
      [exePath, { range: 'bytes=' }],
      [exePath, { range: 'bytes=-' }],
      [exePath, { range: 'bytes=9-1' }],
      [exePath, { range: 'bytes=abc-def' }],
      [exePath, { 'if-none-match': '' }],
      [exePath, { 'if-modified-since': 'yesterday' }],
      [exePath, { 'if-range': 'not a date' }],
      ['/latest.yml?%zz=%', {}],
      ['/%', {}],
      ['/releases/1.0.1/FACTSWAY-Setup-1.0.1.exe%20', {}],
    ];
    for (const [path, headers] of odd) {
      const res = await get(path, headers);
      expect({ path: path.slice(0, 60), headers, ok: res.status < 500 }).toEqual({ path: path.slice(0, 60), headers, ok: true });
    }
    expect((await get('/health')).status).toBe(200);
  });

  it('answers 404 at the root', async () => {
    expect((await get('/')).status).toBe(404);
  });
});

describe('update origin: operations', () => {
  it('counts requests by path kind and status on /metrics', async () => {
    await get('/latest.yml');
    await get(exePath, { range: 'bytes=0-0' });
    await get('/releases/1.0.1/nothing.blockmap');
    const metrics = (await get('/metrics')).body.toString();
    expect(metrics).toMatch(/update_origin_requests_total\{kind="manifest",status="200"\} [1-9]\d*/);
    expect(metrics).toMatch(/update_origin_requests_total\{kind="installer",status="206"\} [1-9]\d*/);
    expect(metrics).toMatch(/update_origin_requests_total\{kind="blockmap",status="404"\} [1-9]\d*/);
    expect(metrics).toMatch(/update_origin_requests_total\{kind="other",status="400"\} [1-9]\d*/);
    expect(metrics).toMatch(/update_origin_response_bytes_total\{kind="installer"\} [1-9]\d*/);
    expect(metrics).toContain('update_origin_request_duration_seconds_bucket');
    expect(metrics).toContain('process_cpu_user_seconds_total');
  });

  it('reports health, and readiness only when the bucket is reachable', async () => {
    expect((await get('/health')).status).toBe(200);
    expect(JSON.parse((await get('/ready')).body.toString())).toEqual({ status: 'ready', bucket: 'updates' });
    const lost = await startUpdateOrigin({ bucket: { ...fixture.s3.server.target, bucket: 'no-such-bucket' }, port: 0, logger: pino({ level: 'silent' }) });
    try {
      const res = await rawRequest(lost.url, '/ready');
      expect(res.status).toBe(503);
      expect(JSON.parse(res.body.toString()).error.code).toBe('bucket_unavailable');
    } finally {
      await lost.close();
    }
  });

  it('fails over to the secondary bucket when the primary cannot be read, and counts the failover', async () => {
    const failover = await startUpdateOrigin({
      bucket: { ...fixture.s3.server.target, endpoint: 'http://127.0.0.1:9' },
      secondaryBucket: { ...fixture.s3.server.target, bucket: 'updates' },
      port: 0,
      logger: pino({ level: 'silent' }),
    });
    try {
      const direct = await rawRequest(fixture.origin.url, '/latest.yml');
      const res = await rawRequest(failover.url, '/latest.yml');
      expect(res.status).toBe(200);
      expect(res.body.toString()).toBe(direct.body.toString());
      expect(res.headers['etag']).toBe(direct.headers['etag']);
      expect((await rawRequest(failover.url, '/no-such.yml')).status).toBe(404);
      const metrics = (await rawRequest(failover.url, '/metrics')).body.toString();
      expect(metrics).toMatch(/update_origin_failovers_total\{kind="manifest"\} 2/);
      expect(metrics).toMatch(/update_origin_requests_total\{kind="manifest",status="200"\} 1/);
      expect(metrics).toMatch(/update_origin_bucket_errors_total\{bucket="primary"\} 2/);
      expect((await rawRequest(failover.url, '/ready')).status).toBe(200);
    } finally {
      await failover.close();
    }
  });

  it('answers 502 (as a CDN does) when the bucket cannot be read, and counts it as a 5xx', async () => {
    const down = await startUpdateOrigin({
      bucket: { ...fixture.s3.server.target, endpoint: 'http://127.0.0.1:9' },
      port: 0,
      logger: pino({ level: 'silent' }),
    });
    try {
      const res = await rawRequest(down.url, '/latest.yml');
      expect(res.status).toBe(502);
      expect(JSON.parse(res.body.toString()).error.code).toBe('bucket_unavailable');
      const metrics = (await rawRequest(down.url, '/metrics')).body.toString();
      expect(metrics).toMatch(/update_origin_requests_total\{kind="manifest",status="502"\} 1/);
      expect(metrics).toMatch(/update_origin_bucket_errors_total\{bucket="primary"\} 1/);
    } finally {
      await down.close();
    }
  });

  it('serves the new bytes right after an object is replaced (no stale cache in the origin)', async () => {
    const client = fixture.bucket.client;
    await client.send(new PutObjectCommand({ Bucket: fixture.bucket.name, Key: 'notes/extra.txt', Body: 'one' }));
    expect((await get('/notes/extra.txt')).body.toString()).toBe('one');
    await client.send(new PutObjectCommand({ Bucket: fixture.bucket.name, Key: 'notes/extra.txt', Body: 'two!' }));
    const res = await get('/notes/extra.txt');
    expect(res.body.toString()).toBe('two!');
    expect(res.headers['content-length']).toBe('4');
    expect(res.headers['content-type']).toBe('application/octet-stream');
  });
});
