/**
 * Multi-window, multi-burn-rate alerting from the SRE workbook (ch. 5, table 5-8),
 * for a 30-day SLO: each pair spends the stated share of the budget in its long window.
 */
export interface BurnRateWindow {
  long: string;
  short: string;
  /** Multiple of the sustainable error rate (1 = the budget lasts exactly 30 days). */
  factor: number;
  severity: 'critical' | 'warning';
  for: string;
  /** How long a 30-day budget lasts at this burn rate, for the alert text. */
  exhaustsIn: string;
}

export const burnRateWindows: readonly BurnRateWindow[] = [
  { long: '1h', short: '5m', factor: 14.4, severity: 'critical', for: '2m', exhaustsIn: 'about 2 days' },
  { long: '6h', short: '30m', factor: 6, severity: 'critical', for: '15m', exhaustsIn: 'about 5 days' },
  { long: '3d', short: '6h', factor: 1, severity: 'warning', for: '1h', exhaustsIn: '30 days' },
];

/** Every window a recording rule is kept for. */
export const recordedWindows: readonly string[] = [
  ...new Set(burnRateWindows.flatMap((w) => [w.short, w.long])),
].sort((a, b) => seconds(a) - seconds(b));

function seconds(duration: string): number {
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[duration.slice(-1)];
  if (unit === undefined) throw new Error(`unsupported duration ${duration}`);
  return Number(duration.slice(0, -1)) * unit;
}
