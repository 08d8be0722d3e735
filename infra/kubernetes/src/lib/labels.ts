import { PART_OF, podLabelKeys } from '@factsway/service-catalog';
import { ClusterSettings } from './cluster-settings';

/** Stable labels that select a workload's pods; never include the version (selectors are immutable). */
export function selectorLabels(appName: string): Record<string, string> {
  return { [podLabelKeys.name]: appName, [podLabelKeys.partOf]: PART_OF };
}

/** Labels on every object and pod template that belongs to `appName`. */
export function workloadLabels(appName: string, version: string, component: string): Record<string, string> {
  return {
    ...selectorLabels(appName),
    [podLabelKeys.version]: version,
    [podLabelKeys.component]: component,
    [podLabelKeys.managedBy]: 'cdk8s',
  };
}

/** `<registry>/<repository>/<name>:<version>`: the one image naming rule for services and migrations. */
export function imageReference(
  settings: Pick<ClusterSettings, 'registry' | 'imageRepository' | 'version'>,
  name: string,
): string {
  const { registry, imageRepository, version } = settings;
  if (!version || version === 'latest') throw new Error(`refusing image tag "${version}" for ${name}: pin a version`);
  return `${registry}/${imageRepository}/${name}:${version}`;
}
