// Prints side-by-side figures for the local update origin:
//   1. installer download through the origin vs straight from the bucket's S3 API;
//   2. bytes a differential update (electron-updater's own downloader) fetches vs a full download.
// Run: npx nx run release:origin-bench
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { startUpdateOrigin } from '@factsway/update-origin';
import { digestBytes } from '@factsway/update-path';
import { testInstallerBytes, writeTestRelease } from '@factsway/update-path/testing';
import { GenericDifferentialDownloader } from 'electron-updater/out/differentialDownloader/GenericDifferentialDownloader';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import pino from 'pino';
import { publishRelease } from '../lib/publish-release';
import { RecordingInvalidator, startTestS3 } from '../testing';
import { asProviderExecutor, noCancel, NodeHttpExecutor } from '../testing/node-http-executor';

const rounds = 40;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(task: () => Promise<number>): Promise<{ ms: number; bytes: number }> {
  const started = process.hrtime.bigint();
  const bytes = await task();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, bytes };
}

async function main(): Promise<void> {
  const s3 = await startTestS3();
  const bucket = await s3.newBucket('bench');
  for (const version of ['1.0.0', '1.0.1']) {
    const dir = join(s3.directory, `artifacts-${version}`);
    await writeTestRelease(dir, version, ['windows']);
    await publishRelease({ version, artifactsDir: dir, channel: 'latest', bucket, invalidator: new RecordingInvalidator() });
  }
  const origin = await startUpdateOrigin({ bucket: { ...s3.server.target, bucket: 'bench' }, port: 0, logger: pino({ level: 'silent' }) });
  const key = 'releases/1.0.1/FACTSWAY-Setup-1.0.1.exe';
  try {
    const direct: number[] = [];
    const viaOrigin: number[] = [];
    for (let i = 0; i < rounds; i++) {
      direct.push(
        (await timed(async () => (await (await bucket.client.send(new GetObjectCommand({ Bucket: 'bench', Key: key }))).Body!.transformToByteArray()).length)).ms,
      );
      viaOrigin.push((await timed(async () => (await (await fetch(new URL(key, origin.url))).arrayBuffer()).byteLength)).ms);
    }
    const size = testInstallerBytes('1.0.1', 'win').length;
    console.log(`installer GET (${size} bytes), median of ${rounds}:`);
    console.log(`  S3 API (s3rver) directly  ${median(direct).toFixed(2)} ms`);
    console.log(`  through the update origin ${median(viaOrigin).toFixed(2)} ms   ratio origin/direct ${(median(viaOrigin) / median(direct)).toFixed(2)}x`);

    const executor = new NodeHttpExecutor();
    const updater = { channel: null, isAddNoCacheQuery: true } as unknown as ConstructorParameters<typeof GenericProvider>[1];
    const provider = new GenericProvider({ provider: 'generic', url: origin.url }, updater, {
      executor: asProviderExecutor(executor),
      isUseMultipleRangeRequest: false,
      platform: 'win32',
    });
    const info = await provider.getLatestVersion();
    const [file] = provider.resolveFiles(info);
    const [oldUrl, newUrl] = await provider.getBlockMapFiles(file.url, '1.0.0', info.version);
    const blockmap = async (url: URL) => JSON.parse(gunzipSync(await executor.downloadToBuffer(url, { cancellationToken: noCancel() })).toString());
    const oldFile = join(s3.directory, 'installed.exe');
    const newFile = join(s3.directory, 'updated.exe');
    await writeFile(oldFile, testInstallerBytes('1.0.0', 'win'));
    const bytesBefore = await installerBytesServed(origin.url);
    await new GenericDifferentialDownloader(file.info, executor, {
      newUrl: file.url,
      oldFile,
      newFile,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      isUseMultipleRangeRequest: false,
      requestHeaders: null,
      cancellationToken: noCancel(),
    }).download(await blockmap(oldUrl), await blockmap(newUrl));
    const fetched = (await installerBytesServed(origin.url)) - bytesBefore;
    const verified = digestBytes(await readFile(newFile)).sha512 === file.info.sha512;
    console.log(`differential update 1.0.0 -> 1.0.1 (16 KiB fixed blocks, one 8 KiB region changed):`);
    console.log(`  full download ${size} bytes, differential ${fetched} bytes   ratio ${(fetched / size).toFixed(3)}x   sha512 ${verified ? 'ok' : 'MISMATCH'}`);
  } finally {
    await origin.close();
    await s3.stop();
  }
}

async function installerBytesServed(originUrl: string): Promise<number> {
  const text = await (await fetch(new URL('metrics', originUrl))).text();
  return Number(/update_origin_response_bytes_total\{kind="installer"\} (\d+)/.exec(text)?.[1] ?? 0);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
