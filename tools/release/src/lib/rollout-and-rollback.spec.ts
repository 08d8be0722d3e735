import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTestRelease } from '@factsway/update-path/testing';
import { RecordingInvalidator, startTestS3, TestS3 } from '../testing';
import { publishRelease } from './publish-release';
import { rollbackRelease } from './rollback-release';
import { setRollout } from './set-rollout';
import { UpdateBucket } from './update-bucket';
import { parseUpdateManifest } from './update-manifest';

let s3: TestS3;
let work: string;
let count = 0;

beforeAll(async () => {
  s3 = await startTestS3();
  work = await mkdtemp(join(tmpdir(), 'factsway-rollout-'));
});
afterAll(async () => {
  await s3.stop();
  await rm(work, { recursive: true, force: true });
});

async function bucketWith(versions: string[], platforms: Parameters<typeof writeTestRelease>[2] = ['windows', 'linux']): Promise<UpdateBucket> {
  const bucket = await s3.newBucket(`rollout-${++count}`);
  for (const version of versions) {
    const dir = join(work, `${count}-${version}`);
    await writeTestRelease(dir, version, platforms);
    await publishRelease({ version, artifactsDir: dir, channel: 'latest', bucket, invalidator: new RecordingInvalidator(), stagingPercentage: 10 });
  }
  return bucket;
}

async function live(bucket: UpdateBucket, name = 'latest.yml') {
  return parseUpdateManifest((await bucket.readText(name))!, name);
}

describe('rollout', () => {
  it('sets the staging percentage on every live manifest of the channel and invalidates them', async () => {
    const bucket = await bucketWith(['1.0.1']);
    const cdn = new RecordingInvalidator();
    await setRollout({ bucket, channel: 'latest', percent: 50, invalidator: cdn });
    expect((await live(bucket)).stagingPercentage).toBe(50);
    expect((await live(bucket, 'latest-linux.yml')).stagingPercentage).toBe(50);
    expect(cdn.requests.map((r) => r.paths.sort())).toEqual([['/latest-linux.yml', '/latest.yml']]);
  });

  it('halts with 0 and completes with 100 (the field is then removed, as electron-builder writes a full release)', async () => {
    const bucket = await bucketWith(['1.0.1']);
    await setRollout({ bucket, channel: 'latest', percent: 0, invalidator: new RecordingInvalidator() });
    expect((await live(bucket)).stagingPercentage).toBe(0);
    await setRollout({ bucket, channel: 'latest', percent: 100, invalidator: new RecordingInvalidator() });
    const manifest = await live(bucket);
    expect(manifest.stagingPercentage).toBeUndefined();
    expect(manifest.version).toBe('1.0.1');
  });

  it('rejects non-integers and refuses a channel with nothing published, changing nothing', async () => {
    const bucket = await bucketWith(['1.0.1']);
    const before = await bucket.readText('latest.yml');
    await expect(setRollout({ bucket, channel: 'latest', percent: 12.5, invalidator: new RecordingInvalidator() })).rejects.toThrow(
      /whole number from 0 to 100/,
    );
    await expect(setRollout({ bucket, channel: 'beta', percent: 10, invalidator: new RecordingInvalidator() })).rejects.toThrow(
      /nothing is published on channel beta/,
    );
    expect(await bucket.readText('latest.yml')).toBe(before);
  });
});

describe('rollback', () => {
  it('republishes the archived manifests of the earlier version, fully rolled out, and invalidates', async () => {
    const bucket = await bucketWith(['1.0.0', '1.0.1']);
    const archived = await bucket.readText('releases/1.0.0/latest.yml');
    const cdn = new RecordingInvalidator();
    await rollbackRelease({ bucket, channel: 'latest', toVersion: '1.0.0', invalidator: cdn });
    const manifest = await live(bucket);
    expect(manifest.version).toBe('1.0.0');
    expect(manifest.stagingPercentage).toBeUndefined();
    const { stagingPercentage: _s, ...archivedWithoutStaging } = parseUpdateManifest(archived!, 'archived');
    expect(manifest).toEqual(archivedWithoutStaging);
    expect((await live(bucket, 'latest-linux.yml')).version).toBe('1.0.0');
    expect(cdn.requests[0].paths.sort()).toEqual(['/latest-linux.yml', '/latest.yml']);
  });

  it('can go forward again by rolling back "to" the newer version', async () => {
    const bucket = await bucketWith(['1.0.0', '1.0.1']);
    await rollbackRelease({ bucket, channel: 'latest', toVersion: '1.0.0', invalidator: new RecordingInvalidator() });
    await rollbackRelease({ bucket, channel: 'latest', toVersion: '1.0.1', invalidator: new RecordingInvalidator() });
    expect((await live(bucket)).version).toBe('1.0.1');
  });

  it('refuses a version that was never published', async () => {
    const bucket = await bucketWith(['1.0.1']);
    await expect(rollbackRelease({ bucket, channel: 'latest', toVersion: '0.9.0', invalidator: new RecordingInvalidator() })).rejects.toThrow(
      /0\.9\.0 was never published on channel latest/,
    );
  });

  it('refuses when a file of the target release is gone, leaving the live manifest alone', async () => {
    const bucket = await bucketWith(['1.0.0', '1.0.1']);
    await bucket.client.send(
      new (await import('@aws-sdk/client-s3')).DeleteObjectCommand({ Bucket: bucket.name, Key: 'releases/1.0.0/FACTSWAY-Setup-1.0.0.exe' }),
    );
    const before = await bucket.readText('latest.yml');
    const cdn = new RecordingInvalidator();
    await expect(rollbackRelease({ bucket, channel: 'latest', toVersion: '1.0.0', invalidator: cdn })).rejects.toThrow(
      /releases\/1\.0\.0\/FACTSWAY-Setup-1\.0\.0\.exe is missing/,
    );
    expect(await bucket.readText('latest.yml')).toBe(before);
    expect(cdn.requests).toEqual([]);
  });

  it('leaves a platform the target release did not have, and says so', async () => {
    const bucket = await bucketWith(['1.0.0'], ['windows']);
    const dir = join(work, `${count}-1.0.1-linux`);
    await writeTestRelease(dir, '1.0.1', ['windows', 'linux']);
    await publishRelease({ version: '1.0.1', artifactsDir: dir, channel: 'latest', bucket, invalidator: new RecordingInvalidator() });
    const lines: string[] = [];
    const result = await rollbackRelease({ bucket, channel: 'latest', toVersion: '1.0.0', invalidator: new RecordingInvalidator(), log: (l) => void lines.push(l) });
    expect(result.manifests).toEqual(['latest.yml']);
    expect(lines).toContain('warning: latest-linux.yml stays at 1.0.1: 1.0.0 has no installer for that platform');
  });
});

