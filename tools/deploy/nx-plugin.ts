// Inferred Nx targets for images and deploys (nx.json "plugins"): every project under apps/
// tagged `scope:service`, and `migrations`, gets `image` and `deploy` without copying them into
// each project.json. A deploy depends on its project's image: it builds what it deploys;
// every service's deploy depends on migrations:deploy, which converges the whole platform.
// See tools/deploy/README.md.
import { CreateNodesV2, createNodesFromFiles, readJsonFile, TargetConfiguration } from '@nx/devkit';
import { dirname, join } from 'node:path';

const run = (script: string, args: string) =>
  `node -r @swc-node/register tools/deploy/src/${script} ${args}`;
const swc = { SWC_NODE_PROJECT: 'tsconfig.base.json' };

function deployTarget(args: string, dependsOn: TargetConfiguration['dependsOn']): TargetConfiguration {
  const forEnvironment = (environment: string) => ({ env: { ...swc, DEPLOY_ENV: environment } });
  return {
    executor: 'nx:run-commands',
    cache: false,
    parallelism: false,
    dependsOn,
    defaultConfiguration: 'local',
    options: { command: run('deploy-cli.ts', args), ...forEnvironment('local') },
    configurations: {
      local: forEnvironment('local'),
      staging: forEnvironment('staging'),
      production: forEnvironment('production'),
    },
    metadata: { description: 'Deploy at the platform version (configurations: local, staging, production). Flags: --release-version, --dry-run, --namespace, --context' },
  };
}

function imageTarget(project: string, dependsOn: string[]): TargetConfiguration {
  return {
    executor: 'nx:run-commands',
    cache: false,
    dependsOn,
    options: { command: run('image-cli.ts', `build ${project}`), env: swc },
    metadata: { description: `OCI image localhost/factsway/${project}:<version> (buildah, tools/deploy/images/Containerfile)` },
  };
}

export const createNodesV2: CreateNodesV2 = [
  'apps/*/project.json',
  (files, options, context) =>
    createNodesFromFiles(
      (file) => {
        const project = readJsonFile<{ name?: string; tags?: string[] }>(join(context.workspaceRoot, file));
        const root = dirname(file);
        const name = project.name;
        if (!name) return {};
        if (name === 'migrations') {
          return {
            projects: {
              [root]: {
                targets: {
                  image: imageTarget(name, []),
                  // The converging step of every deploy run (docs/adr/074): after every image
                  // (an unchanged project's image task re-tags, it does not build), the whole
                  // release: migrations, every catalog service not at the release, gate on all.
                  deploy: deployTarget('migrations', ['image', { projects: ['tag:scope:service'], target: 'image' }]),
                },
              },
            },
          };
        }
        if (!project.tags?.includes('scope:service')) return {};
        return {
          projects: {
            [root]: {
              targets: {
                image: imageTarget(name, ['build']),
                deploy: deployTarget(`service ${name}`, ['image', { projects: ['migrations'], target: 'deploy', params: 'forward' }]),
              },
            },
          },
        };
      },
      files,
      options,
      context,
    ),
];
