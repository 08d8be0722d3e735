import type { GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { storedBytesMatch } from './stored-bytes-match';

const bytes = Buffer.from('version: 1.0.1\n');
const etag = `"${createHash('md5').update(bytes).digest('hex')}"`;
const output = (fields: Partial<GetObjectCommandOutput>) => ({ $metadata: {}, ...fields }) as GetObjectCommandOutput;

describe('storedBytesMatch', () => {
  it('accepts the bytes the ETag (their MD5) and the length name', () => {
    expect(storedBytesMatch(bytes, output({ ETag: etag, ContentLength: bytes.length }))).toBe(true);
  });

  it('refuses a truncated read under the full object ETag, even of the announced length', () => {
    expect(storedBytesMatch(Buffer.alloc(0), output({ ETag: etag, ContentLength: 0 }))).toBe(false);
    expect(storedBytesMatch(Buffer.from('version: 1.0.2\n'), output({ ETag: etag, ContentLength: bytes.length }))).toBe(false);
    expect(storedBytesMatch(bytes.subarray(0, 4), output({ ETag: etag, ContentLength: bytes.length }))).toBe(false);
  });

  it('refuses an answer without an ETag or with an empty one (s3rver read while writing it)', () => {
    expect(storedBytesMatch(Buffer.alloc(0), output({ ETag: '""', ContentLength: 0 }))).toBe(false);
    expect(storedBytesMatch(bytes, output({ ContentLength: bytes.length }))).toBe(false);
  });

  it('checks only the length when the ETag is no MD5 (multipart, KMS, customer keys)', () => {
    expect(storedBytesMatch(bytes, output({ ETag: '"0123456789abcdef0123456789abcdef-2"', ContentLength: bytes.length }))).toBe(true);
    expect(storedBytesMatch(bytes, output({ ETag: '"0123456789abcdef0123456789abcdef"', ServerSideEncryption: 'aws:kms', ContentLength: bytes.length }))).toBe(true);
    expect(storedBytesMatch(bytes, output({ ETag: '"0123456789abcdef0123456789abcdef"', SSECustomerAlgorithm: 'AES256', ContentLength: bytes.length }))).toBe(true);
    expect(storedBytesMatch(bytes, output({ ETag: '"0123456789abcdef0123456789abcdef-2"', ContentLength: bytes.length + 1 }))).toBe(false);
  });
});
