/**
 * The monitoring knobs, kept apart from the rules and dashboards that use them
 * (mimir-mixin style). Service data (names, ports, SLOs) and platform facts (the production
 * namespace, local ports) come from the catalog, as parameters of the generators.
 */
export const monitoringConfig = {
  /** Where `runbook_url` points: `<base>/<AlertName>.md` is a file under docs/runbooks/. */
  runbookBaseUrl: 'https://github.com/factsway/platform/blob/main/docs/runbooks',
  /** Grafana that loads grafana-dashboard.json; `dashboard_url` is derived from it and the uid. */
  grafanaBaseUrl: 'https://grafana.factsway.com',
  dashboard: { uid: 'factsway-platform', title: 'FACTSWAY platform', slug: 'factsway-platform' },
  /** The window over which error budgets are counted (dashboard "budget remaining"). */
  sloWindow: '30d',
  /**
   * Burn-rate alerts stay quiet below this request rate (per second, over the long window):
   * a handful of requests with one 5xx is not an outage (SRE workbook, "low-traffic services").
   */
  minimumRequestRate: 1 / 60,
  production: {
    environment: 'production',
    scrapeInterval: '15s',
    evaluationInterval: '15s',
    /** Where Prometheus and Alertmanager run in the cluster (installed by the platform team, not by cdk8s). */
    monitoringNamespace: 'monitoring',
    alertmanagerService: 'alertmanager',
    /** kube-state-metrics Service in kube-system, source of pod status and container limits. */
    kubeStateMetricsService: 'kube-state-metrics',
    /** CloudNativePG exposes each instance's metrics here (pod label `cnpg.io/cluster`). */
    postgresMetricsPort: 9187,
  },
  local: {
    environment: 'local',
    /** Short intervals so the local drills finish in about a minute; production keeps 15s. */
    scrapeInterval: '1s',
    evaluationInterval: '1s',
  },
  alertmanager: {
    production: { groupWait: '30s', groupInterval: '5m', repeatIntervalCritical: '1h', repeatIntervalWarning: '12h' },
    local: { groupWait: '1s', groupInterval: '2s', repeatIntervalCritical: '1h', repeatIntervalWarning: '1h' },
    /** Secrets are mounted files; the keys never enter the repository. */
    pagerDutyRoutingKeyFile: '/etc/alertmanager/secrets/pagerduty-routing-key',
    slackWebhookUrlFile: '/etc/alertmanager/secrets/slack-webhook-url',
    /**
     * The dead man's switch: an Opsgenie heartbeat (interval 5 minutes) that opens a P1 alert, paging
     * the on-call through Opsgenie, when Alertmanager stops pinging it. The name is not a secret; the key is.
     */
    heartbeatPingUrl: 'https://api.opsgenie.com/v2/heartbeats/factsway-alertmanager/ping',
    /** Opsgenie API key: the heartbeat pings and the second paging channel, used when PagerDuty deliveries fail. */
    opsgenieApiKeyFile: '/etc/alertmanager/secrets/opsgenie-api-key',
    slackChannel: '#factsway-alerts',
  },
} as const;
