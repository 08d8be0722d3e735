// `nx run <project>:deploy` and `nx run deploy:release`: see tools/deploy/README.md.
import { findWorkspaceRoot } from '@factsway/dev-support';
import { parseArgs } from 'node:util';
import { environmentBase } from './lib/core/environment-base';
import { imageReference } from './lib/images/image-names';
import { imageRevision } from './lib/images/image-revision';
import { catalogServiceNames } from './lib/local/local-options';
import { DeployReporter } from './lib/core/deploy-reporter';
import { deployRelease, deployService, DeployContext } from './lib/core/deploy-release';
import { resolveDeployTarget } from './lib/core/deploy-target';
import { RunLedger } from './lib/core/run-ledger';
import { createBackend } from './lib/create-backend';

const usage = `usage: deploy <migrations | service <project> | release | base> [options]
  migrations           the whole release (migrations:deploy, which every <service>:deploy depends on):
                       migrations, every catalog service not at the release, gate on all, rollback
  service <project>    inside the converged run: the service at the release, gate on every catalog service (<project>:deploy)
  release              all of it in one process: migrations, every service, gate, rollback
  base                 print the source revision the environment runs (for nx affected --base);
                       --running-version: the one version all its services run instead
options:
  --environment local|staging|production   (DEPLOY_ENV; default local)
  --release-version V                      (RELEASE_VERSION; default the root package.json version)
  --namespace NS   (DEPLOY_NAMESPACE)   --context CTX (KUBE_CONTEXT)   --registry HOST (IMAGE_REGISTRY)
  --database-url URL   local engine only (DATABASE_URL; default the embedded PostgreSQL)
  --services a,b       release only: which services (default every catalog service)
  --ready-timeout S    seconds a service may take to become ready (default 120)
  --dry-run            print the exact ordered plan and touch nothing`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      environment: { type: 'string' },
      'release-version': { type: 'string' },
      namespace: { type: 'string' },
      context: { type: 'string' },
      registry: { type: 'string' },
      'database-url': { type: 'string' },
      services: { type: 'string' },
      'ready-timeout': { type: 'string' },
      'dry-run': { type: 'boolean' },
      'running-version': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const [command, project] = positionals;
  if (values.help || !command) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const target = resolveDeployTarget({
    environment: values.environment,
    releaseVersion: values['release-version'],
    namespace: values.namespace,
    context: values.context,
    registry: values.registry,
  });
  const readyTimeout = Number(values['ready-timeout'] ?? '120');
  if (!(readyTimeout > 0)) throw new Error(`--ready-timeout must be a positive number of seconds`);
  const context: DeployContext = {
    target,
    backend: createBackend(target, { databaseUrl: values['database-url'] ?? process.env['DATABASE_URL'] }),
    reporter: new DeployReporter(),
    ledger: RunLedger.forEnvironment(target.environment),
    options: { readyTimeoutMs: readyTimeout * 1000, dryRun: values['dry-run'] ?? false },
    catalog: catalogServiceNames(),
  };
  switch (command) {
    case 'migrations':
      // The converging step of `nx affected -t deploy` (docs/adr/074): every image of the run
      // exists by now (this task depends on all of them), so the whole catalog reaches the release.
      return deployRelease(context, catalogServiceNames());
    case 'service':
      if (!project) throw new Error('service needs a project name, e.g. `deploy service records-service`');
      if (!catalogServiceNames().includes(project)) throw new Error(`${project} is not a catalog service`);
      return deployService(context, project);
    case 'base': {
      const running = await Promise.all(
        catalogServiceNames().map(async (service) => {
          const version = await context.backend.currentVersion(target, service);
          const where = target.environment === 'local' ? 'local' : 'registry';
          const revision = version ? await imageRevision(imageReference(target.registry, service, version), where) : undefined;
          return { service, version, revision };
        }),
      );
      if (values['running-version']) {
        const versions = [...new Set(running.map((entry) => entry.version ?? '(none)'))];
        if (versions.length !== 1 || versions[0] === '(none)') {
          console.error(`deploy base: the services do not run one version: ${running.map((r) => `${r.service} ${r.version ?? '(none)'}`).join(', ')}`);
          return 1;
        }
        console.log(versions[0]);
        return 0;
      }
      const outcome = environmentBase(running, findWorkspaceRoot());
      if (!outcome.ok) {
        console.error(`deploy base: ${outcome.reason}`);
        return 1;
      }
      console.log(outcome.revision);
      return 0;
    }
    case 'release': {
      const services = values.services ? values.services.split(',').map((name) => name.trim()) : catalogServiceNames();
      const unknown = services.filter((name) => !catalogServiceNames().includes(name));
      if (unknown.length) throw new Error(`not catalog services: ${unknown.join(', ')}`);
      return deployRelease(context, services);
    }
    default:
      console.error(usage);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`deploy: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
