import {
  PART_OF,
  podAnnotationMetaLabel,
  podLabelKeys,
  podLabelMetaLabel,
  scrapeAnnotationKeys,
  serviceId,
} from '@factsway/service-catalog';
import { monitoringConfig } from '../config';
import { MonitoredServices } from '../service-selectors';
import { alertmanagerMetrics, postgresMetrics } from '../metrics';

const { production } = monitoringConfig;

/** Labels that name a target; the same label on a scraped series (shared-utils' defaults) would become `exported_*`. */
const dropShadowedDefaults = [{ regex: 'exported_service|exported_version', action: 'labeldrop' }];

const podsIn = (namespace: string) => [{ role: 'pod', namespaces: { names: [namespace] } }];
const endpointsIn = (namespace: string) => [{ role: 'endpoints', namespaces: { names: [namespace] } }];

const podIdentity = [
  { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
  { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
];

/**
 * One job per service (job = `<name>-service`): pods in `namespace` labelled by the Kubernetes manifests
 * (`app.kubernetes.io/name`, `part-of=factsway`) that opt in with `prometheus.io/scrape`, at
 * the port and path their annotations give (the pod label contract in libs/service-catalog).
 */
export function serviceScrapeJobs(services: MonitoredServices, namespace: string) {
  return services.map((s) => {
    const id = serviceId(s.name);
    return {
      job_name: id,
      kubernetes_sd_configs: podsIn(namespace),
      relabel_configs: [
        { source_labels: [podLabelMetaLabel(podLabelKeys.name)], regex: id, action: 'keep' },
        { source_labels: [podLabelMetaLabel(podLabelKeys.partOf)], regex: PART_OF, action: 'keep' },
        { source_labels: [podAnnotationMetaLabel(scrapeAnnotationKeys.scrape)], regex: 'true', action: 'keep' },
        { source_labels: ['__meta_kubernetes_pod_phase'], regex: 'Succeeded|Failed', action: 'drop' },
        {
          source_labels: ['__address__', podAnnotationMetaLabel(scrapeAnnotationKeys.port)],
          regex: '([^:]+)(?::\\d+)?;(\\d+)',
          replacement: '$1:$2',
          target_label: '__address__',
        },
        { source_labels: [podAnnotationMetaLabel(scrapeAnnotationKeys.path)], regex: '(.+)', target_label: '__metrics_path__' },
        { target_label: 'service', replacement: id },
        { source_labels: [podLabelMetaLabel(podLabelKeys.version)], target_label: 'version' },
        ...podIdentity,
      ],
      metric_relabel_configs: dropShadowedDefaults,
    };
  });
}

/** CloudNativePG instances (pod label `cnpg.io/cluster`), their exporter on 9187. */
export function postgresScrapeJob(namespace: string) {
  return {
    job_name: postgresMetrics.job,
    kubernetes_sd_configs: podsIn(namespace),
    relabel_configs: [
      { source_labels: ['__meta_kubernetes_pod_label_cnpg_io_cluster'], regex: '.+', action: 'keep' },
      { source_labels: ['__meta_kubernetes_pod_container_port_number'], regex: String(production.postgresMetricsPort), action: 'keep' },
      { source_labels: ['__meta_kubernetes_pod_label_cnpg_io_cluster'], target_label: 'cluster' },
      // primary or replica: PostgresDown carries it, so only a primary outage inhibits the services' database alerts.
      { source_labels: ['__meta_kubernetes_pod_label_cnpg_io_instanceRole'], target_label: 'role' },
      ...podIdentity,
    ],
  };
}

export function alertmanagerScrapeJob() {
  return {
    job_name: alertmanagerMetrics.job,
    kubernetes_sd_configs: endpointsIn(production.monitoringNamespace),
    relabel_configs: [
      {
        source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpoint_port_name'],
        regex: `${production.alertmanagerService};web`,
        action: 'keep',
      },
      ...podIdentity,
    ],
  };
}

/**
 * Pod status and container limits for ServiceNotReady, PodCrashLooping and ContainerMemoryNearLimit,
 * plus the cluster-wide series the capacity alerts compare (every pod's requests, every node's allocatable).
 */
export function kubeStateMetricsScrapeJob(namespace: string) {
  return {
    job_name: 'kube-state-metrics',
    // Its series describe other pods: keep their namespace/pod labels instead of the exporter's.
    honor_labels: true,
    kubernetes_sd_configs: endpointsIn('kube-system'),
    relabel_configs: [
      {
        source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpoint_port_name'],
        regex: `${production.kubeStateMetricsService};http-metrics`,
        action: 'keep',
      },
    ],
    metric_relabel_configs: [
      {
        source_labels: ['__name__', 'namespace'],
        regex: `(${clusterWideStateMetrics.join('|')});.*|.*;${namespace}`,
        action: 'keep',
      },
    ],
  };
}

/** kube-state-metrics series kept for every namespace: NodeRequestsNearAllocatable sums them cluster-wide. */
export const clusterWideStateMetrics = ['kube_pod_container_resource_requests', 'kube_node_status_allocatable'];

/** Container memory working sets from each kubelet's cAdvisor, for ContainerMemoryNearLimit. */
export function cadvisorScrapeJob(namespace: string) {
  const serviceAccount = '/var/run/secrets/kubernetes.io/serviceaccount';
  return {
    job_name: 'kubernetes-cadvisor',
    scheme: 'https',
    metrics_path: '/metrics/cadvisor',
    tls_config: { ca_file: `${serviceAccount}/ca.crt` },
    authorization: { credentials_file: `${serviceAccount}/token` },
    kubernetes_sd_configs: [{ role: 'node' }],
    metric_relabel_configs: [
      { source_labels: ['namespace'], regex: namespace, action: 'keep' },
      { source_labels: ['__name__'], regex: 'container_memory_working_set_bytes|container_cpu_usage_seconds_total', action: 'keep' },
    ],
  };
}
