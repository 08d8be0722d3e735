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

/**
 * The only CloudFront path pattern cached as immutable: versioned release files. Manifests
 * and blockmaps under it still match the short-lived patterns first (behaviour order).
 */
export const immutablePathPattern = 'releases/*';

/** How long CloudFront keeps an error answer (403 for `/` or an unknown key, 5xx in an outage). */
export const errorCacheSeconds = 10;
