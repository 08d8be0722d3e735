import { startUpdateOrigin } from '@factsway/update-origin';
import { writeTestRelease } from '@factsway/update-path/testing';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { RecordingInvalidator, startTestS3, TestS3 } from '../testing';
import { asProviderExecutor, noCancel, NodeHttpExecutor } from '../testing/node-http-executor';
import { publishRelease } from './publish-release';
import { UpdateBucket } from './update-bucket';

class Interrupted extends Error {}

let s3: TestS3;
let work: string;
const oldRelease = () => join(work, '1.0.0');
const newRelease = () => join(work, '1.0.1');
const executor = new NodeHttpExecutor();

beforeAll(async () => {
  s3 = await startTestS3();
  work = await mkdtemp(join(tmpdir(), 'factsway-interrupt-'));
  await writeTestRelease(oldRelease(), '1.0.0', ['windows', 'linux']);
  await writeTestRelease(newRelease(), '1.0.1', ['windows', 'linux']);
});
afterAll(async () => {
  await s3.stop();
  await rm(work, { recursive: true, force: true });
});

async function publish(bucket: UpdateBucket, version: string, dir: string, cdn = new RecordingInvalidator(), afterStep?: (s: string) => void) {
  return publishRelease({ version, artifactsDir: dir, channel: 'latest', bucket, invalidator: cdn, afterStep });
}

/**
 * What a client sees through the origin: for each platform, the offered version, after
 * electron-updater itself downloaded every file the manifest lists and checked its sha512.
 */
async function clientView(bucketName: string): Promise<Record<string, string>> {
  const origin = await startUpdateOrigin({ bucket: { ...s3.server.target, bucket: bucketName }, port: 0, logger: pino({ level: 'silent' }) });
  try {
    const seen: Record<string, string> = {};
    for (const platform of ['win32', 'linux'] as const) {
      const updater = { channel: null, isAddNoCacheQuery: true } as unknown as ConstructorParameters<typeof GenericProvider>[1];
      const provider = new GenericProvider({ provider: 'generic', url: origin.url }, updater, { executor: asProviderExecutor(executor), isUseMultipleRangeRequest: false, platform });
      const info = await provider.getLatestVersion();
      for (const file of provider.resolveFiles(info)) {
        await executor.download(file.url, join(work, `${bucketName}-${platform}.bin`), { sha512: file.info.sha512, cancellationToken: noCancel() });
      }
      seen[platform] = info.version;
    }
    return seen;
  } finally {
    await origin.close();
  }
}

describe('a publish interrupted after any step', () => {
  let steps: string[] = [];

  beforeAll(async () => {
    const bucket = await s3.newBucket('interrupt-dry-run');
    await publish(bucket, '1.0.0', oldRelease());
    steps = [];
    await publish(bucket, '1.0.1', newRelease(), undefined, (step) => void steps.push(step));
  });

  it('has the steps in the safe order: files, verification, archive, manifests, invalidation', () => {
    const firstOf = (prefix: string) => steps.findIndex((s) => s.startsWith(prefix));
    const lastOf = (prefix: string) => steps.map((s) => s.startsWith(prefix)).lastIndexOf(true);
    expect(steps).toHaveLength(11);
    expect(lastOf('upload')).toBeLessThan(firstOf('verify'));
    expect(lastOf('verify')).toBeLessThan(firstOf('archive'));
    expect(lastOf('archive')).toBeLessThan(firstOf('publish'));
    expect(steps[steps.length - 1]).toBe('invalidate');
  });

  it('never leaves a client a manifest pointing at a missing or different file, and a re-run finishes it', async () => {
    expect(steps.length).toBeGreaterThan(0);
    for (const [index, stopAfter] of steps.entries()) {
      const bucket = await s3.newBucket(`interrupt-${index}`);
      await publish(bucket, '1.0.0', oldRelease());

      const cdn = new RecordingInvalidator();
      await expect(
        publish(bucket, '1.0.1', newRelease(), cdn, (step) => {
          if (step === stopAfter) throw new Interrupted(stopAfter);
        }),
      ).rejects.toBeInstanceOf(Interrupted);

      // Mid-way every platform offers either the old or the new release, each complete.
      const during = await clientView(bucket.name);
      for (const version of Object.values(during)) expect(['1.0.0', '1.0.1']).toContain(version);
      if (index < steps.indexOf('publish latest-linux.yml')) expect(during).toEqual({ win32: '1.0.0', linux: '1.0.0' });
      expect(cdn.requests.length).toBe(stopAfter === 'invalidate' ? 1 : 0);

      const rerun = new RecordingInvalidator();
      await publish(bucket, '1.0.1', newRelease(), rerun);
      expect(await clientView(bucket.name)).toEqual({ win32: '1.0.1', linux: '1.0.1' });
      expect(rerun.requests.map((r) => r.paths.sort())).toEqual([['/latest-linux.yml', '/latest.yml']]);
    }
  });
});
