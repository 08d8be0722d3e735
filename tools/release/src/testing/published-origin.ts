import { RunningUpdateOrigin, startUpdateOrigin } from '@factsway/update-origin';
import { DesktopPlatform } from '@factsway/update-path';
import { writeTestRelease } from '@factsway/update-path/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { publishRelease } from '../lib/publish-release';
import { UpdateBucket } from '../lib/update-bucket';
import { RecordingInvalidator } from './recording-invalidator';
import { startTestS3, TestS3 } from './test-bucket';

export interface PublishedOrigin {
  s3: TestS3;
  bucket: UpdateBucket;
  origin: RunningUpdateOrigin;
  work: string;
  /** Publishes `version` (Windows + Linux by default) with the real publisher into the served bucket. */
  publish(version: string, platforms?: DesktopPlatform[]): Promise<void>;
  stop(): Promise<void>;
}

/** s3rver + a bucket + the update origin serving it, all on free ports of 127.0.0.1. */
export async function startPublishedOrigin(bucketName = 'updates'): Promise<PublishedOrigin> {
  const s3 = await startTestS3();
  const bucket = await s3.newBucket(bucketName);
  const origin = await startUpdateOrigin({
    bucket: { ...s3.server.target, bucket: bucketName },
    port: 0,
    logger: pino({ level: 'silent' }),
  });
  const work = await mkdtemp(join(tmpdir(), 'factsway-origin-'));
  return {
    s3,
    bucket,
    origin,
    work,
    async publish(version, platforms = ['windows', 'linux']) {
      const dir = join(work, version);
      await writeTestRelease(dir, version, platforms);
      await publishRelease({ version, artifactsDir: dir, channel: 'latest', bucket, invalidator: new RecordingInvalidator() });
    },
    async stop() {
      await origin.close();
      await s3.stop();
      await rm(work, { recursive: true, force: true });
    },
  };
}
