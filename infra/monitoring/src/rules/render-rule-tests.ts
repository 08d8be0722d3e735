import { MonitoredServices } from '../service-selectors';
import { alertDefinitions } from './alert-definitions';
import { alertRuleGroups } from './render-rules';
import { AlertingRule, TestEvaluationInterval } from './rule-types';

interface ExpectedAlert {
  exp_labels: Record<string, string>;
  exp_annotations: Record<string, string>;
}

/** Fills `{{ $labels.x }}` the way Prometheus' template engine does, for the expected annotations. */
export function expandLabels(template: string, labels: Record<string, string>): string {
  return template.replace(/\{\{ \$labels\.([a-zA-Z_][a-zA-Z0-9_]*) \}\}/g, (_, name: string) => labels[name] ?? '');
}

/** The rule a firing label set came from: ServiceDown and burn-rate alerts have several. */
function ruleFor(alert: string, labels: Record<string, string>, services: MonitoredServices): AlertingRule {
  const candidates = alertRuleGroups(services)
    .flatMap((g) => g.rules)
    .filter((r) => r.alert === alert && Object.entries(r.labels).every(([k, v]) => labels[k] === v));
  if (candidates.length !== 1) {
    throw new Error(`${alert}: expected labels ${JSON.stringify(labels)} match ${candidates.length} rules, not 1`);
  }
  return candidates[0];
}

function expectedAlert(alert: string, labels: Record<string, string>, services: MonitoredServices): ExpectedAlert {
  const rule = ruleFor(alert, labels, services);
  const annotations = Object.fromEntries(
    Object.entries(rule.annotations).map(([key, template]) => [key, expandLabels(template, labels)]),
  );
  return { exp_labels: labels, exp_annotations: annotations };
}

/** A promtool test file with the cases of every alert definition evaluated at `interval`. */
export function ruleTestFile(ruleFiles: string[], interval: TestEvaluationInterval, services: MonitoredServices) {
  return {
    rule_files: ruleFiles,
    evaluation_interval: interval,
    tests: alertDefinitions(services)
      .filter((definition) => (definition.testEvaluationInterval ?? '1m') === interval)
      .flatMap((definition) =>
      definition.tests.map((test) => ({
        name: `${definition.name}: ${test.name}`,
        interval: test.interval ?? '1m',
        input_series: test.inputSeries,
        alert_rule_test: [
          {
            eval_time: test.evalTime,
            alertname: definition.name,
            exp_alerts: test.expectFiring.map((labels) => expectedAlert(definition.name, labels, services)),
          },
        ],
      })),
    ),
  };
}
