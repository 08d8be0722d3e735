import { platform } from '@factsway/service-catalog';

export const PART_OF = 'factsway';

/** Stable labels that select a workload's pods; never include the version (selectors are immutable). */
export function selectorLabels(appName: string): Record<string, string> {
  return { 'app.kubernetes.io/name': appName, 'app.kubernetes.io/part-of': PART_OF };
}

/** Labels on every object and pod template that belongs to `appName`. */
export function workloadLabels(appName: string, version: string, component: string): Record<string, string> {
  return {
    ...selectorLabels(appName),
    'app.kubernetes.io/version': version,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/managed-by': 'cdk8s',
  };
}

/**
 * Pod annotations for Prometheus' Kubernetes pod discovery (infra/monitoring relies on these
 * together with `app.kubernetes.io/name` and `app.kubernetes.io/version`).
 */
export function scrapeAnnotations(port: number, path = '/metrics'): Record<string, string> {
  return { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(port), 'prometheus.io/path': path };
}

/** `<registry>/factsway/<name>:<version>`: the one image naming rule for services and migrations. */
export function imageReference(registry: string, name: string, version: string): string {
  if (!version || version === 'latest') throw new Error(`refusing image tag "${version}" for ${name}: pin a version`);
  return `${registry}/${platform.imageRepository}/${name}:${version}`;
}
