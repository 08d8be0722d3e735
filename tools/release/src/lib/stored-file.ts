import { randomUUID } from 'node:crypto';
import { FileDigest } from '@factsway/update-path';
import { UpdateBucket } from './update-bucket';
import { ReleaseError } from './release-error';

/** HEAD first (cheap, catches truncation), then the sha512 of the bytes S3 actually stored. */
export async function verifyStoredFile(bucket: UpdateBucket, key: string, expected: FileDigest): Promise<void> {
  const stored = await bucket.head(key);
  if (!stored) throw new ReleaseError(`${key} is missing from bucket ${bucket.name}`);
  if (stored.size !== expected.size) {
    throw new ReleaseError(`${key} is stored with ${stored.size} bytes, expected ${expected.size}`);
  }
  const digest = await bucket.digest(key);
  if (digest?.sha512 !== expected.sha512) {
    throw new ReleaseError(`${key} is stored with sha512 ${digest?.sha512}, expected ${expected.sha512}`);
  }
}

/**
 * A fresh CloudFront CallerReference per run: the SDK's own retries reuse it (so a retried
 * request is not a second invalidation), while a re-run after an interruption or a second
 * rollback to the same version still invalidates.
 */
export function newInvalidationReference(action: string): string {
  return `factsway-release-${action}-${Date.now()}-${randomUUID()}`;
}

/**
 * Reads `key` back until it holds `text`. S3 itself is read-after-write consistent, so the first
 * read decides there; some S3-compatible stores acknowledge a small PUT before its bytes are on
 * disk (s3rver, used locally and in tests), so a few short retries keep a slow write from reading
 * as a wrong one. A real difference still fails after them.
 */
export async function verifyStoredText(bucket: UpdateBucket, key: string, text: string, attempts = 5, delayMs = 100): Promise<boolean> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if ((await bucket.readText(key)) === text) return true;
    if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  return false;
}
