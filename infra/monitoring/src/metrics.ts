/**
 * Metric and label names the platform exposes. Services get theirs from
 * libs/shared-utils (prom-client); the update origin from apps/update-origin;
 * the rest are standard exporters (kube-state-metrics, cAdvisor, CloudNativePG, Alertmanager).
 */
export const serviceMetrics = {
  requests: 'http_requests_total',
  requestDuration: 'http_request_duration_seconds',
  residentMemory: 'process_resident_memory_bytes',
  cpuSeconds: 'process_cpu_seconds_total',
  eventLoopLag: 'nodejs_eventloop_lag_p99_seconds',
  databaseConnectionErrors: 'database_connection_errors_total',
  /** Requests answered 503 database_unavailable, label `write_outcome` (not_stored | unknown). */
  databaseUnavailable: 'database_unavailable_total',
  databaseQueryDuration: 'database_query_duration_seconds',
} as const;

/** Routes that probes and Prometheus call; they do not count towards the SLOs. */
export const infrastructureRoutes = ['/metrics', '/health', '/ready'] as const;

export const updateOriginMetrics = {
  requests: 'update_origin_requests_total',
  job: 'update-origin',
} as const;

export const kubernetesMetrics = {
  podReady: 'kube_pod_status_ready',
  containerWaitingReason: 'kube_pod_container_status_waiting_reason',
  containerRestarts: 'kube_pod_container_status_restarts_total',
  containerResourceLimits: 'kube_pod_container_resource_limits',
  containerWorkingSet: 'container_memory_working_set_bytes',
} as const;

export const postgresMetrics = {
  job: 'postgresql',
  collectorUp: 'cnpg_collector_up',
  backends: 'cnpg_backends_total',
  databaseSize: 'cnpg_pg_database_size_bytes',
} as const;

export const alertmanagerMetrics = {
  job: 'alertmanager',
  notificationsFailed: 'alertmanager_notifications_failed_total',
  notifications: 'alertmanager_notifications_total',
} as const;
