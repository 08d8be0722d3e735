import { findWorkspaceRoot } from '@factsway/dev-support';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The one platform version (Nx release, fixed group): the root package.json version.
 * Builds stamp it into bundles as APP_VERSION; generators stamp it into manifests.
 */
export function platformVersion(workspaceRoot = findWorkspaceRoot()): string {
  const pkg = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as { version?: string };
  if (!pkg.version) throw new Error(`${workspaceRoot}/package.json has no version`);
  return pkg.version;
}
