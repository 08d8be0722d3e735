// Smoke test after a staging/production deploy (release.yml): every catalog service's /health
// through the API server's service proxy must report status ok and the release version.
//   node -r @swc-node/register tools/deploy/src/kubernetes/smoke-cli.ts --environment staging [--release-version V] [--context C] [--namespace N]
import { parseArgs } from 'node:util';
import { resolveDeployTarget } from '../lib/core/deploy-target';
import { catalogServiceNames } from '../lib/local/local-options';
import { ProcessKubectlRunner } from './kubectl-runner';
import { smokeTest } from './smoke-test';

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      environment: { type: 'string' },
      'release-version': { type: 'string' },
      namespace: { type: 'string' },
      context: { type: 'string' },
    },
  });
  const target = resolveDeployTarget({
    environment: values.environment,
    releaseVersion: values['release-version'],
    namespace: values.namespace,
    context: values.context,
    registry: 'unused-by-the-smoke-test',
  });
  const results = await smokeTest(new ProcessKubectlRunner(), target, catalogServiceNames(), target.releaseVersion);
  for (const result of results) console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.service.padEnd(20)} ${result.detail}`);
  const failed = results.filter((result) => !result.ok);
  console.log(failed.length ? `smoke test FAILED: ${failed.map((r) => r.service).join(', ')}` : `smoke test passed: ${results.length} services at ${target.releaseVersion}`);
  return failed.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`smoke: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
