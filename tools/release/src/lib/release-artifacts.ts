import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { digestFile, FileDigest } from '@factsway/update-path';
import { ReleaseError } from './release-error';
import { blockmapExtension, DesktopPlatform, installerPlatform } from '@factsway/update-path';

export interface ReleaseFile extends FileDigest {
  name: string;
  path: string;
}

export interface Installer extends ReleaseFile {
  platform: DesktopPlatform;
  blockmap?: ReleaseFile;
}

export interface ReleaseArtifacts {
  installers: Installer[];
  /** Files in the folder that are not part of the release (electron-builder's own latest.yml, debug files). */
  ignored: string[];
}

/**
 * Reads an electron-builder output folder: every installer for `version`, each with
 * its `.blockmap` when there is one, hashed. Refuses folders that cannot make a
 * consistent release.
 */
export async function collectReleaseArtifacts(directory: string, version: string): Promise<ReleaseArtifacts> {
  const root = resolve(directory);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new ReleaseError(`artifacts folder ${root} does not exist or is not a folder`);

  const entries = (await readdir(root, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name).sort();
  if (entries.length === 0) throw new ReleaseError(`artifacts folder ${root} is empty`);

  const installers: Installer[] = [];
  const isBlockmap = (name: string) => name.endsWith(blockmapExtension);
  const unclaimedBlockmaps = new Set(entries.filter(isBlockmap));
  const ignored: string[] = [];

  for (const name of entries) {
    if (isBlockmap(name)) continue;
    const platform = installerPlatform(name);
    if (!platform) {
      ignored.push(name);
      continue;
    }
    if (!name.includes(version)) {
      throw new ReleaseError(`installer ${name} does not carry version ${version} in its name; is this the right folder?`);
    }
    const path = join(root, name);
    const installer: Installer = { name, path, platform, ...(await digestFile(path)) };
    const blockmapName = `${name}${blockmapExtension}`;
    if (unclaimedBlockmaps.has(blockmapName)) {
      const blockmapPath = join(root, blockmapName);
      installer.blockmap = { name: blockmapName, path: blockmapPath, ...(await digestFile(blockmapPath)) };
      unclaimedBlockmaps.delete(blockmapName);
    }
    installers.push(installer);
  }

  for (const orphan of unclaimedBlockmaps) {
    throw new ReleaseError(`missing installer: ${orphan} is in ${root} but ${orphan.slice(0, -blockmapExtension.length)} is not`);
  }
  if (installers.length === 0) {
    throw new ReleaseError(
      `missing installer: no installer for ${version} in ${root} (expected e.g. FACTSWAY-Setup-${version}.exe, ` +
        `FACTSWAY-${version}.dmg, FACTSWAY-${version}.AppImage); found ${entries.join(', ')}`,
    );
  }
  return { installers, ignored };
}
