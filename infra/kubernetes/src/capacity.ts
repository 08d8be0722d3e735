/**
 * `npx nx run kubernetes:capacity -c production [--node-cpus=4 --node-memory-gib=16]`: the capacity
 * model of one environment, from the same rendering the manifests come from: requests and limits
 * at minimum, maximum and peak scale, the database connections, the quota, and the nodes needed.
 */
import { DeploymentEnvironment, services } from '@factsway/service-catalog';
import { formatCapacityReport } from './lib/capacity-report';
import { renderManifests } from './lib/render-manifests';
import { settingsFor } from './lib/synthesize-manifests';
import { budgetObjects } from './lib/connection-budget';

function flag(name: string, fallback: string): string {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length) ?? fallback;
}

const environment = flag('environment', 'production') as DeploymentEnvironment;
if (environment !== 'production' && environment !== 'staging') {
  process.stderr.write(`capacity: --environment must be production or staging, not "${environment}"\n`);
  process.exit(2);
}
const node = { cpus: Number(flag('node-cpus', '4')), memoryGiB: Number(flag('node-memory-gib', '16')) };
if (!(node.cpus > 0) || !(node.memoryGiB > 0)) {
  process.stderr.write('capacity: --node-cpus and --node-memory-gib must be positive numbers\n');
  process.exit(2);
}
const objects = budgetObjects(renderManifests(settingsFor(environment), services).flatMap((manifest) => manifest.objects));
process.stdout.write(formatCapacityReport(environment, objects, node));
