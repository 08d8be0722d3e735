import type { GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';

/**
 * Whether `body` is all of the object the GET described. A single-part object stored without
 * KMS or customer keys has the MD5 of its bytes as ETag, which is checked; otherwise the length.
 * s3rver rewrites an object in place, so a GET during a PUT can read a truncated file under
 * the old ETag, or an empty ETag: such a read must not be kept and served for a whole
 * revalidation interval.
 */
export function storedBytesMatch(body: Buffer, output: GetObjectCommandOutput): boolean {
  // s3rver also rewrites the ETag's file in place: read mid-write it gives `""`.
  if (output.ETag === undefined || output.ETag.replace(/^W\//, '') === '""') return false;
  if (output.ContentLength !== undefined && output.ContentLength !== body.length) return false;
  const md5 = /^"([0-9a-f]{32})"$/.exec(output.ETag ?? '')?.[1];
  const plainEncryption = output.SSECustomerAlgorithm === undefined && (output.ServerSideEncryption ?? 'AES256') === 'AES256';
  if (md5 === undefined || !plainEncryption) return true;
  return createHash('md5').update(body).digest('hex') === md5;
}
