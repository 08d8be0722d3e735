import { RunningUpdateOrigin, startUpdateOrigin } from '@factsway/update-origin';
import { digestBytes } from '@factsway/update-path';
import { testInstallerBytes, writeTestRelease } from '@factsway/update-path/testing';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { RecordingInvalidator, startTestS3, TestS3 } from '../testing';
import { asProviderExecutor, noCancel, NodeHttpExecutor } from '../testing/node-http-executor';
import { publishRelease } from './publish-release';

// The CDN's shape locally: a primary and a secondary bucket, each on its own s3rver (a region
// each), published by the real publisher, served by the update origin failing over between them.
let primary: TestS3;
let secondary: TestS3;
let origin: RunningUpdateOrigin;
let work: string;
const executor = new NodeHttpExecutor();

beforeAll(async () => {
  primary = await startTestS3();
  secondary = await startTestS3();
  const bucket = await primary.newBucket('updates');
  const secondaryBucket = await secondary.newBucket('updates-failover');
  work = await mkdtemp(join(tmpdir(), 'factsway-failover-'));
  await writeTestRelease(join(work, '1.0.0'), '1.0.0', ['windows', 'linux']);
  await publishRelease({ version: '1.0.0', artifactsDir: join(work, '1.0.0'), channel: 'latest', bucket, secondaryBucket, invalidator: new RecordingInvalidator() });
  origin = await startUpdateOrigin({
    bucket: { ...primary.server.target, bucket: 'updates' },
    secondaryBucket: { ...secondary.server.target, bucket: 'updates-failover' },
    port: 0,
    logger: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await origin.close();
  await secondary.stop();
  await rm(work, { recursive: true, force: true });
});

/** One client update check as the desktop app does it: the manifest, then the installer with sha512 verification. */
async function updateCheck(round: number): Promise<string> {
  const updater = { channel: null, isAddNoCacheQuery: true } as unknown as ConstructorParameters<typeof GenericProvider>[1];
  const provider = new GenericProvider({ provider: 'generic', url: origin.url }, updater, {
    executor: asProviderExecutor(executor),
    isUseMultipleRangeRequest: false,
    platform: 'win32',
  });
  const info = await provider.getLatestVersion();
  const [file] = provider.resolveFiles(info);
  const destination = join(work, `download-${round}.exe`);
  await executor.download(file.url, destination, { sha512: file.info.sha512, cancellationToken: noCancel() });
  expect(digestBytes(await readFile(destination))).toEqual(digestBytes(testInstallerBytes(info.version, 'win')));
  return info.version;
}

async function metrics(): Promise<string> {
  return (await fetch(new URL('metrics', origin.url))).text();
}

describe('the update origin with a primary and a secondary bucket', () => {
  it('keeps serving electron-updater a verified manifest and installer when the primary stops mid-traffic, and reports the failover', async () => {
    const seen: string[] = [];
    const traffic = (async () => {
      for (let round = 0; round < 12; round++) seen.push(await updateCheck(round));
    })();
    // Stop the primary bucket's server once clients are being served from it.
    while (seen.length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await metrics()).not.toMatch(/update_origin_failovers_total\{/);
    await primary.stop();
    const checksBeforeStop = seen.length;
    await traffic;

    // Mid-traffic: checks were still to come when the primary went away, and every one succeeded.
    expect(checksBeforeStop).toBeLessThan(12);
    expect(seen).toEqual(Array(12).fill('1.0.0'));
    const text = await metrics();
    expect(text).toMatch(/update_origin_failovers_total\{kind="manifest"\} [1-9]\d*/);
    expect(text).toMatch(/update_origin_failovers_total\{kind="installer"\} [1-9]\d*/);
    expect(text).toMatch(/update_origin_bucket_errors_total\{bucket="primary"\} [1-9]\d*/);
    expect(text).not.toMatch(/update_origin_bucket_errors_total\{bucket="secondary"\}/);
    expect(text).not.toMatch(/update_origin_requests_total\{kind="(manifest|installer)",status="5\d\d"\}/);

    // Still ready: the secondary answers.
    expect((await fetch(new URL('ready', origin.url))).status).toBe(200);
  });
});
