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

/**
 * sha256 of a staged `app/` (every path, its mode and content; symlinks by target) and of what
 * else makes the image (the Containerfile, the base image id, the packages as name@version):
 * equal digests build equal images, so an image with this digest is re-tagged instead of
 * rebuilt. Labels (version, revision, date) are not part of it.
 */
export function contextDigest(contextDir: string, extra: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of extra) hash.update(`extra\0${part}\0`);
  for (const path of filesUnder(contextDir)) {
    const stat = lstatSync(path);
    hash.update(`${relative(contextDir, path)}\0${(stat.mode & 0o777).toString(8)}\0`);
    hash.update(stat.isSymbolicLink() ? `-> ${readlinkSync(path)}` : readFileSync(path));
    hash.update('\0');
  }
  return hash.digest('hex');
}
