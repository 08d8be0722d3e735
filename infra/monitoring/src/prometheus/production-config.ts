import { monitoringConfig } from '../config';
import { MonitoredServices } from '../service-selectors';
import { updateProbe, updateProbeScrapeJob } from '../probes/update-manifest-probes';
import {
  alertmanagerScrapeJob,
  cadvisorScrapeJob,
  kubeStateMetricsScrapeJob,
  postgresScrapeJob,
  serviceScrapeJobs,
} from './kubernetes-scrape-jobs';
import { kubeletScrapeJob } from './kubelet-scrape-job';

const { production } = monitoringConfig;

/** prometheus-config.yaml: Prometheus inside the cluster, discovering the services' pods in `namespace`. */
export function productionPrometheusConfig(ruleFiles: string[], services: MonitoredServices, namespace: string) {
  return {
    global: {
      scrape_interval: production.scrapeInterval,
      evaluation_interval: production.evaluationInterval,
      external_labels: { environment: production.environment },
    },
    rule_files: ruleFiles,
    alerting: {
      alertmanagers: [
        {
          kubernetes_sd_configs: [{ role: 'endpoints', namespaces: { names: [production.monitoringNamespace] } }],
          relabel_configs: [
            {
              source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpoint_port_name'],
              regex: `${production.alertmanagerService};web`,
              action: 'keep',
            },
          ],
        },
      ],
    },
    scrape_configs: [
      ...serviceScrapeJobs(services, namespace),
      postgresScrapeJob(namespace),
      alertmanagerScrapeJob(),
      kubeStateMetricsScrapeJob(namespace),
      cadvisorScrapeJob(namespace),
      updateProbeScrapeJob(updateProbe.productionExporter, updateProbe.productionBaseUrl, updateProbe.modules.production),
      kubeletScrapeJob(namespace),
    ],
  };
}
