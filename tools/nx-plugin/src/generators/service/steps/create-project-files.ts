import { addProjectConfiguration, generateFiles, joinPathFragments, offsetFromRoot, OverwriteStrategy, ProjectConfiguration } from '@nx/devkit';
import { join } from 'node:path';
import { NormalizedServiceOptions } from '../normalize-options';
import { ServiceGeneratorStep } from '../step';

/** The app folder: project.json with build/serve targets, tsconfigs, jest config and src/. */
export const createProjectFiles: ServiceGeneratorStep = {
  name: 'project files',
  run(tree, options) {
    addProjectConfiguration(tree, options.serviceId, serviceProjectConfiguration(options));
    // Keep files someone already wrote into the folder (e.g. domain logic written before the skeleton).
    generateFiles(
      tree,
      join(__dirname, '..', 'files'),
      options.projectRoot,
      {
        ...options,
        offsetFromRoot: offsetFromRoot(options.projectRoot),
        tmpl: '',
      },
      { overwriteStrategy: OverwriteStrategy.KeepExisting },
    );
  },
};

export function serviceProjectConfiguration(options: NormalizedServiceOptions): ProjectConfiguration {
  const root = options.projectRoot;
  return {
    root,
    sourceRoot: joinPathFragments(root, 'src'),
    projectType: 'application',
    tags: ['type:app', 'scope:service'],
    targets: {
      build: {
        executor: '@nx/esbuild:esbuild',
        outputs: ['{options.outputPath}'],
        defaultConfiguration: 'production',
        options: {
          platform: 'node',
          outputPath: joinPathFragments('dist', root),
          format: ['cjs'],
          bundle: true,
          thirdParty: false,
          main: joinPathFragments(root, 'src/main.ts'),
          tsConfig: joinPathFragments(root, 'tsconfig.app.json'),
          generatePackageJson: true,
          // esbuild only transpiles; `typecheck` (and ts-jest in `test`) check the types.
          skipTypeCheck: true,
          esbuildConfig: joinPathFragments(root, 'esbuild.config.cjs'),
        },
        configurations: { development: {}, production: {} },
      },
      typecheck: {
        executor: 'nx:run-commands',
        cache: true,
        inputs: ['default', '^production'],
        options: { command: `tsc -p ${joinPathFragments(root, 'tsconfig.app.json')} --noEmit` },
      },
      serve: {
        continuous: true,
        executor: '@nx/js:node',
        defaultConfiguration: 'development',
        dependsOn: ['build'],
        options: { buildTarget: `${options.serviceId}:build`, runBuildTargetDependencies: false },
        configurations: {
          development: { buildTarget: `${options.serviceId}:build:development` },
          production: { buildTarget: `${options.serviceId}:build:production` },
        },
      },
    },
  };
}
