import { join } from 'node:path';
import { stringify } from 'yaml';

/** The committed files, relative to infra/monitoring/. Both Prometheus variants load the same rule files. */
export const monitoringFiles = {
  prometheusConfig: 'prometheus-config.yaml',
  prometheusLocal: 'prometheus-local.yaml',
  recordingRules: 'recording-rules.yml',
  alerts: 'alerts.yml',
  /** promtool cases evaluated every minute (short `for`), and every 5 minutes (cases spanning hours). */
  alertTests: 'alerts.test.yml',
  alertTestsCoarse: 'alerts-5m.test.yml',
  alertmanager: 'alertmanager.yml',
  alertmanagerLocal: 'alertmanager-local.yml',
  dashboard: 'grafana-dashboard.json',
  /** The blackbox exporter's modules for the update manifest probes (production and local). */
  blackboxExporter: 'blackbox-exporter.yml',
} as const;

export const ruleFiles = [monitoringFiles.recordingRules, monitoringFiles.alerts];

/** Absolute path of a committed file (a `monitoringFiles` value) in infra/monitoring/. */
export function monitoringFilePath(file: string): string {
  return join(__dirname, '..', file);
}

export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}
