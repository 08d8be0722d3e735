import { volumeMetrics } from '../rules/alerts/persistent-volume-filling';

/**
 * Each kubelet's own metrics (not its cAdvisor endpoint): the volume statistics of every
 * PersistentVolumeClaim mounted on the node, for PersistentVolumeFilling.
 */
export function kubeletScrapeJob(namespace: string) {
  const serviceAccount = '/var/run/secrets/kubernetes.io/serviceaccount';
  return {
    job_name: 'kubelet',
    scheme: 'https',
    metrics_path: '/metrics',
    tls_config: { ca_file: `${serviceAccount}/ca.crt` },
    authorization: { credentials_file: `${serviceAccount}/token` },
    kubernetes_sd_configs: [{ role: 'node' }],
    metric_relabel_configs: [
      { source_labels: ['namespace'], regex: namespace, action: 'keep' },
      { source_labels: ['__name__'], regex: `${volumeMetrics.used}|${volumeMetrics.capacity}`, action: 'keep' },
    ],
  };
}
