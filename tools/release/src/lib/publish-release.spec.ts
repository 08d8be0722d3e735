import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { parseUpdateInfo } from 'electron-updater/out/providers/Provider';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digestBytes } from '@factsway/update-path';
import { testInstallerBytes, writeTestRelease } from '@factsway/update-path/testing';
import { RecordingInvalidator, startTestS3, TestS3 } from '../testing';
import { publishRelease } from './publish-release';
import { UpdateBucket } from './update-bucket';
import { parseUpdateManifest } from './update-manifest';

let s3: TestS3;
let work: string;
let bucketCount = 0;

beforeAll(async () => {
  s3 = await startTestS3();
  work = await mkdtemp(join(tmpdir(), 'factsway-publish-'));
});
afterAll(async () => {
  await s3.stop();
  await rm(work, { recursive: true, force: true });
});

async function freshBucket(): Promise<UpdateBucket> {
  return s3.newBucket(`publish-${++bucketCount}`);
}

async function release(version: string, platforms?: Parameters<typeof writeTestRelease>[2]) {
  const dir = join(work, `${version}-${bucketCount}-${Math.random().toString(36).slice(2)}`);
  const files = await writeTestRelease(dir, version, platforms);
  return { dir, files };
}

describe('publishRelease against a real S3 API', () => {
  it('uploads every installer and blockmap under releases/<version>/ with the bytes it was given', async () => {
    const bucket = await freshBucket();
    const { dir, files } = await release('1.0.1');
    const cdn = new RecordingInvalidator();
    const result = await publishRelease({ version: '1.0.1', artifactsDir: dir, channel: 'latest', bucket, invalidator: cdn });

    expect(result.manifests.sort()).toEqual(['latest-linux.yml', 'latest-mac.yml', 'latest.yml']);
    for (const file of files) {
      const stored = await bucket.digest(`releases/1.0.1/${file.name}`);
      expect(stored).toEqual(digestBytes(file.bytes));
    }
    const head = await bucket.client.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'releases/1.0.1/FACTSWAY-Setup-1.0.1.exe' }));
    expect(head.ContentType).toBe('application/x-msdownload');
    expect(head.CacheControl).toBe('public, max-age=31536000, immutable');
    expect(head.Metadata?.['sha512']).toBe(digestBytes(files[0].bytes).sha512);
  });

  it('writes manifests electron-updater parses: base64 sha512, sizes, path, quoted releaseDate', async () => {
    const bucket = await freshBucket();
    const { dir } = await release('1.0.1', ['windows', 'mac']);
    await publishRelease({
      version: '1.0.1',
      artifactsDir: dir,
      channel: 'latest',
      bucket,
      invalidator: new RecordingInvalidator(),
      stagingPercentage: 25,
      releaseNotes: 'Faster exhibit labels',
      now: () => new Date('2026-11-27T10:00:00.000Z'),
    });
    const text = (await bucket.readText('latest.yml'))!;
    // electron-updater's own parser (js-yaml 4): a timestamp-looking string must stay a string.
    const parsed = parseUpdateInfo(text, 'latest.yml', new URL('http://127.0.0.1/latest.yml')) as unknown as Record<string, unknown>;
    const exe = testInstallerBytes('1.0.1', 'win');
    expect(parsed).toEqual({
      version: '1.0.1',
      files: [{ url: 'releases/1.0.1/FACTSWAY-Setup-1.0.1.exe', sha512: digestBytes(exe).sha512, size: exe.length }],
      path: 'releases/1.0.1/FACTSWAY-Setup-1.0.1.exe',
      sha512: digestBytes(exe).sha512,
      releaseDate: '2026-11-27T10:00:00.000Z',
      releaseNotes: 'Faster exhibit labels',
      stagingPercentage: 25,
    });
    expect(parsed['sha512']).toMatch(/^[A-Za-z0-9+/]{86}==$/);

    const mac = parseUpdateManifest((await bucket.readText('latest-mac.yml'))!, 'latest-mac.yml');
    expect(mac.files.map((f) => f.url)).toEqual(['releases/1.0.1/FACTSWAY-1.0.1-mac.zip', 'releases/1.0.1/FACTSWAY-1.0.1.dmg']);
    expect(await bucket.readText('latest-linux.yml')).toBeUndefined();
    expect(await bucket.readText('releases/1.0.1/latest.yml')).toBe(text);
  });

  it('invalidates exactly the manifest paths it wrote, after writing them', async () => {
    const bucket = await freshBucket();
    const { dir } = await release('1.0.1', ['windows', 'linux']);
    const cdn = new RecordingInvalidator();
    const steps: string[] = [];
    await publishRelease({ version: '1.0.1', artifactsDir: dir, channel: 'beta', bucket, invalidator: cdn, afterStep: (s) => void steps.push(s) });
    expect(cdn.requests).toHaveLength(1);
    expect(cdn.requests[0].paths.sort()).toEqual(['/beta-linux.yml', '/beta.yml']);
    expect(steps).toEqual([
      'upload FACTSWAY-1.0.1.AppImage',
      'upload FACTSWAY-Setup-1.0.1.exe',
      'upload FACTSWAY-Setup-1.0.1.exe.blockmap',
      'verify FACTSWAY-1.0.1.AppImage',
      'verify FACTSWAY-Setup-1.0.1.exe',
      'verify FACTSWAY-Setup-1.0.1.exe.blockmap',
      'archive beta-linux.yml',
      'archive beta.yml',
      'publish beta-linux.yml',
      'publish beta.yml',
      'invalidate',
    ]);
  });

  it('is idempotent: a second run uploads nothing and writes byte-identical manifests', async () => {
    const bucket = await freshBucket();
    const { dir } = await release('1.0.1', ['windows']);
    const first = await publishRelease({ version: '1.0.1', artifactsDir: dir, channel: 'latest', bucket, invalidator: new RecordingInvalidator() });
    const manifest = await bucket.readText('latest.yml');
    const second = await publishRelease({
      version: '1.0.1',
      artifactsDir: dir,
      channel: 'latest',
      bucket,
      invalidator: new RecordingInvalidator(),
      now: () => new Date('2030-01-01T00:00:00.000Z'),
    });
    expect(first.uploaded).toHaveLength(2);
    expect(second.uploaded).toEqual([]);
    expect(second.alreadyPresent.sort()).toEqual(['FACTSWAY-Setup-1.0.1.exe', 'FACTSWAY-Setup-1.0.1.exe.blockmap']);
    expect(await bucket.readText('latest.yml')).toBe(manifest);
  });

  it('refuses a version already published with different bytes, and changes nothing', async () => {
    const bucket = await freshBucket();
    const { dir } = await release('1.0.1', ['windows']);
    await publishRelease({ version: '1.0.1', artifactsDir: dir, channel: 'latest', bucket, invalidator: new RecordingInvalidator() });
    const before = await bucket.readText('latest.yml');

    const rebuilt = join(work, 'rebuilt-1.0.1');
    await writeTestRelease(rebuilt, '1.0.1', ['windows']);
    await writeFile(join(rebuilt, 'FACTSWAY-Setup-1.0.1.exe'), testInstallerBytes('1.0.1-rebuilt'));
    const cdn = new RecordingInvalidator();
    await expect(
      publishRelease({ version: '1.0.1', artifactsDir: rebuilt, channel: 'latest', bucket, invalidator: cdn }),
    ).rejects.toThrow(/1\.0\.1 is already published with different bytes for FACTSWAY-Setup-1\.0\.1\.exe/);
    expect(await bucket.readText('latest.yml')).toBe(before);
    expect(await bucket.digest('releases/1.0.1/FACTSWAY-Setup-1.0.1.exe')).toEqual(digestBytes(testInstallerBytes('1.0.1', 'win')));
    expect(cdn.requests).toEqual([]);
  });

  it('refuses to publish a version older than the live one (that is what rollback is for)', async () => {
    const bucket = await freshBucket();
    await publishRelease({ version: '1.0.2', artifactsDir: (await release('1.0.2', ['windows'])).dir, channel: 'latest', bucket, invalidator: new RecordingInvalidator() });
    await expect(
      publishRelease({ version: '1.0.1', artifactsDir: (await release('1.0.1', ['windows'])).dir, channel: 'latest', bucket, invalidator: new RecordingInvalidator() }),
    ).rejects.toThrow(/latest\.yml already offers 1\.0\.2, newer than 1\.0\.1/);
    expect(await bucket.head('releases/1.0.1/FACTSWAY-Setup-1.0.1.exe')).toBeUndefined();
  });

  it('refuses a prerelease on the latest channel', async () => {
    const bucket = await freshBucket();
    const { dir } = await release('1.1.0-beta.1', ['windows']);
    await expect(
      publishRelease({ version: '1.1.0-beta.1', artifactsDir: dir, channel: 'latest', bucket, invalidator: new RecordingInvalidator() }),
    ).rejects.toThrow(/prerelease; publish it with --channel beta/);
  });

  it('stops before the manifest when the stored bytes do not match (verification is real)', async () => {
    const bucket = await freshBucket();
    const { dir } = await release('1.0.1', ['windows']);
    const cdn = new RecordingInvalidator();
    await expect(
      publishRelease({
        version: '1.0.1',
        artifactsDir: dir,
        channel: 'latest',
        bucket,
        invalidator: cdn,
        // Something else overwrites the installer between upload and verification.
        afterStep: async (step) => {
          if (step === 'upload FACTSWAY-Setup-1.0.1.exe') {
            await bucket.client.send(
              new PutObjectCommand({ Bucket: bucket.name, Key: 'releases/1.0.1/FACTSWAY-Setup-1.0.1.exe', Body: testInstallerBytes('evil') }),
            );
          }
        },
      }),
    ).rejects.toThrow(/releases\/1\.0\.1\/FACTSWAY-Setup-1\.0\.1\.exe is stored with sha512 .*, expected/);
    expect(await bucket.readText('latest.yml')).toBeUndefined();
    expect(cdn.requests).toEqual([]);
    const stored = await bucket.client.send(new GetObjectCommand({ Bucket: bucket.name, Key: 'releases/1.0.1/FACTSWAY-Setup-1.0.1.exe' }));
    expect((await stored.Body!.transformToByteArray()).length).toBe(testInstallerBytes('evil').length);
  });
});
