import { GetObjectCommand, GetObjectCommandOutput, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { isMissingObject } from '@factsway/update-path';
import type { ByteRange } from './byte-range';

export interface StoredObject {
  size: number;
  etag: string;
  lastModified?: Date;
}

/** The object's size and validators, or undefined when there is no such key. */
export async function headObject(s3: S3Client, bucket: string, key: string): Promise<StoredObject | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { size: head.ContentLength ?? 0, etag: head.ETag ?? '""', lastModified: head.LastModified };
  } catch (error) {
    if (isMissingObject(error)) return undefined;
    throw error;
  }
}

/** The object's bytes (or one range of them), or undefined when the key vanished since the HEAD. */
export async function getObject(s3: S3Client, bucket: string, key: string, range?: ByteRange): Promise<GetObjectCommandOutput | undefined> {
  try {
    return await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
  } catch (error) {
    if (isMissingObject(error)) return undefined;
    throw error;
  }
}
