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

// Two s3rver instances: the primary bucket and the failover bucket, as two regions.
let s3: TestS3;
let failoverS3: TestS3;
let work: string;
const oldRelease = () => join(work, '1.0.0');
const newRelease = () => join(work, '1.0.1');
const executor = new NodeHttpExecutor();

beforeAll(async () => {
  s3 = await startTestS3();
  failoverS3 = await startTestS3();
  work = await mkdtemp(join(tmpdir(), 'factsway-interrupt-'));
  await writeTestRelease(oldRelease(), '1.0.0', ['windows', 'linux']);
  await writeTestRelease(newRelease(), '1.0.1', ['windows', 'linux']);
});
afterAll(async () => {
  await s3.stop();
  await failoverS3.stop();
  await rm(work, { recursive: true, force: true });
});

interface BucketPair {
  primary: UpdateBucket;
  secondary: UpdateBucket;
}

/** A step's name with the bucket names replaced by their roles, to compare runs on different buckets. */
function byRole(step: string, pair: BucketPair): string {
  return step.replace(` in ${pair.secondary.name}`, ' in secondary').replace(` in ${pair.primary.name}`, ' in primary');
}

async function newPair(name: string): Promise<BucketPair> {
  return { primary: await s3.newBucket(name), secondary: await failoverS3.newBucket(`${name}-failover`) };
}

async function publish(pair: BucketPair, version: string, dir: string, cdn = new RecordingInvalidator(), afterStep?: (s: string) => void) {
  return publishRelease({
    version,
    artifactsDir: dir,
    channel: 'latest',
    bucket: pair.primary,
    secondaryBucket: pair.secondary,
    invalidator: cdn,
    afterStep,
  });
}

/**
 * What a client sees through the origin: for each platform, the offered version, after
 * electron-updater itself downloaded every file the manifest lists and checked its sha512.
 */
async function clientView(server: TestS3, bucketName: string): Promise<Record<string, string>> {
  const origin = await startUpdateOrigin({ bucket: { ...server.server.target, bucket: bucketName }, port: 0, drainIdleGraceMs: 0, logger: pino({ level: 'silent' }) });
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

/** Each origin the CDN may read from, as a client sees it. */
async function viewsOf(pair: BucketPair): Promise<Record<string, Record<string, string>>> {
  return {
    primary: await clientView(s3, pair.primary.name),
    secondary: await clientView(failoverS3, pair.secondary.name),
  };
}

describe('a publish to the primary and the failover bucket, interrupted after any step', () => {
  let steps: string[] = [];

  beforeAll(async () => {
    const pair = await newPair('interrupt-dry-run');
    await publish(pair, '1.0.0', oldRelease());
    steps = [];
    await publish(pair, '1.0.1', newRelease(), undefined, (step) => void steps.push(byRole(step, pair)));
  });

  it('uploads and verifies every file in both buckets before archiving or publishing any manifest in either', () => {
    const firstOf = (prefix: string) => steps.findIndex((s) => s.startsWith(prefix));
    const lastOf = (prefix: string) => steps.map((s) => s.startsWith(prefix)).lastIndexOf(true);
    // 3 files x 2 buckets uploaded and verified, 2 manifests x 2 buckets archived and published, 1 invalidation.
    expect(steps).toHaveLength(21);
    for (const name of ['primary', 'secondary']) {
      expect(steps.filter((s) => s.startsWith('upload') && s.endsWith(` in ${name}`))).toHaveLength(3);
      expect(steps.filter((s) => s.startsWith('publish') && s.endsWith(` in ${name}`))).toHaveLength(2);
    }
    expect(lastOf('upload')).toBeLessThan(firstOf('verify'));
    expect(lastOf('verify')).toBeLessThan(firstOf('archive'));
    expect(lastOf('archive')).toBeLessThan(firstOf('publish'));
    expect(steps[steps.length - 1]).toBe('invalidate');
  });

  it('never leaves either origin a manifest pointing at a missing or different file, and a re-run finishes both', async () => {
    expect(steps.length).toBeGreaterThan(0);
    for (const [index, stopAfter] of steps.entries()) {
      const pair = await newPair(`interrupt-${index}`);
      await publish(pair, '1.0.0', oldRelease());

      const cdn = new RecordingInvalidator();
      await expect(
        publish(pair, '1.0.1', newRelease(), cdn, (step) => {
          if (byRole(step, pair) === stopAfter) throw new Interrupted(stopAfter);
        }),
      ).rejects.toBeInstanceOf(Interrupted);

      // Mid-way every platform of each origin offers either the old or the new release, each complete
      // (clientView downloads every listed file and checks its sha512); before that bucket's first
      // manifest write, its origin still offers the old release everywhere.
      const during = await viewsOf(pair);
      for (const [role, view] of Object.entries(during)) {
        for (const version of Object.values(view)) expect(['1.0.0', '1.0.1']).toContain(version);
        const firstPublish = steps.findIndex((s) => s.startsWith('publish') && s.endsWith(` in ${role}`));
        if (index < firstPublish) expect(view).toEqual({ win32: '1.0.0', linux: '1.0.0' });
      }
      expect(cdn.requests.length).toBe(stopAfter === 'invalidate' ? 1 : 0);

      const rerun = new RecordingInvalidator();
      await publish(pair, '1.0.1', newRelease(), rerun);
      for (const view of Object.values(await viewsOf(pair))) expect(view).toEqual({ win32: '1.0.1', linux: '1.0.1' });
      expect(rerun.requests.map((r) => r.paths.sort())).toEqual([['/latest-linux.yml', '/latest.yml']]);
    }
  });
});