describe('with a failover bucket', () => {
  async function pairWith(versions: string[]): Promise<{ bucket: UpdateBucket; secondaryBucket: UpdateBucket }> {
    const pair = { bucket: await s3.newBucket(`pair-${++count}`), secondaryBucket: await s3.newBucket(`pair-${count}-failover`) };
    for (const version of versions) {
      const dir = join(work, `${count}-${version}`);
      await writeTestRelease(dir, version, ['windows', 'linux']);
      await publishRelease({ version, artifactsDir: dir, channel: 'latest', ...pair, invalidator: new RecordingInvalidator(), stagingPercentage: 10 });
    }
    return pair;
  }

  it('rollout sets the percentage in both buckets, with one invalidation', async () => {
    const pair = await pairWith(['1.0.1']);
    const cdn = new RecordingInvalidator();
    await setRollout({ ...pair, channel: 'latest', percent: 50, invalidator: cdn });
    for (const bucket of [pair.bucket, pair.secondaryBucket]) {
      expect((await live(bucket)).stagingPercentage).toBe(50);
      expect((await live(bucket, 'latest-linux.yml')).stagingPercentage).toBe(50);
    }
    expect(cdn.requests).toHaveLength(1);
  });

  it('rollout refuses, changing nothing, while the failover bucket offers another release (an unfinished publish)', async () => {
    const pair = await pairWith(['1.0.0']);
    const dir = join(work, `${count}-1.0.1`);
    await writeTestRelease(dir, '1.0.1', ['windows', 'linux']);
    await publishRelease({ version: '1.0.1', artifactsDir: dir, channel: 'latest', bucket: pair.bucket, invalidator: new RecordingInvalidator() });
    const before = await pair.secondaryBucket.readText('latest.yml');

    await expect(setRollout({ ...pair, channel: 'latest', percent: 100, invalidator: new RecordingInvalidator() })).rejects.toThrow(
      /does not offer the same release.*run it again/,
    );
    expect(await pair.secondaryBucket.readText('latest.yml')).toBe(before);
  });

  it('rollback verifies the files in both buckets, then republishes the archived manifests in both', async () => {
    const pair = await pairWith(['1.0.0', '1.0.1']);
    const logged: string[] = [];
    await rollbackRelease({ ...pair, channel: 'latest', toVersion: '1.0.0', invalidator: new RecordingInvalidator(), log: (l) => void logged.push(l) });
    for (const bucket of [pair.bucket, pair.secondaryBucket]) expect((await live(bucket)).version).toBe('1.0.0');
    const lastVerify = logged.map((l) => l.startsWith('done: verify')).lastIndexOf(true);
    const firstPublish = logged.findIndex((l) => l.startsWith('done: publish'));
    expect(logged.filter((l) => l.startsWith('done: verify') && l.endsWith(pair.secondaryBucket.name))).toHaveLength(2);
    expect(lastVerify).toBeLessThan(firstPublish);
  });

  it('rollback refuses when the failover bucket lacks a file, before writing any manifest', async () => {
    const pair = await pairWith(['1.0.0', '1.0.1']);
    await pair.secondaryBucket.putText('releases/1.0.0/FACTSWAY-Setup-1.0.0.exe', 'truncated');
    await expect(rollbackRelease({ ...pair, channel: 'latest', toVersion: '1.0.0', invalidator: new RecordingInvalidator() })).rejects.toThrow(
      /FACTSWAY-Setup-1.0.0.exe is stored with/,
    );
    for (const bucket of [pair.bucket, pair.secondaryBucket]) expect((await live(bucket)).version).toBe('1.0.1');
  });
});
