/**
 * Metric names a PromQL expression reads. Not a parser: it removes what cannot be a
 * metric (strings, label matchers, durations, grouping clauses, numbers) and keeps the
 * identifiers that are not functions, aggregations or keywords.
 */
const functionsAndKeywords = new Set([
  'sum', 'min', 'max', 'avg', 'count', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'count_values', 'group',
  'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset',
  'rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear', 'histogram_quantile', 'abs', 'absent',
  'absent_over_time', 'ceil', 'floor', 'round', 'clamp', 'clamp_max', 'clamp_min', 'changes', 'resets', 'time',
  'timestamp', 'vector', 'scalar', 'sort', 'sort_desc', 'label_replace', 'label_join', 'sum_over_time',
  'avg_over_time', 'max_over_time', 'min_over_time', 'count_over_time', 'last_over_time', 'quantile_over_time',
  'present_over_time', 'exp', 'ln', 'log2', 'log10', 'sqrt', 'day_of_week', 'hour', 'minute', 'month', 'year', 'inf', 'nan',
]);

export function promqlMetricNames(expression: string): string[] {
  const stripped = expression
    .replace(/#.*$/gm, '') // comments
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' ') // string literals
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // range and subquery durations
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\b\d+(\.\d+)?(e[+-]?\d+)?[smhdwy]?\b/gi, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const word = match[0];
    const next = stripped.slice((match.index ?? 0) + word.length).trimStart();
    if (functionsAndKeywords.has(word) || (next.startsWith('(') && !word.includes(':'))) continue;
    names.add(word);
  }
  return [...names];
}
