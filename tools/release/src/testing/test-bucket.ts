import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningLocalBucket, startLocalBucket } from '../lib/local-update-bucket';
import { UpdateBucket } from '../lib/update-bucket';
import { createUpdateS3Client } from '../lib/update-s3-client';

export interface TestS3 {
  server: RunningLocalBucket;
  directory: string;
  /** A new, empty bucket on the same s3rver, so tests do not see each other's releases. */
  newBucket(name: string): Promise<UpdateBucket>;
  stop(): Promise<void>;
}

/** A real S3 API (s3rver) on 127.0.0.1, on a free port, storing in a temporary folder. */
export async function startTestS3(): Promise<TestS3> {
  const directory = await mkdtemp(join(tmpdir(), 'factsway-s3-'));
  const server = await startLocalBucket({ directory, port: 0 });
  const client = createUpdateS3Client(server.target);
  return {
    server,
    directory,
    async newBucket(name: string) {
      await client.send(new CreateBucketCommand({ Bucket: name }));
      return new UpdateBucket(client, name);
    },
    async stop() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
