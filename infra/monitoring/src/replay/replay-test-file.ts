import { Scenario } from './scenarios';
import { SAMPLE_SECONDS } from './replay-series';

/** Every page (critical) or ticket (warning) that fired at any time in the last `hours`, one sample per alert. */
export const firedOverDay = (severity: 'critical' | 'warning', hours: number) =>
  `group by (alertname, service, pod) (max_over_time(ALERTS{alertstate="firing",severity="${severity}"}[${hours}h]))`;

/** Pages firing at the evaluation time. */
export const firingPages = (alertnames = '.+') =>
  `group by (alertname, service, pod) (ALERTS{alertstate="firing",severity="critical",alertname=~"${alertnames}"})`;

const lastSample = (hours: number) => `${hours * 3600 - SAMPLE_SECONDS}s`;

/**
 * A promtool test file that replays `scenarios` (scraped every 15 s) through the real rules (evaluated
 * every 15 s as in production, or coarser for a whole day: promtool's cost is the evaluations) and checks the pages: none, and no ticket, over a normal day; exactly the expected
 * ones, by their stated time, for an incident.
 */
export function replayTestFile(ruleFiles: string[], scenarios: Scenario[], evaluationInterval = `${SAMPLE_SECONDS}s`) {
  return {
    rule_files: ruleFiles,
    evaluation_interval: evaluationInterval,
    tests: scenarios.map((scenario) => ({
      name: scenario.name,
      interval: `${SAMPLE_SECONDS}s`,
      input_series: scenario.series,
      promql_expr_test:
        scenario.expectedPages.length === 0
          ? (['critical', 'warning'] as const).map((severity) => ({
              expr: firedOverDay(severity, scenario.hours),
              eval_time: lastSample(scenario.hours),
              exp_samples: (scenario.knownFatigue?.[severity] ?? []).map((labels) => ({ labels: labelSet(labels), value: 1 })),
            }))
          : [
              {
                expr: firingPages(scenario.pageFilter),
                eval_time: scenario.pageBy,
                exp_samples: scenario.expectedPages.map((page) => ({ labels: labelSet({ alertname: page.alertname, ...page.labels }), value: 1 })),
              },
            ],
    })),
  };
}

function labelSet(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .join(',')}}`;
}
