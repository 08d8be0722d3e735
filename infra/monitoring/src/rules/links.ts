import { monitoringConfig } from '../config';
import { AlertingRule, AlertSpec } from './rule-types';

export function runbookUrl(alert: string): string {
  return `${monitoringConfig.runbookBaseUrl}/${alert}.md`;
}

/**
 * The platform dashboard, pre-filtered to the alert's service when the alert has one.
 * Templates only see the labels the expression returns, so a rule's static `service` label is written literally.
 */
export function dashboardUrl(spec: AlertSpec): string {
  const { grafanaBaseUrl, dashboard } = monitoringConfig;
  const base = `${grafanaBaseUrl}/d/${dashboard.uid}/${dashboard.slug}`;
  if (spec.scope === 'platform') return base;
  return `${base}?var-service=${spec.labels?.['service'] ?? '{{ $labels.service }}'}`;
}

/**
 * Turns an AlertSpec into the rule Prometheus loads, adding `runbook_url` and
 * `dashboard_url` so no alert can exist without them (mimir-mixin style).
 */
export function withLinks(spec: AlertSpec): AlertingRule {
  return {
    alert: spec.alert,
    expr: spec.expr,
    for: spec.for,
    labels: { severity: spec.severity, ...spec.labels },
    annotations: {
      summary: spec.summary,
      description: spec.description,
      runbook_url: runbookUrl(spec.alert),
      dashboard_url: dashboardUrl(spec),
    },
  };
}
