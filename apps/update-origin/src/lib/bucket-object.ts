import { GetObjectCommand, GetObjectCommandOutput, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { isMissingObject } from '@factsway/update-path';
import type { Readable } from 'node:stream';

export interface OriginBucket {
  s3: S3Client;
  bucket: string;
}

export interface StoredObject {
  size: number;
  etag: string;
  lastModified?: Date;
}

/** One GET's answer: the object's size and validators, and the bytes `first`..`last` of it in `body`. */
export interface ObjectRead extends StoredObject {
  body: Readable;
  first: number;
  last: number;
}

/** A GET finds the object, finds no such key, or is refused because the range lies outside the object. */
export type ReadResult = { kind: 'found'; read: ObjectRead } | { kind: 'missing' } | { kind: 'unsatisfiable' };

/** The object's size and validators, or undefined when there is no such key. */
export async function headObject({ s3, bucket }: OriginBucket, key: string): Promise<StoredObject | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { size: head.ContentLength ?? 0, etag: head.ETag ?? '""', lastModified: head.LastModified };
  } catch (error) {
    if (isMissingObject(error)) return undefined;
    throw error;
  }
}

/**
 * One GET, with `range` (an HTTP Range value) passed to the bucket as it is. Size, validators
 * and the span of the body all come from this one answer, so they always describe the same bytes.
 */
export async function readObject({ s3, bucket }: OriginBucket, key: string, range?: string): Promise<ReadResult> {
  let output: GetObjectCommandOutput;
  try {
    output = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range }));
  } catch (error) {
    if (isMissingObject(error)) return { kind: 'missing' };
    if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 416) return { kind: 'unsatisfiable' };
    throw error;
  }
  const body = output.Body as Readable;
  const validators = { etag: output.ETag ?? '""', lastModified: output.LastModified };
  if (output.ContentRange === undefined) {
    const size = output.ContentLength ?? 0;
    return { kind: 'found', read: { ...validators, size, body, first: 0, last: size - 1 } };
  }
  const span = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(output.ContentRange);
  if (!span) {
    body.destroy();
    throw new Error(`bucket answered /${key} with an unreadable Content-Range: ${output.ContentRange}`);
  }
  return { kind: 'found', read: { ...validators, size: Number(span[3]), body, first: Number(span[1]), last: Number(span[2]) } };
}
