import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, BucketEncryption, BucketProps, IBucket, LifecycleRule, ObjectOwnership } from 'aws-cdk-lib/aws-s3';

/** The same lifecycle for the primary and the failover bucket. */
export const updateBucketLifecycleRules: LifecycleRule[] = [
  // Only manifests are ever overwritten; their old versions are an audit trail, not a rollback source.
  { id: 'expire-replaced-manifests', noncurrentVersionExpiration: Duration.days(90) },
  // An interrupted installer upload leaves invisible, billed parts behind.
  { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
];

/** Primary and failover update buckets are configured identically. */
export function updateBucketProps(logBucket: IBucket): BucketProps {
  return {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: logBucket,
    serverAccessLogsPrefix: 's3/',
    lifecycleRules: updateBucketLifecycleRules,
    removalPolicy: RemovalPolicy.RETAIN,
  };
}

/** Access-log bucket next to each update bucket (S3 logs only to a bucket in the same region). */
export function accessLogBucketProps(): BucketProps {
  return {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    // CloudFront standard logging writes with an ACL grant, so ACLs must stay enabled here.
    objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
    lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
    removalPolicy: RemovalPolicy.RETAIN,
  };
}
