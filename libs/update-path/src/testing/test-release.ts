import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DesktopPlatform } from '../lib/update-layout';

/** Deterministic pseudo-random bytes: the same seed always gives the same "installer". */
function seededBytes(seed: string, size: number): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 64 < size; i++) blocks.push(createHash('sha512').update(`${seed}:${i}`).digest());
  return Buffer.concat(blocks).subarray(0, size);
}

export const testInstallerSize = 320 * 1024;
const versionPatchSize = 8 * 1024;

/**
 * A stand-in installer: a few hundred KB shared by every version, with one region
 * rewritten per version (as a real rebuild changes part of the file), so blockmaps of
 * two versions differ in a few chunks only.
 */
export function testInstallerBytes(version: string, flavour = 'win', size = testInstallerSize): Buffer {
  const bytes = seededBytes(`factsway-installer-${flavour}`, size);
  const patch = seededBytes(`factsway-${flavour}-${version}`, versionPatchSize);
  const offset = size / 2;
  patch.copy(bytes, offset);
  Buffer.from(`FACTSWAY ${version}`).copy(bytes, offset);
  return bytes;
}

export const testBlockSize = 16 * 1024;

/**
 * A blockmap in the format electron-updater reads (gzip of `{version, files:[{name,
 * offset, checksums, sizes}]}`). Real ones come from app-builder's content-defined
 * chunking, which is not installed here; these use fixed-size blocks with a sha256 per
 * block. electron-updater only compares checksums between two blockmaps, so fixed
 * blocks are enough for it to plan a differential download.
 */
export function testBlockmap(bytes: Buffer, blockSize = testBlockSize): Buffer {
  const checksums: string[] = [];
  const sizes: number[] = [];
  for (let offset = 0; offset < bytes.length; offset += blockSize) {
    const block = bytes.subarray(offset, offset + blockSize);
    checksums.push(createHash('sha256').update(block).digest('base64'));
    sizes.push(block.length);
  }
  return gzipSync(JSON.stringify({ version: '2', files: [{ name: 'file', offset: 0, checksums, sizes }] }));
}

export interface TestReleaseFile {
  name: string;
  path: string;
  bytes: Buffer;
}

/** electron-builder's default artifact names for a product called FACTSWAY. */
export function testInstallerNames(version: string, platform: DesktopPlatform): { name: string; flavour: string; blockmap: boolean }[] {
  switch (platform) {
    case 'windows':
      return [{ name: `FACTSWAY-Setup-${version}.exe`, flavour: 'win', blockmap: true }];
    case 'mac':
      return [
        { name: `FACTSWAY-${version}-mac.zip`, flavour: 'mac-zip', blockmap: true },
        { name: `FACTSWAY-${version}.dmg`, flavour: 'mac-dmg', blockmap: true },
      ];
    case 'linux':
      return [{ name: `FACTSWAY-${version}.AppImage`, flavour: 'linux', blockmap: false }];
  }
}

/** Writes an electron-builder-like output folder for `version` and returns what it wrote. */
export async function writeTestRelease(
  directory: string,
  version: string,
  platforms: DesktopPlatform[] = ['windows', 'mac', 'linux'],
): Promise<TestReleaseFile[]> {
  await mkdir(directory, { recursive: true });
  const written: TestReleaseFile[] = [];
  const put = async (name: string, bytes: Buffer) => {
    const path = join(directory, name);
    await writeFile(path, bytes);
    written.push({ name, path, bytes });
  };
  for (const platform of platforms) {
    for (const installer of testInstallerNames(version, platform)) {
      const bytes = testInstallerBytes(version, installer.flavour);
      await put(installer.name, bytes);
      if (installer.blockmap) await put(`${installer.name}.blockmap`, testBlockmap(bytes));
    }
  }
  // electron-builder leaves its own manifest and debug file next to the installers.
  await writeFile(join(directory, 'builder-debug.yml'), 'x64: {}\n');
  return written;
}
