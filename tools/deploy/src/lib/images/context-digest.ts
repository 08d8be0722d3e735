import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The label that records what an image was built from (see `contextDigest`). */
export const CONTEXT_DIGEST_LABEL = 'io.factsway.context-digest';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => join(dir, entry))
    .filter((path) => !lstatSync(path).isDirectory())
    .sort();
}

/** What the digest reads of a file: its bytes, but not the platform version a bundle embeds. */
function digestedContent(path: string, embeddedVersion: string | undefined): Buffer | string {
  const content = readFileSync(path);
  if (!embeddedVersion) return content;
  const literal = JSON.stringify(embeddedVersion);
  if (path.endsWith('.js') || path.endsWith('.cjs')) return content.toString('utf8').split(literal).join('"<embedded platform version>"');
  if (path.endsWith('.js.map')) {
    // The columns in `mappings` shift with the length of the embedded version; the generated
    // code (above) and the sources (`sourcesContent`) determine them otherwise.
    const map = JSON.parse(content.toString('utf8')) as { sourcesContent?: unknown; mappings?: string };
    if (map.sourcesContent) return JSON.stringify({ ...map, mappings: undefined });
  }
  return content;
}

/**
 * sha256 of a staged `app/` (every path, its mode and content; symlinks by target) and of what
 * else makes the image (the Containerfile, the base image id, the packages as name@version):
 * equal digests build equal images, so an image with this digest is re-tagged instead of
 * rebuilt. Labels (version, revision, date) are not part of it, nor is `embeddedVersion`, the
 * platform version the services' esbuild configs embed as the fallback of `APP_VERSION`: every
 * manifest sets `APP_VERSION` to the release, and without this a version bump would change every
 * bundle and rebuild every image.
 */
export function contextDigest(contextDir: string, extra: readonly string[], embeddedVersion?: string): string {
  const hash = createHash('sha256');
  for (const part of extra) hash.update(`extra\0${part}\0`);
  for (const path of filesUnder(contextDir)) {
    const stat = lstatSync(path);
    hash.update(`${relative(contextDir, path)}\0${(stat.mode & 0o777).toString(8)}\0`);
    hash.update(stat.isSymbolicLink() ? `-> ${readlinkSync(path)}` : digestedContent(path, embeddedVersion));
    hash.update('\0');
  }
  return hash.digest('hex');
}
