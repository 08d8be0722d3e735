import { HeadBucketCommand } from '@aws-sdk/client-s3';
import type { ReadinessCheck } from '@factsway/shared-utils';
import type { Logger } from 'pino';
import type { OriginBucket } from './serve-update-objects';

/**
 * The origin is ready when a bucket it can answer from is reachable (it has no database):
 * the primary, or the secondary it fails over to.
 */
export function bucketReadiness(buckets: OriginBucket[], logger: Logger): ReadinessCheck {
  return async () => {
    const reachable: string[] = [];
    for (const { s3, bucket } of buckets) {
      try {
        await s3.send(new HeadBucketCommand({ Bucket: bucket }));
        reachable.push(bucket);
      } catch (error) {
        logger.warn({ err: error, bucket }, 'bucket not reachable');
      }
    }
    if (reachable.length > 0) return { ready: true, details: { bucket: reachable.join(', ') } };
    const message =
      buckets.length === 1 ? `bucket ${buckets[0].bucket} is not reachable` : `no bucket is reachable (${buckets.map((b) => b.bucket).join(', ')})`;
    return { ready: false, code: 'bucket_unavailable', message };
  };
}
