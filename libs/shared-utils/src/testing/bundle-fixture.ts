import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Bundles a fixture entry the way apps are built (esbuild, CommonJS, node20), with the
 * platform version embedded through `define`, and returns the output file.
 */
export function bundleFixture(entry: string, embeddedVersion?: string): string {
  const outfile = join(mkdtempSync(join(tmpdir(), 'shared-utils-fixture-')), 'main.js');
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
    define: embeddedVersion ? { 'process.env.FACTSWAY_BUILD_VERSION': JSON.stringify(embeddedVersion) } : {},
  });
  return outfile;
}
