import { cacheControlByKind, cacheControlFor, shortLivedPathPatterns } from './cache-policy';
import { contentTypeFor } from './content-type';
import { installerPlatform, manifestName, releaseKey } from './update-layout';
import { classifyUpdatePath } from './update-path-kind';

describe('update path rules', () => {
  it('names every channel and platform manifest as electron-updater asks for it', () => {
    expect(manifestName('latest', 'windows')).toBe('latest.yml');
    expect(manifestName('latest', 'mac')).toBe('latest-mac.yml');
    expect(manifestName('latest', 'linux')).toBe('latest-linux.yml');
    expect(manifestName('beta', 'linux')).toBe('beta-linux.yml');
    expect(releaseKey('1.0.1', 'FACTSWAY-Setup-1.0.1.exe')).toBe('releases/1.0.1/FACTSWAY-Setup-1.0.1.exe');
  });

  it('classifies each path by kind', () => {
    expect(classifyUpdatePath('latest.yml')).toBe('manifest');
    expect(classifyUpdatePath('releases/1.0.1/beta-mac.yml')).toBe('manifest');
    expect(classifyUpdatePath('releases/1.0.1/FACTSWAY-Setup-1.0.1.exe')).toBe('installer');
    expect(classifyUpdatePath('releases/1.0.1/FACTSWAY-1.0.1.AppImage')).toBe('installer');
    expect(classifyUpdatePath('releases/1.0.1/FACTSWAY-Setup-1.0.1.exe.blockmap')).toBe('blockmap');
    expect(classifyUpdatePath('notes/readme.txt')).toBe('other');
    expect(classifyUpdatePath('releases/1.0.1/.yml')).toBe('other');
  });

  it('gives installers a one-year immutable lifetime and everything else 60 s', () => {
    expect(cacheControlFor('releases/1.0.1/FACTSWAY-1.0.1.dmg')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('latest.yml')).toBe('public, max-age=60');
    expect(cacheControlFor('releases/1.0.1/FACTSWAY-1.0.1.dmg.blockmap')).toBe(cacheControlByKind.manifest);
    expect(shortLivedPathPatterns).toEqual(['*.yml', '*.blockmap']);
  });

  it('serves blockmaps as opaque bytes and manifests as YAML', () => {
    expect(contentTypeFor('latest.yml')).toBe('text/yaml; charset=utf-8');
    expect(contentTypeFor('a.exe.blockmap')).toBe('application/octet-stream');
    expect(contentTypeFor('a.exe')).toBe('application/x-msdownload');
    expect(contentTypeFor('no-extension')).toBe('application/octet-stream');
  });

  it('knows which platform an installer belongs to', () => {
    expect(installerPlatform('FACTSWAY-1.0.1-mac.zip')).toBe('mac');
    expect(installerPlatform('FACTSWAY-1.0.1.deb')).toBe('linux');
    expect(installerPlatform('builder-debug.yml')).toBeUndefined();
  });
});
