import { findWorkspaceRoot } from '@factsway/dev-support';
import { buildSync } from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Bundles an entry like the services are built (esbuild, CommonJS, source maps, npm packages
 * external) into the workspace's ignored tmp/bench, so the figures are those of a built service.
 */
export function bundle(entry: string): string {
  const workspaceRoot = findWorkspaceRoot();
  const packageJson = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as {
    version: string;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const outDir = join(workspaceRoot, 'tmp', 'bench');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${basename(entry, '.ts')}.js`);
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    external: [...Object.keys(packageJson.dependencies), ...Object.keys(packageJson.devDependencies)],
    tsconfig: join(workspaceRoot, 'tools', 'bench', 'tsconfig.json'),
    define: { 'process.env.FACTSWAY_BUILD_VERSION': JSON.stringify(packageJson.version) },
    logLevel: 'silent',
  });
  return outfile;
}
