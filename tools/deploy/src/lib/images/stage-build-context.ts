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

/** Copies the packages the bundle requires (transitively) from the workspace's node_modules. */
function stageNodeModules(workspaceRoot: string, bundleFile: string, contextDir: string): string[] {
  const nodeModules = join(workspaceRoot, 'node_modules');
  const packages = nodeModulesClosure(nodeModules, requiredPackages(readFileSync(bundleFile, 'utf8')));
  mkdirSync(join(contextDir, 'node_modules'), { recursive: true });
  for (const name of packages) {
    cpSync(join(nodeModules, name), join(contextDir, 'node_modules', name), { recursive: true });
  }
  return packages;
}

/** A service: its esbuild output `dist/apps/<project>/` (run the project's `build` first). */
export function stageServiceContext(workspaceRoot: string, project: string, contextDir: string): string[] {
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
  return stageNodeModules(workspaceRoot, main, contextDir);
}

/**
 * Migrations: the migrations CLI bundled with esbuild (npm packages left external) and every
 * migration compiled to CommonJS `.js` (same names, so node-pg-migrate's records match).
 */
export async function stageMigrationsContext(
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
  return stageNodeModules(workspaceRoot, main, contextDir);
}
