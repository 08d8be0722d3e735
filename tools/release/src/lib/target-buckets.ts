import { UpdateBucket } from './update-bucket';

/** The buckets a release command writes: the primary, then the CDN's failover bucket if there is one. */
export function targetBuckets(options: { bucket: UpdateBucket; secondaryBucket?: UpdateBucket }): UpdateBucket[] {
  return options.secondaryBucket ? [options.bucket, options.secondaryBucket] : [options.bucket];
}

/** ` in <bucket>` when a command writes two buckets, so each step and error names the one it means. */
export function bucketSuffix(buckets: UpdateBucket[]): (bucket: UpdateBucket) => string {
  return (bucket) => (buckets.length > 1 ? ` in ${bucket.name}` : '');
}
