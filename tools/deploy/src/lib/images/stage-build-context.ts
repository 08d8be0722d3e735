import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requiredPackages } from './bundle-requires';
import { nodeModulesClosure } from './node-modules-closure';

export const MIGRATIONS_PROJECT = 'migrations';

/** The preload every image starts with (see images/port-handoff.cjs). */
function stagePreload(workspaceRoot: string, contextDir: string): void {
  cpSync(join(workspaceRoot, 'tools', 'deploy', 'images', 'port-handoff.cjs'), join(contextDir, 'app', 'port-handoff.cjs'));
}

/** The packages the bundle requires (transitively), as found in the workspace's node_modules. */
function packageClosure(workspaceRoot: string, bundleFile: string): string[] {
  return nodeModulesClosure(join(workspaceRoot, 'node_modules'), requiredPackages(readFileSync(bundleFile, 'utf8')));
}

/** `name@version` of each package: what the context's node_modules hold, without copying them. */
export function packageVersions(workspaceRoot: string, packages: readonly string[]): string[] {
  return packages.map((name) => {
    const manifest = JSON.parse(readFileSync(join(workspaceRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return `${name}@${manifest.version ?? 'unknown'}`;
  });
}

/** Copies the packages into the context's node_modules (the slow part of staging). */
export function stagePackages(workspaceRoot: string, packages: readonly string[], contextDir: string): void {
  mkdirSync(join(contextDir, 'node_modules'), { recursive: true });
  for (const name of packages) {
    cpSync(join(workspaceRoot, 'node_modules', name), join(contextDir, 'node_modules', name), { recursive: true });
  }
}

/**
 * A service: its esbuild output `dist/apps/<project>/` (run the project's `build` first) under
 * `app/`; returns the packages it requires (copy them with `stagePackages`).
 */
export function stageServiceApp(workspaceRoot: string, project: string, contextDir: string): string[] {
  const dist = join(workspaceRoot, 'dist', 'apps', project);
  const main = join(dist, 'main.js');
  try {
    readFileSync(main);
  } catch {
    throw new Error(`${main} is missing: run \`npx nx run ${project}:build\` first`);
  }
  mkdirSync(join(contextDir, 'app'), { recursive: true });
  for (const file of ['main.js', 'main.js.map']) cpSync(join(dist, file), join(contextDir, 'app', file));
  stagePreload(workspaceRoot, contextDir);
  return packageClosure(workspaceRoot, main);
}

/**
 * Migrations: the migrations CLI bundled with esbuild (npm packages left external) and every
 * migration compiled to CommonJS `.js` (same names, so node-pg-migrate's records match) under
 * `app/`; returns the packages it requires (copy them with `stagePackages`).
 */
export async function stageMigrationsApp(
  workspaceRoot: string,
  contextDir: string,
  migrationsDir = join(workspaceRoot, 'apps', 'migrations', 'migrations'),
): Promise<string[]> {
  const app = join(contextDir, 'app');
  const main = join(app, 'main.js');
  await build({
    entryPoints: [join(workspaceRoot, 'tools', 'deploy', 'src', 'migrations-image-entry.ts')],
    outfile: main,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    packages: 'external',
    tsconfig: join(workspaceRoot, 'tsconfig.base.json'),
    logLevel: 'error',
  });
  const files = readdirSync(migrationsDir).filter((file) => /\.(ts|js|cjs)$/.test(file) && !file.startsWith('.'));
  await build({
    entryPoints: files.map((file) => join(migrationsDir, file)),
    outdir: join(app, 'migrations'),
    bundle: false,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
  });
  stagePreload(workspaceRoot, contextDir);
  return packageClosure(workspaceRoot, main);
}
