import { findWorkspaceRoot } from '@factsway/dev-support';
import { buildSync } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Bundles the fixture like the apps are built (esbuild, CommonJS, source maps, npm packages left
 * external so Sentry can hook them) into the workspace's ignored tmp/ so those packages resolve.
 */
export function bundleFixtureService(version: string): { file: string; workspaceRoot: string } {
  const workspaceRoot = findWorkspaceRoot();
  const packageJson = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  mkdirSync(join(workspaceRoot, 'tmp'), { recursive: true });
  const file = join(mkdtempSync(join(workspaceRoot, 'tmp', 'sentry-fixture-')), 'main.js');
  buildSync({
    entryPoints: [join(__dirname, 'failing-service-main.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    external: Object.keys(packageJson.dependencies),
    tsconfig: join(workspaceRoot, 'tools', 'sentry-sink', 'tsconfig.json'),
    define: { 'process.env.FACTSWAY_BUILD_VERSION': JSON.stringify(version) },
    logLevel: 'silent',
  });
  return { file, workspaceRoot };
}
