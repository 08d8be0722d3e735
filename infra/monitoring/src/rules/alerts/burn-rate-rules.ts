import { monitoringConfig } from '../../config';
import { AlertSpec } from '../rule-types';
import { sloSeries } from '../slo-recording-rules';
import { burnRateWindows } from '../slo-windows';

interface BurnRateAlert {
  alert: string;
  /** Recording rule giving the share of bad requests over a window. */
  badRatio: (window: string) => string;
  objective: string;
  what: string;
}

/** One rule per window pair: both windows over the threshold, and enough traffic to mean it. */
export function burnRateRules({ alert, badRatio, objective, what }: BurnRateAlert): AlertSpec[] {
  return burnRateWindows.map((w) => {
    const threshold = `(${w.factor} * (1 - ${objective}))`;
    return {
      alert,
      expr: [
        `(`,
        `  ${badRatio(w.long)} > on (service) ${threshold}`,
        `and`,
        `  ${badRatio(w.short)} > on (service) ${threshold}`,
        `)`,
        `and on (service)`,
        `  ${sloSeries.requestRate(w.long)} > ${monitoringConfig.minimumRequestRate.toPrecision(4)}`,
      ].join('\n'),
      for: w.for,
      severity: w.severity,
      scope: 'service',
      labels: { burn_window: w.long },
      summary: `{{ $labels.service }} is spending its ${what} error budget ${w.factor}x too fast`,
      description:
        `Over the last ${w.long} and ${w.short}, {{ $labels.service }} has had ${w.factor} times the share of ${what} failures ` +
        `its SLO allows; at this rate the 30-day error budget is gone in ${w.exhaustsIn}.`,
    };
  });
}
