/**
 * What the local platform runner and the drills use: the committed files, the local
 * Prometheus/Alertmanager stack, and the rule and dashboard sources to check them against.
 * (The file generators live in generate.ts and are not exported here.)
 */
export { monitoringFilePath, monitoringFiles, ruleFiles } from './monitoring-files';
export { defaultLocalTargets, localPrometheusConfig } from './prometheus/local-config';
export type { LocalTargets } from './prometheus/local-config';
export { localAlertmanagerConfig } from './alertmanager/alertmanager-config';
export { startAlertmanager, startPrometheus } from './runtime/prometheus-stack';
export type { ManagedProcess } from './runtime/managed-process';
export { lookupBinary } from './runtime/find-binary';
export { startLocalMonitoring } from './runtime/local-monitoring';
export type { LocalMonitoring, LocalMonitoringOptions } from './runtime/local-monitoring';
export { dashboardQueries, withVariablesFilled } from './dashboard/dashboard-queries';
export type { DashboardQuery } from './dashboard/dashboard-queries';
export { alertRuleGroups } from './rules/render-rules';
export { sloRecordingRules } from './rules/slo-recording-rules';
export { startBlackboxExporter, blackboxExporterInstalled } from './runtime/blackbox-exporter';
export { blackboxExporterConfig, probedManifests, probedUrls, updateProbe, updateProbeScrapeJob } from './probes/update-manifest-probes';
