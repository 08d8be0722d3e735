import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digestBytes } from '@factsway/update-path';
import { testInstallerBytes, writeTestRelease } from '@factsway/update-path/testing';
import { collectReleaseArtifacts } from './release-artifacts';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'factsway-artifacts-'));
});
afterEach(() => rm(work, { recursive: true, force: true }));

describe('collectReleaseArtifacts', () => {
  it('finds each installer with its blockmap, hashed, and ignores the rest', async () => {
    await writeTestRelease(work, '1.0.1');
    const { installers, ignored } = await collectReleaseArtifacts(work, '1.0.1');
    expect(installers.map((i) => [i.name, i.platform, i.blockmap?.name])).toEqual([
      ['FACTSWAY-1.0.1-mac.zip', 'mac', 'FACTSWAY-1.0.1-mac.zip.blockmap'],
      ['FACTSWAY-1.0.1.AppImage', 'linux', undefined],
      ['FACTSWAY-1.0.1.dmg', 'mac', 'FACTSWAY-1.0.1.dmg.blockmap'],
      ['FACTSWAY-Setup-1.0.1.exe', 'windows', 'FACTSWAY-Setup-1.0.1.exe.blockmap'],
    ]);
    const exe = installers.find((i) => i.platform === 'windows')!;
    expect({ sha512: exe.sha512, size: exe.size }).toEqual(digestBytes(testInstallerBytes('1.0.1', 'win')));
    expect(ignored).toEqual(['builder-debug.yml']);
  });

  it('refuses a folder that does not exist', async () => {
    await expect(collectReleaseArtifacts(join(work, 'nope'), '1.0.1')).rejects.toThrow(/does not exist or is not a folder/);
  });

  it('refuses an empty folder', async () => {
    await expect(collectReleaseArtifacts(work, '1.0.1')).rejects.toThrow(/is empty/);
  });

  it('refuses a folder with no installer (missing installer)', async () => {
    await writeFile(join(work, 'latest.yml'), 'version: 1.0.1\n');
    await expect(collectReleaseArtifacts(work, '1.0.1')).rejects.toThrow(/missing installer: no installer for 1\.0\.1/);
  });

  it('refuses a blockmap whose installer is missing', async () => {
    await writeTestRelease(work, '1.0.1', ['windows']);
    await rm(join(work, 'FACTSWAY-Setup-1.0.1.exe'));
    await expect(collectReleaseArtifacts(work, '1.0.1')).rejects.toThrow(
      /missing installer: FACTSWAY-Setup-1\.0\.1\.exe\.blockmap is in .* but FACTSWAY-Setup-1\.0\.1\.exe is not/,
    );
  });

  it('refuses installers of another version', async () => {
    await writeTestRelease(work, '1.0.0', ['windows']);
    await expect(collectReleaseArtifacts(work, '1.0.1')).rejects.toThrow(/does not carry version 1\.0\.1 in its name/);
  });

  it('looks only at files, not sub-folders', async () => {
    await mkdir(join(work, 'win-unpacked'));
    await expect(collectReleaseArtifacts(work, '1.0.1')).rejects.toThrow(/is empty/);
  });
});
