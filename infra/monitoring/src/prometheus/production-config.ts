import { monitoringConfig } from '../config';
import { MonitoredServices } from '../service-selectors';
import {
  alertmanagerScrapeJob,
  cadvisorScrapeJob,
  kubeStateMetricsScrapeJob,
  postgresScrapeJob,
  serviceScrapeJobs,
} from './kubernetes-scrape-jobs';

const { production } = monitoringConfig;

/** prometheus-config.yaml: Prometheus inside the cluster, discovering pods in factsway-prod. */
export function productionPrometheusConfig(ruleFiles: string[], services: MonitoredServices) {
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
      ...serviceScrapeJobs(services),
      postgresScrapeJob(),
      alertmanagerScrapeJob(),
      kubeStateMetricsScrapeJob(),
      cadvisorScrapeJob(),
    ],
  };
}
