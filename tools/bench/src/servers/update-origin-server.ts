import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startUpdateOrigin } from '@factsway/update-origin';
import { startLocalBucket } from '@factsway/update-path';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

// The local update origin as `npm start` runs it (s3rver bucket in the same process), holding the
// files of FILES_DIR under the same names nginx serves them.
async function main(): Promise<void> {
  const bucket = await startLocalBucket({ directory: process.env['BUCKET_DIR']!, port: 0 });
  const s3 = new S3Client({ ...bucket.target, forcePathStyle: true });
  const filesDir = process.env['FILES_DIR']!;
  for (const name of await readdir(filesDir)) {
    await s3.send(new PutObjectCommand({ Bucket: bucket.target.bucket, Key: name, Body: await readFile(join(filesDir, name)) }));
  }
  s3.destroy();
  await startUpdateOrigin({ bucket: bucket.target, port: Number(process.env['PORT']) });
}

void main();
