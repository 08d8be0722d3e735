import { RunningLocalBucket } from '@factsway/update-path';
import { startTestS3Server } from '@factsway/update-path/testing';
import { UpdateBucket } from '../lib/update-bucket';

export interface TestS3 {
  server: RunningLocalBucket;
  directory: string;
  /** A new, empty bucket on the same s3rver, so tests do not see each other's releases. */
  newBucket(name: string): Promise<UpdateBucket>;
  stop(): Promise<void>;
}

/** A real S3 API (s3rver) on 127.0.0.1, on a free port, with the publisher's view of each bucket. */
export async function startTestS3(): Promise<TestS3> {
  const s3 = await startTestS3Server();
  return {
    server: s3.server,
    directory: s3.directory,
    async newBucket(name: string) {
      await s3.createBucket(name);
      return new UpdateBucket(s3.client, name);
    },
    stop: () => s3.stop(),
  };
}
