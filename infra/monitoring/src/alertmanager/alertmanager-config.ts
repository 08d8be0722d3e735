import { monitoringConfig } from '../config';
import { inhibitRules, receivers, routeTree } from './routing';

const { alertmanager } = monitoringConfig;

/**
 * alertmanager.yml: critical -> PagerDuty, warning -> Slack, the Watchdog -> the heartbeat monitor,
 * a failing PagerDuty -> Opsgenie; keys come from mounted secret files.
 */
export function productionAlertmanagerConfig() {
  return {
    global: { resolve_timeout: '5m', slack_api_url_file: alertmanager.slackWebhookUrlFile },
    route: routeTree(alertmanager.production),
    inhibit_rules: inhibitRules,
    receivers: [
      {
        name: receivers.pages,
        pagerduty_configs: [
          {
            routing_key_file: alertmanager.pagerDutyRoutingKeyFile,
            send_resolved: true,
            description: '{{ .CommonAnnotations.summary }}',
            links: [
              { href: '{{ .CommonAnnotations.runbook_url }}', text: 'Runbook' },
              { href: '{{ .CommonAnnotations.dashboard_url }}', text: 'Dashboard' },
            ],
          },
        ],
      },
      {
        name: receivers.heartbeat,
        // Opsgenie heartbeat: when the pings stop for its interval, Opsgenie pages, independent of PagerDuty.
        webhook_configs: [
          {
            url: alertmanager.heartbeatPingUrl,
            send_resolved: false,
            http_config: { authorization: { type: 'GenieKey', credentials_file: alertmanager.opsgenieApiKeyFile } },
          },
        ],
      },
      {
        name: receivers.pagesFallback,
        opsgenie_configs: [
          {
            api_key_file: alertmanager.opsgenieApiKeyFile,
            priority: 'P1',
            message: '{{ .CommonAnnotations.summary }}',
            description: '{{ .CommonAnnotations.description }} Runbook: {{ .CommonAnnotations.runbook_url }}',
          },
        ],
      },
      {
        name: receivers.tickets,
        slack_configs: [
          {
            channel: alertmanager.slackChannel,
            send_resolved: true,
            title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} {{ .CommonLabels.service }}',
            text: '{{ range .Alerts }}{{ .Annotations.description }}\n{{ end }}Runbook: {{ .CommonAnnotations.runbook_url }}',
          },
        ],
      },
    ],
  };
}

/**
 * The local variant: the same routes and inhibitions with short timers. The paging and ticket
 * receivers post to `webhookUrl` when one is given (the drill's test server); otherwise alerts
 * are only shown in the Alertmanager UI. The heartbeat goes nowhere locally.
 */
export function localAlertmanagerConfig(webhookUrl?: string) {
  const webhook = webhookUrl ? { webhook_configs: [{ url: webhookUrl, send_resolved: true }] } : {};
  return {
    route: routeTree(alertmanager.local),
    inhibit_rules: inhibitRules,
    receivers: [
      { name: receivers.pages, ...webhook },
      { name: receivers.pagesFallback, ...webhook },
      { name: receivers.tickets, ...webhook },
      { name: receivers.heartbeat },
    ],
  };
}
