import { clusterServiceUrl, RenderedManifest, renderManifests, settingsFor } from '@factsway/kubernetes';
import { services } from '@factsway/service-catalog';
import { stringify } from 'yaml';
import { DeployTarget } from '../lib/core/deploy-target';
import { ManifestInput } from './kubectl-commands';

export type ClusterEnvironment = 'staging' | 'production';

/** Manifests that are not one service's: applied by `prepare`, in this order, when rendered. */
export const PLATFORM_FILES = ['namespace.yaml', 'postgres.yaml', 'network-policies.yaml', 'gateway.yaml'];
export const MIGRATIONS_FILE = 'migrations-job.yaml';

export function clusterEnvironment(target: DeployTarget): ClusterEnvironment {
  if (target.environment === 'local') throw new Error('the Kubernetes backend deploys staging or production, not local');
  return target.environment;
}

/**
 * The generated manifests of `infra/kubernetes/<environment>/` rendered at `version` with the
 * target's registry and namespace (a `--namespace` other than the catalog's moves every object
 * and every peer URL there).
 */
export function renderReleaseManifests(target: DeployTarget, version = target.releaseVersion): Map<string, RenderedManifest> {
  const key = JSON.stringify([target.environment, target.registry, target.namespace, version]);
  const cached = rendered.get(key);
  if (cached) return cached;
  const base = settingsFor(clusterEnvironment(target), { registry: target.registry, version });
  const settings = { ...base, namespace: target.namespace, peerUrl: (peer: Parameters<typeof base.peerUrl>[0]) => clusterServiceUrl(peer, target.namespace) };
  const manifests = new Map(renderManifests(settings, services).map((manifest) => [manifest.file, manifest]));
  rendered.set(key, manifests);
  return manifests;
}

/** cdk8s synthesis of every chart takes a while; a deploy asks for the same files many times. */
const rendered = new Map<string, Map<string, RenderedManifest>>();

/** How a rendered file appears in the plan: `records-service.yaml@1.4.0`. */
export function manifestInput(manifest: RenderedManifest, version: string): ManifestInput {
  return { label: `${manifest.file}@${version}`, yaml: manifest.yaml };
}

/** One object of a rendered file (e.g. the ConfigMap) as its own manifest. */
export function objectInput(manifest: RenderedManifest, kind: string, version: string): ManifestInput {
  const object = manifest.objects.find((candidate) => candidate['kind'] === kind);
  if (!object) throw new Error(`${manifest.file} has no ${kind}`);
  return { label: `${manifest.file}@${version}#${kind}`, yaml: stringify(object) };
}

/** `metadata.name` of the first object of `kind` in the file. */
export function objectName(manifest: RenderedManifest, kind: string): string | undefined {
  const object = manifest.objects.find((candidate) => candidate['kind'] === kind);
  return (object?.['metadata'] as { name?: string } | undefined)?.name;
}
