import { S3Client } from '@aws-sdk/client-s3';

export interface S3Target {
  /** Bucket name: the CloudFormation output `BucketName`, or the local platform's bucket. */
  bucket: string;
  region?: string;
  /** Set for an S3-compatible server (s3rver); unset for AWS. */
  endpoint?: string;
  /** Static credentials (s3rver); unset means the AWS default credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export function createUpdateS3Client(target: S3Target): S3Client {
  return new S3Client({
    region: target.region ?? 'us-east-1',
    endpoint: target.endpoint,
    forcePathStyle: target.endpoint !== undefined,
    credentials: target.credentials,
    // Without these, the SDK streams uploads with aws-chunked framing and trailing
    // checksums, which s3rver stores verbatim (chunk headers inside the object).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
