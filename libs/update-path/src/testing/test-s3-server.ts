import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningLocalBucket, startLocalBucket } from '../lib/local-update-bucket';
import { createUpdateS3Client, S3Target } from '../lib/update-s3-client';

export interface TestS3Server {
  server: RunningLocalBucket;
  /** The temporary folder s3rver stores in (removed by `stop`). */
  directory: string;
  client: S3Client;
  /** A new, empty bucket on the same s3rver, so tests do not see each other's objects. */
  createBucket(name: string): Promise<S3Target>;
  stop(): Promise<void>;
}

/** A real S3 API (s3rver) on 127.0.0.1, on a free port, storing in a temporary folder. */
export async function startTestS3Server(): Promise<TestS3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'factsway-s3-'));
  const server = await startLocalBucket({ directory, port: 0 });
  const client = createUpdateS3Client(server.target);
  return {
    server,
    directory,
    client,
    async createBucket(name: string) {
      await client.send(new CreateBucketCommand({ Bucket: name }));
      return { ...server.target, bucket: name };
    },
    async stop() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
