import { S3ServiceException } from '@aws-sdk/client-s3';

/** True when S3 answered "no such key" (HEAD says NotFound, GET says NoSuchKey). */
export function isMissingObject(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NotFound' || error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404)
  );
}
