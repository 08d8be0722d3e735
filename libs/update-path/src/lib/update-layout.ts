import { fileExtension } from './file-extension';

/**
 * The layout of the update bucket, one rule for the publisher (what it writes where),
 * the CloudFront stack and the local update origin (what they serve):
 *
 *   latest.yml, latest-mac.yml, latest-linux.yml   live manifests (channel `latest`)
 *   beta.yml, beta-mac.yml, beta-linux.yml         live manifests (channel `beta`)
 *   releases/<version>/<installer>                 immutable installers
 *   releases/<version>/<installer>.blockmap        immutable blockmaps
 *   releases/<version>/<channel>*.yml              the manifests as published (for rollback)
 */

export const updateChannels = ['latest', 'beta'] as const;
export type UpdateChannel = (typeof updateChannels)[number];

export type DesktopPlatform = 'windows' | 'mac' | 'linux';

/** electron-updater's file name suffix per platform: `latest.yml`, `latest-mac.yml`, `latest-linux.yml`. */
export const manifestSuffix: Record<DesktopPlatform, string> = {
  windows: '',
  mac: '-mac',
  linux: '-linux',
};

/** Installer extensions electron-builder produces, with the platform whose manifest lists them. */
export const installerExtensions: Readonly<Record<string, DesktopPlatform>> = {
  '.exe': 'windows',
  '.zip': 'mac',
  '.dmg': 'mac',
  '.AppImage': 'linux',
  '.deb': 'linux',
  '.rpm': 'linux',
};

export const blockmapExtension = '.blockmap';

export function installerPlatform(fileName: string): DesktopPlatform | undefined {
  return installerExtensions[fileExtension(fileName)];
}

export function manifestName(channel: UpdateChannel, platform: DesktopPlatform): string {
  return `${channel}${manifestSuffix[platform]}.yml`;
}

export function releasePrefix(version: string): string {
  return `releases/${version}/`;
}

export function releaseKey(version: string, fileName: string): string {
  return `${releasePrefix(version)}${fileName}`;
}
