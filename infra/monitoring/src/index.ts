/**
 * What the local platform runner uses to run Prometheus and Alertmanager with the
 * committed rule files. (The generators live in generate.ts and are not exported here.)
 */
export { monitoringFiles, ruleFiles } from './monitoring-files';
export { defaultLocalTargets, localPrometheusConfig } from './prometheus/local-config';
export type { LocalTargets } from './prometheus/local-config';
export { localAlertmanagerConfig } from './alertmanager/alertmanager-config';
export { startAlertmanager, startPrometheus } from './runtime/prometheus-stack';
export type { ManagedProcess } from './runtime/managed-process';
export { lookupBinary } from './runtime/find-binary';
export { startLocalMonitoring } from './runtime/local-monitoring';
export type { LocalMonitoring, LocalMonitoringOptions } from './runtime/local-monitoring';
