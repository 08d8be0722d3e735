import { PutObjectCommand } from '@aws-sdk/client-s3';
import { digestBytes } from '@factsway/update-path';
import { testInstallerBytes } from '@factsway/update-path/testing';
import { BlockMap } from 'builder-util-runtime/out/blockMapApi';
import * as electronUpdater from 'electron-updater';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider';
import { GenericDifferentialDownloader } from 'electron-updater/out/differentialDownloader/GenericDifferentialDownloader';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { asProviderExecutor, noCancel, NodeHttpExecutor } from '../testing/node-http-executor';
import { PublishedOrigin, startPublishedOrigin } from '../testing/published-origin';

let fixture: PublishedOrigin;
const executor = new NodeHttpExecutor();
const silentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  fixture = await startPublishedOrigin('electron');
  await fixture.publish('1.0.0', ['windows', 'linux']);
  await fixture.publish('1.0.1', ['windows', 'linux']);
});
afterAll(() => fixture.stop());

/** electron-updater's generic provider, configured as the desktop app configures it, minus Electron. */
function provider(platform: 'win32' | 'linux'): GenericProvider {
  // The updater is only asked for its channel and whether to add the noCache query.
  const updater = { channel: null, isAddNoCacheQuery: true } as unknown as ConstructorParameters<typeof GenericProvider>[1];
  return new GenericProvider({ provider: 'generic', url: fixture.origin.url }, updater, {
    executor: asProviderExecutor(executor),
    isUseMultipleRangeRequest: false,
    platform,
  });
}

async function metric(pattern: RegExp): Promise<number> {
  const text = await (await fetch(new URL('metrics', fixture.origin.url))).text();
  const match = pattern.exec(text);
  return match ? Number(match[1]) : 0;
}

describe('electron-updater against the local update origin', () => {
  it('loads in plain Node, without the Electron binary', () => {
    expect(typeof electronUpdater.AppUpdater).toBe('function');
    expect(process.versions['electron']).toBeUndefined();
  });

  it('reads latest.yml through GenericProvider and downloads the installer with sha512 verification', async () => {
    const windows = provider('win32');
    const info = await windows.getLatestVersion();
    expect(info.version).toBe('1.0.1');
    const [file] = windows.resolveFiles(info);
    expect(file.url.href).toBe(new URL('releases/1.0.1/FACTSWAY-Setup-1.0.1.exe', fixture.origin.url).href);

    const destination = join(fixture.work, 'downloaded-1.0.1.exe');
    await executor.download(file.url, destination, { sha512: file.info.sha512, cancellationToken: noCancel() });
    expect(digestBytes(await readFile(destination))).toEqual(digestBytes(testInstallerBytes('1.0.1', 'win')));
  });

  it('reads latest-linux.yml on Linux', async () => {
    const linux = provider('linux');
    const info = await linux.getLatestVersion();
    expect(linux.resolveFiles(info)[0].url.pathname).toBe('/releases/1.0.1/FACTSWAY-1.0.1.AppImage');
  });

  it('fails the sha512 check on a tampered installer', async () => {
    const windows = provider('win32');
    const [file] = windows.resolveFiles(await windows.getLatestVersion());
    const original = testInstallerBytes('1.0.1', 'win');
    const tampered = Buffer.from(original);
    tampered[1000] ^= 0xff; // same size, one byte flipped
    await fixture.bucket.client.send(
      new PutObjectCommand({ Bucket: fixture.bucket.name, Key: 'releases/1.0.1/FACTSWAY-Setup-1.0.1.exe', Body: tampered }),
    );
    try {
      await expect(
        executor.download(file.url, join(fixture.work, 'tampered.exe'), { sha512: file.info.sha512, cancellationToken: noCancel() }),
      ).rejects.toMatchObject({ code: 'ERR_CHECKSUM_MISMATCH' });
    } finally {
      await fixture.bucket.client.send(
        new PutObjectCommand({ Bucket: fixture.bucket.name, Key: 'releases/1.0.1/FACTSWAY-Setup-1.0.1.exe', Body: original }),
      );
    }
  });

  it('does a differential update 1.0.0 -> 1.0.1 from the blockmaps with single-range requests', async () => {
    const windows = provider('win32');
    const info = await windows.getLatestVersion();
    const [file] = windows.resolveFiles(info);
    const [oldBlockMapUrl, newBlockMapUrl] = await windows.getBlockMapFiles(file.url, '1.0.0', info.version);
    expect(oldBlockMapUrl.pathname).toBe('/releases/1.0.0/FACTSWAY-Setup-1.0.0.exe.blockmap');

    const readBlockMap = async (url: URL) =>
      JSON.parse(gunzipSync(await executor.downloadToBuffer(url, { cancellationToken: noCancel() })).toString()) as BlockMap;
    const oldFile = join(fixture.work, 'installed-1.0.0.exe');
    await writeFile(oldFile, testInstallerBytes('1.0.0', 'win'));
    const newFile = join(fixture.work, 'differential-1.0.1.exe');

    const rangesBefore = await metric(/update_origin_requests_total\{kind="installer",status="206"\} (\d+)/);
    const bytesBefore = await metric(/update_origin_response_bytes_total\{kind="installer"\} (\d+)/);
    await new GenericDifferentialDownloader(file.info, executor, {
      newUrl: file.url,
      oldFile,
      newFile,
      logger: silentLogger,
      isUseMultipleRangeRequest: false,
      requestHeaders: null,
      cancellationToken: noCancel(),
    }).download(await readBlockMap(oldBlockMapUrl), await readBlockMap(newBlockMapUrl));

    const expected = testInstallerBytes('1.0.1', 'win');
    expect(digestBytes(await readFile(newFile))).toEqual(digestBytes(expected));
    const ranges = (await metric(/update_origin_requests_total\{kind="installer",status="206"\} (\d+)/)) - rangesBefore;
    const bytes = (await metric(/update_origin_response_bytes_total\{kind="installer"\} (\d+)/)) - bytesBefore;
    expect(ranges).toBeGreaterThanOrEqual(1);
    expect(bytes).toBeLessThan(expected.length / 4);
  });
});
