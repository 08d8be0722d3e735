// Inferred `lint` and `typecheck` targets for every project (nx.json "plugins"), so no
// project.json carries a copy and `nx affected -t lint typecheck` reaches every project.
import { CreateNodesV2, createNodesFromFiles, TargetConfiguration } from '@nx/devkit';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Every TypeScript program of a project (tsconfig.lib.json, .app, .spec, ...); tsconfig.json only references them. */
function typeScriptPrograms(projectDirectory: string): string[] {
  return readdirSync(projectDirectory).filter((file) => /^tsconfig\.[a-z-]+\.json$/.test(file)).sort();
}

function lintTarget(projectRoot: string): TargetConfiguration {
  return {
    command: `eslint --max-warnings=0 --no-warn-ignored ${projectRoot}`,
    cache: true,
    inputs: ['default', '^production', '{workspaceRoot}/eslint.config.mjs', { externalDependencies: ['eslint'] }],
    metadata: { description: 'ESLint with the module-boundary rule (eslint.config.mjs)' },
  };
}

function typecheckTarget(projectRoot: string, programs: string[]): TargetConfiguration {
  return {
    command: programs.map((program) => `tsc -p ${join(projectRoot, program)} --noEmit`).join(' && '),
    cache: true,
    inputs: ['default', '^production', { externalDependencies: ['typescript'] }],
    metadata: { description: `tsc --noEmit for ${programs.join(', ')}` },
  };
}

export const createNodesV2: CreateNodesV2 = [
  '{apps,libs,infra,tools}/*/project.json',
  (files, options, context) =>
    createNodesFromFiles(
      (file) => {
        const projectRoot = dirname(file);
        const programs = typeScriptPrograms(join(context.workspaceRoot, projectRoot));
        const targets: Record<string, TargetConfiguration> = { lint: lintTarget(projectRoot) };
        if (programs.length > 0) targets['typecheck'] = typecheckTarget(projectRoot, programs);
        return { projects: { [projectRoot]: { targets } } };
      },
      files,
      options,
      context,
    ),
];
