import { builtinModules } from 'node:module';

const builtins = new Set(builtinModules);

/** `lodash/fp` -> `lodash`, `@scope/pkg/x` -> `@scope/pkg`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * npm packages an esbuild bundle loads at run time: the bare specifiers of its `require("…")`
 * and `require.resolve("…")` calls (esbuild leaves external packages as exactly these).
 */
export function requiredPackages(bundleSource: string): string[] {
  const found = new Set<string>();
  for (const match of bundleSource.matchAll(/require(?:\.resolve)?\(\s*"([^"./][^"]*)"\s*\)/g)) {
    const specifier = match[1];
    if (specifier.startsWith('node:') || builtins.has(specifier) || builtins.has(packageNameOf(specifier))) continue;
    found.add(packageNameOf(specifier));
  }
  return [...found].sort();
}
