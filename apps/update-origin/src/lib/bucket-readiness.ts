import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { ReadinessCheck } from '@factsway/shared-utils';
import type { Logger } from 'pino';

/** The origin is ready when its bucket answers; it has no database. */
export function bucketReadiness(s3: S3Client, bucket: string, logger: Logger): ReadinessCheck {
  return async () => {
    try {
      await s3.send(new HeadBucketCommand({ Bucket: bucket }));
      return { ready: true, details: { bucket } };
    } catch (error) {
      logger.warn({ err: error, bucket }, 'bucket not reachable');
      return { ready: false, code: 'bucket_unavailable', message: `bucket ${bucket} is not reachable` };
    }
  };
}
