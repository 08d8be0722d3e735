/**
 * The layout of the update bucket, shared by the publisher (object metadata),
 * the CloudFront stack (cache behaviours) and the local update origin (response
 * headers), so that all three treat every path the same way.
 *
 *   latest.yml, latest-mac.yml, latest-linux.yml   live manifests (channel `latest`)
 *   beta.yml, beta-mac.yml, beta-linux.yml         live manifests (channel `beta`)
 *   releases/<version>/<installer>                 immutable installers
 *   releases/<version>/<installer>.blockmap        immutable blockmaps
 *   releases/<version>/<channel>*.yml              the manifests as published (for rollback)
 */

export type UpdatePathKind = 'manifest' | 'installer' | 'blockmap' | 'other';

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

/** Manifests and blockmaps are re-read by clients; installers never change once published. */
export const manifestMaxAgeSeconds = 60;
export const installerMaxAgeSeconds = 365 * 24 * 60 * 60;

export const cacheControlByKind: Record<UpdatePathKind, string> = {
  manifest: `public, max-age=${manifestMaxAgeSeconds}`,
  blockmap: `public, max-age=${manifestMaxAgeSeconds}`,
  installer: `public, max-age=${installerMaxAgeSeconds}, immutable`,
  other: `public, max-age=${manifestMaxAgeSeconds}`,
};

const contentTypes: Readonly<Record<string, string>> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.exe': 'application/x-msdownload',
  '.zip': 'application/zip',
  '.dmg': 'application/x-apple-diskimage',
  '.deb': 'application/vnd.debian.binary-package',
  '.rpm': 'application/x-rpm',
  // A blockmap is gzip-compressed JSON that electron-updater gunzips itself: it must
  // never be sent with Content-Encoding: gzip, so it is served as opaque bytes.
  '.blockmap': 'application/octet-stream',
};

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot);
}

export function classifyUpdatePath(path: string): UpdatePathKind {
  const extension = extensionOf(path);
  if (extension === '.yml') return 'manifest';
  if (extension === blockmapExtension) return 'blockmap';
  if (extension in installerExtensions) return 'installer';
  return 'other';
}

export function contentTypeFor(path: string): string {
  return contentTypes[extensionOf(path)] ?? 'application/octet-stream';
}

export function cacheControlFor(path: string): string {
  return cacheControlByKind[classifyUpdatePath(path)];
}

export function installerPlatform(fileName: string): DesktopPlatform | undefined {
  return installerExtensions[extensionOf(fileName)];
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

/** CloudFront path patterns for the short-TTL behaviours (manifests of every channel, blockmaps). */
export const shortLivedPathPatterns = ['*.yml', `*${blockmapExtension}`] as const;
