/**
 * The labels and annotations a service pod carries, written by the Kubernetes manifests
 * (infra/kubernetes) and read by Prometheus' pod discovery (infra/monitoring). One place, so
 * the two cannot drift apart.
 */
export const podLabelKeys = {
  name: 'app.kubernetes.io/name',
  partOf: 'app.kubernetes.io/part-of',
  version: 'app.kubernetes.io/version',
  component: 'app.kubernetes.io/component',
  managedBy: 'app.kubernetes.io/managed-by',
} as const;

/** The `app.kubernetes.io/part-of` value of everything the platform deploys. */
export const PART_OF = 'factsway';

/** Pod annotations by which a pod opts in to scraping, and says where its metrics are. */
export const scrapeAnnotationKeys = {
  scrape: 'prometheus.io/scrape',
  port: 'prometheus.io/port',
  path: 'prometheus.io/path',
} as const;

export function scrapeAnnotations(port: number, path = '/metrics'): Record<string, string> {
  return { [scrapeAnnotationKeys.scrape]: 'true', [scrapeAnnotationKeys.port]: String(port), [scrapeAnnotationKeys.path]: path };
}

/** Prometheus writes a label or annotation name into a meta label with every other character as `_`. */
const metaLabelName = (key: string) => key.replace(/[^a-zA-Z0-9_]/g, '_');

/** The meta label under which Kubernetes pod discovery exposes pod label `key`. */
export function podLabelMetaLabel(key: string): string {
  return `__meta_kubernetes_pod_label_${metaLabelName(key)}`;
}

/** The meta label under which Kubernetes pod discovery exposes pod annotation `key`. */
export function podAnnotationMetaLabel(key: string): string {
  return `__meta_kubernetes_pod_annotation_${metaLabelName(key)}`;
}
