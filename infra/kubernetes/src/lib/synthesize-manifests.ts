import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeploymentEnvironment, ServiceDefinition } from '@factsway/service-catalog';
import { ClusterSettings } from './cluster-settings';
import { EnvironmentOptions, productionSettings, stagingSettings } from './environments';
import { localSettings, LocalOptions } from './local-settings';
import { renderManifests } from './render-manifests';

export function settingsFor(environment: DeploymentEnvironment, options: LocalOptions = {}): ClusterSettings {
  switch (environment) {
    case 'production':
      return productionSettings(options);
    case 'staging':
      return stagingSettings(options);
    case 'local':
      return localSettings(options);
  }
}

/**
 * Writes every manifest of `environment` for `services` into `outDir` (created if needed) and removes
 * YAML files there that these services no longer produce. Returns the written file names.
 */
export function synthesizeManifests(
  outDir: string,
  environment: DeploymentEnvironment,
  services: readonly ServiceDefinition[],
  options: EnvironmentOptions & LocalOptions = {},
): string[] {
  const manifests = renderManifests(settingsFor(environment, options), services);
  mkdirSync(outDir, { recursive: true });
  const written = new Set(manifests.map((manifest) => manifest.file));
  for (const existing of readdirSync(outDir)) {
    if (existing.endsWith('.yaml') && !written.has(existing)) rmSync(join(outDir, existing));
  }
  for (const manifest of manifests) writeFileSync(join(outDir, manifest.file), manifest.yaml);
  return [...written];
}
