// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- s3rver ships no types; projects that compile this file through the alias need the declaration too
/// <reference path="../types/s3rver.d.ts" />
import { mkdir } from 'node:fs/promises';
import S3rver from 's3rver';
import { S3Target } from './update-s3-client';

/**
 * The local platform's stand-in for the S3 bucket: s3rver (a real S3 API server)
 * storing under `.local/updates/` (git-ignored). Port 3101 sits next to the update
 * origin's 3100; it is not (yet) in service-catalog's `platform.localPorts`.
 */
export const localUpdateBucket = {
  host: '127.0.0.1',
  port: 3101,
  bucket: 'factsway-updates',
  region: 'us-east-1',
  // s3rver's fixed development credentials, not a secret.
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  directory: '.local/updates',
} as const;

export interface LocalBucketOptions {
  /** Where s3rver keeps objects; created if missing. */
  directory: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  bucket?: string;
}

export interface RunningLocalBucket {
  endpoint: string;
  port: number;
  /** What the publisher and the origin pass to `createUpdateS3Client`. */
  target: S3Target;
  close(): Promise<void>;
}

export async function startLocalBucket(options: LocalBucketOptions): Promise<RunningLocalBucket> {
  const host = options.host ?? localUpdateBucket.host;
  const bucket = options.bucket ?? localUpdateBucket.bucket;
  await mkdir(options.directory, { recursive: true });
  const server = new S3rver({
    address: host,
    port: options.port ?? localUpdateBucket.port,
    directory: options.directory,
    silent: true,
    vhostBuckets: false,
    configureBuckets: [{ name: bucket }],
  });
  const address = await server.run();
  const endpoint = `http://${host}:${address.port}`;
  return {
    endpoint,
    port: address.port,
    target: { bucket, endpoint, region: localUpdateBucket.region, credentials: { ...localUpdateBucket.credentials } },
    close: () => server.close(),
  };
}

/** The S3 target of the bucket `npm start` runs, for the publisher's `--local`. */
export function localBucketTarget(): S3Target {
  const { host, port, bucket, region, credentials } = localUpdateBucket;
  return { bucket, endpoint: `http://${host}:${port}`, region, credentials: { ...credentials } };
}
