import { startTestS3, TestS3 } from '../testing';
import { verifyStoredText } from './stored-file';

let s3: TestS3;

beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3.stop();
});

describe('verifyStoredText against a real S3 API', () => {
  it('accepts the text the bucket holds and refuses a different one after its retries', async () => {
    const bucket = await s3.newBucket('stored-text');
    await bucket.putText('latest.yml', 'version: 1.0.1\n');
    expect(await verifyStoredText(bucket, 'latest.yml', 'version: 1.0.1\n')).toBe(true);
    expect(await verifyStoredText(bucket, 'latest.yml', 'version: 1.0.2\n', 3, 10)).toBe(false);
    expect(await verifyStoredText(bucket, 'missing.yml', 'version: 1.0.1\n', 2, 10)).toBe(false);
  });
});
