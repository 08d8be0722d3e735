/** `none`: the Watchdog heartbeat only, routed to the heartbeat receiver, never to a person. */
export type Severity = 'critical' | 'warning' | 'none';

/** An alert as written by its definition file; links are added by `withLinks`. */
export interface AlertSpec {
  alert: string;
  expr: string;
  for: string;
  severity: Severity;
  /** `service`: every firing alert carries a `service` label (tests check it); `platform`: it does not. */
  scope: 'service' | 'platform';
  /** Extra static labels, e.g. `service` on per-service rules. */
  labels?: Record<string, string>;
  /** May use `{{ $labels.x }}`; keep `$value` out so promtool tests can state the exact text. */
  summary: string;
  description: string;
}

/** The shape Prometheus reads from alerts.yml. */
export interface AlertingRule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

export interface RuleGroup<R> {
  name: string;
  rules: R[];
}

/** One promtool test case: input series, then whether the alert fires at `evalTime`. */
export interface AlertTestCase {
  name: string;
  /** Spacing of the input samples; default 1m. */
  interval?: string;
  /** Series at `interval` spacing, in promtool's expanding notation (`0+10x60`). */
  inputSeries: { series: string; values: string }[];
  evalTime: string;
  /** Label sets of the alerts expected to be firing (beyond `alertname`); empty = must not fire. */
  expectFiring: Record<string, string>[];
}

/** An alert and the evidence that it behaves: at least one case that fires and one that must not. */
export interface AlertDefinition {
  name: string;
  /** What a reader of alerts.yml or the runbook needs to know about this alert's group. */
  group: string;
  rules: AlertSpec[];
  tests: AlertTestCase[];
  /**
   * How often promtool evaluates the rules in this alert's cases (default 1m). Alerts whose cases
   * span hours use 5m: promtool's cost grows with the number of evaluations, not with the data.
   */
  testEvaluationInterval?: TestEvaluationInterval;
}

export type TestEvaluationInterval = '1m' | '5m';
