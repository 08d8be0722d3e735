import { imageRepository } from '../lib/images/image-names';
import { ObjectList, PodObject, VERSION_LABEL } from './cluster-objects';

const isReady = (pod: PodObject) =>
  !pod.metadata.deletionTimestamp &&
  (pod.status?.conditions ?? []).some((condition) => condition.type === 'Ready' && condition.status === 'True');

/**
 * What one ready pod runs: the tag of the service's image when it comes from the release
 * registry and the version label agrees; otherwise a description that cannot equal a version.
 */
export function podVersion(pod: PodObject, service: string, registry: string): string {
  const containers = pod.spec?.containers ?? [];
  const container = containers.find((candidate) => candidate.name === service) ?? containers[0];
  if (!container) return 'no container';
  const repository = `${imageRepository(registry, service)}:`;
  if (!container.image.startsWith(repository)) return `image ${container.image}`;
  const tag = container.image.slice(repository.length);
  const label = pod.metadata.labels?.[VERSION_LABEL];
  return label === tag ? tag : `image ${tag} with label ${label ?? '(none)'}`;
}

/**
 * The version the service's ready pods run, for the version gate: undefined when no pod is
 * ready; every distinct value joined when they disagree (which fails the gate and says why).
 */
export function readyPodsVersion(pods: ObjectList<PodObject>, service: string, registry: string): string | undefined {
  const versions = [...new Set(pods.items.filter(isReady).map((pod) => podVersion(pod, service, registry)))].sort();
  if (versions.length === 0) return undefined;
  return versions.length === 1 ? versions[0] : `mixed ${versions.join(' + ')}`;
}
