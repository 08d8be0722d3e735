import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { digestBytes, isMissingObject, manifestName, releaseKey } from '@factsway/update-path';
import { startTestS3Server, TestS3Server, writeTestRelease } from '@factsway/update-path/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { RunningUpdateOrigin, startUpdateOrigin } from '../lib/start-update-origin';

export interface FixtureBucket {
  client: S3Client;
  name: string;
  readText(key: string): Promise<string | undefined>;
}

export interface OriginFixture {
  s3: TestS3Server;
  bucket: FixtureBucket;
  origin: RunningUpdateOrigin;
  work: string;
  /**
   * Stores `version`'s Windows and Linux installers and blockmaps under releases/<version>/
   * and the live manifests naming them, as a publish leaves the bucket (the publisher's own
   * tests, in tools/release, run the real one against this origin).
   */
  storeRelease(version: string): Promise<void>;
  stop(): Promise<void>;
}

function manifestFor(version: string, file: { name: string; bytes: Buffer }): string {
  const { sha512, size } = digestBytes(file.bytes);
  const url = releaseKey(version, file.name);
  return `version: ${version}\nfiles:\n  - url: ${url}\n    sha512: ${sha512}\n    size: ${size}\npath: ${url}\nsha512: ${sha512}\nreleaseDate: '2026-12-05T00:00:00.000Z'\n`;
}

/** s3rver + a bucket + the origin serving it, all on free ports of 127.0.0.1. */
export async function startOriginFixture(bucketName = 'updates'): Promise<OriginFixture> {
  const s3 = await startTestS3Server();
  const target = await s3.createBucket(bucketName);
  const origin = await startUpdateOrigin({ bucket: target, port: 0, logger: pino({ level: 'silent' }) });
  const work = await mkdtemp(join(tmpdir(), 'factsway-origin-'));
  const put = (key: string, body: Buffer | string) => s3.client.send(new PutObjectCommand({ Bucket: bucketName, Key: key, Body: body }));
  const bucket: FixtureBucket = {
    client: s3.client,
    name: bucketName,
    async readText(key) {
      try {
        const result = await s3.client.send(new GetObjectCommand({ Bucket: bucketName, Key: key }));
        return await result.Body!.transformToString('utf8');
      } catch (error) {
        if (isMissingObject(error)) return undefined;
        throw error;
      }
    },
  };
  return {
    s3,
    bucket,
    origin,
    work,
    async storeRelease(version) {
      const files = await writeTestRelease(join(work, version), version, ['windows', 'linux']);
      for (const file of files) await put(releaseKey(version, file.name), file.bytes);
      const installer = (suffix: string) => files.find((file) => file.name.endsWith(suffix))!;
      await put(manifestName('latest', 'windows'), manifestFor(version, installer('.exe')));
      await put(manifestName('latest', 'linux'), manifestFor(version, installer('.AppImage')));
    },
    async stop() {
      await origin.close();
      await s3.stop();
      await rm(work, { recursive: true, force: true });
    },
  };
}
