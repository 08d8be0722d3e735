import { PlatformFacts, serviceId } from '@factsway/service-catalog';
import { monitoringConfig } from '../config';
import { alertmanagerMetrics, updateOriginMetrics } from '../metrics';
import { MonitoredServices } from '../service-selectors';
import { updateProbe, updateProbeScrapeJob } from '../probes/update-manifest-probes';

/** `host:port` of each thing the local Prometheus scrapes. */
export interface LocalTargets {
  /** Keyed by short service name (`records`). */
  services: Record<string, string>;
  updateOrigin: string;
  /** The blackbox exporter probing the update origin's manifests; no probe job when unset. */
  blackboxExporter?: string;
  alertmanager: string;
  prometheus: string;
}

/** The services' own ports and the platform's local ports, as `npm start` uses them. */
export function defaultLocalTargets(services: MonitoredServices, localPorts: PlatformFacts['localPorts']): LocalTargets {
  const at = (port: number) => `127.0.0.1:${port}`;
  return {
    services: Object.fromEntries(services.map((s) => [s.name, at(s.port)])),
    updateOrigin: at(localPorts.updateOrigin),
    blackboxExporter: at(updateProbe.localExporterPort),
    alertmanager: at(localPorts.alertmanager),
    prometheus: at(localPorts.prometheus),
  };
}

const staticJob = (job: string, target: string, labels: Record<string, string> = {}) => ({
  job_name: job,
  static_configs: [{ targets: [target], labels }],
});

/**
 * prometheus-local.yaml: the same jobs and rule files as production, as static
 * targets on 127.0.0.1, with 1s scrape and evaluation so drills take seconds.
 */
export function localPrometheusConfig(
  ruleFiles: string[],
  services: MonitoredServices,
  targets: LocalTargets,
) {
  const { local } = monitoringConfig;
  return {
    global: {
      scrape_interval: local.scrapeInterval,
      evaluation_interval: local.evaluationInterval,
      external_labels: { environment: local.environment },
    },
    rule_files: ruleFiles,
    alerting: { alertmanagers: [{ static_configs: [{ targets: [targets.alertmanager] }] }] },
    scrape_configs: [
      ...services.map((s) => {
        const target = targets.services[s.name];
        if (!target) throw new Error(`no local target for ${s.name}`);
        const id = serviceId(s.name);
        return {
          ...staticJob(id, target, { service: id }),
          metric_relabel_configs: [{ regex: 'exported_service', action: 'labeldrop' }],
        };
      }),
      staticJob(updateOriginMetrics.job, targets.updateOrigin),
      ...(targets.blackboxExporter
        ? [updateProbeScrapeJob(targets.blackboxExporter, `http://${targets.updateOrigin}/`, updateProbe.modules.local)]
        : []),
      staticJob(alertmanagerMetrics.job, targets.alertmanager),
      staticJob('prometheus', targets.prometheus),
    ],
  };
}
