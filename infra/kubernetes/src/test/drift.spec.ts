import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeploymentEnvironment, services } from '@factsway/service-catalog';
import { productionSettings, renderManifests, synthesizeManifests } from '../index';
import { KUBERNETES_ROOT } from './support/committed-manifests';

const environments: DeploymentEnvironment[] = ['production', 'staging', 'local'];

describe('committed manifests', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'factsway-k8s-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it.each(environments)('%s/ is byte for byte what a fresh synth writes (run `npx nx run kubernetes:synth`)', (environment) => {
    const fresh = join(scratch, environment);
    synthesizeManifests(fresh, environment, services);
    const committedDir = join(KUBERNETES_ROOT, environment);
    const committedFiles = readdirSync(committedDir).filter((file) => file.endsWith('.yaml')).sort();
    expect(committedFiles).toEqual(readdirSync(fresh).sort());
    for (const file of committedFiles) {
      const committed = readFileSync(join(committedDir, file), 'utf8');
      expect({ file, content: committed }).toEqual({ file, content: readFileSync(join(fresh, file), 'utf8') });
    }
  });

  it('renders identically twice (no timestamps, random names or unstable ordering)', () => {
    const first = renderManifests(productionSettings(), services).map((manifest) => manifest.yaml);
    const second = renderManifests(productionSettings(), services).map((manifest) => manifest.yaml);
    expect(second).toEqual(first);
  });

  it('removes a stale file that the catalog no longer produces', () => {
    const dir = join(scratch, 'stale');
    synthesizeManifests(dir, 'production', services);
    const planted = join(dir, 'retired-service.yaml');
    writeFileSync(planted, 'kind: Deployment\n');
    synthesizeManifests(dir, 'production', services);
    expect(readdirSync(dir)).not.toContain('retired-service.yaml');
    expect(readdirSync(dir)).toContain('records-service.yaml');
  });
});
