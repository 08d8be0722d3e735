/**
 * `npx nx run kubernetes:synth [--registry=<host>]`: regenerates infra/kubernetes/{production,staging,local}.
 * The committed files use the default placeholder registry; pass the real one when deploying.
 */
import { join } from 'node:path';
import { DeploymentEnvironment, services } from '@factsway/service-catalog';
import { synthesizeManifests } from './lib/synthesize-manifests';

const registryFlag = process.argv.find((arg) => arg.startsWith('--registry='));
const registry = registryFlag?.slice('--registry='.length);
const root = join(__dirname, '..');

for (const environment of ['production', 'staging', 'local'] as DeploymentEnvironment[]) {
  const files = synthesizeManifests(join(root, environment), environment, services, registry ? { registry } : {});
  process.stdout.write(`${environment}: ${files.length} files in infra/kubernetes/${environment}/\n`);
}
