import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startTestS3Server, TestS3Server } from '../testing';
import { digestBytes } from './file-digest';
import { isMissingObject } from './missing-object';

let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startTestS3Server();
});
afterAll(() => s3.stop());

describe('the local update bucket (s3rver) through the update S3 client', () => {
  it('stores and returns the exact bytes, without aws-chunked framing', async () => {
    const target = await s3.createBucket('round-trip');
    const bytes = Buffer.from('installer bytes '.repeat(1000));
    await s3.client.send(new PutObjectCommand({ Bucket: target.bucket, Key: 'releases/1.0.0/a.exe', Body: bytes }));
    const stored = await s3.client.send(new GetObjectCommand({ Bucket: target.bucket, Key: 'releases/1.0.0/a.exe' }));
    expect(digestBytes(await stored.Body!.transformToByteArray())).toEqual(digestBytes(bytes));
    expect(target.endpoint).toBe(s3.server.endpoint);
  });

  it('reports a missing key as missing, and other failures as not missing', async () => {
    const target = await s3.createBucket('missing');
    const missing = await s3.client.send(new HeadObjectCommand({ Bucket: target.bucket, Key: 'latest.yml' })).catch((e: unknown) => e);
    expect(isMissingObject(missing)).toBe(true);
    expect(isMissingObject(new Error('connect ECONNREFUSED'))).toBe(false);
  });
});
