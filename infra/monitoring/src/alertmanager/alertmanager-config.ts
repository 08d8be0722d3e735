import { monitoringConfig } from '../config';
import { inhibitRules, receivers, routeTree } from './routing';

const { alertmanager } = monitoringConfig;

/** alertmanager.yml: critical -> PagerDuty, warning -> Slack; keys come from mounted secret files. */
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
 * The local variant: the same routes and inhibitions with short timers. Both receivers post
 * to `webhookUrl` when one is given (the drill's test server); otherwise alerts are only
 * shown in the Alertmanager UI.
 */
export function localAlertmanagerConfig(webhookUrl?: string) {
  const webhook = webhookUrl ? { webhook_configs: [{ url: webhookUrl, send_resolved: true }] } : {};
  return {
    route: routeTree(alertmanager.local),
    inhibit_rules: inhibitRules,
    receivers: [
      { name: receivers.pages, ...webhook },
      { name: receivers.tickets, ...webhook },
    ],
  };
}
