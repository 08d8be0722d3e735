import { blockmapExtension } from './update-layout';
import { classifyUpdatePath, UpdatePathKind } from './update-path-kind';

/** Manifests and blockmaps are re-read by clients; installers never change once published. */
export const manifestMaxAgeSeconds = 60;
export const installerMaxAgeSeconds = 365 * 24 * 60 * 60;

/** The Cache-Control the publisher stores, the CDN enforces and the local origin sends. */
export const cacheControlByKind: Record<UpdatePathKind, string> = {
  manifest: `public, max-age=${manifestMaxAgeSeconds}`,
  blockmap: `public, max-age=${manifestMaxAgeSeconds}`,
  installer: `public, max-age=${installerMaxAgeSeconds}, immutable`,
  other: `public, max-age=${manifestMaxAgeSeconds}`,
};

export function cacheControlFor(path: string): string {
  return cacheControlByKind[classifyUpdatePath(path)];
}

/** CloudFront path patterns for the short-TTL behaviours (manifests of every channel, blockmaps). */
export const shortLivedPathPatterns = ['*.yml', `*${blockmapExtension}`] as const;
