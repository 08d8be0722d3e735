/** One line of the bench table. */
export interface BenchRow {
  figure: string;
  /** The measured value, in `unit`. */
  value: number;
  baselineName: string;
  baseline: number;
  unit: string;
  /** `higher`: value/baseline must reach `goal`; `lower`: value must stay at or under `goal` (absolute). */
  goal: { kind: 'ratio-at-least'; ratio: number } | { kind: 'at-most'; limit: number } | { kind: 'none' };
  /** Why a goal is missed and what would meet it, from the measurement. */
  note?: string;
}

export function ratioOf(row: BenchRow): number {
  return row.value / row.baseline;
}

export function goalMet(row: BenchRow): boolean | undefined {
  if (row.goal.kind === 'ratio-at-least') return ratioOf(row) >= row.goal.ratio;
  if (row.goal.kind === 'at-most') return row.value <= row.goal.limit;
  return undefined;
}

function format(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}

/** The table as Markdown, ready for the README. */
export function formatTable(rows: readonly BenchRow[]): string {
  const lines = ['| figure | value | baseline | ratio | goal | met? |', '|---|---|---|---|---|---|'];
  for (const row of rows) {
    const goal = row.goal.kind === 'ratio-at-least' ? `≥ ${row.goal.ratio}x` : row.goal.kind === 'at-most' ? `≤ ${format(row.goal.limit, row.unit)}` : '—';
    const met = goalMet(row);
    lines.push(
      `| ${row.figure} | ${format(row.value, row.unit)} | ${row.baselineName}: ${format(row.baseline, row.unit)} | ${ratioOf(row).toFixed(2)}x | ${goal} | ${met === undefined ? '—' : met ? 'yes' : 'no'} |`,
    );
  }
  const notes = rows.filter((row) => row.note);
  if (notes.length > 0) lines.push('', ...notes.map((row) => `- ${row.figure}: ${row.note}`));
  return lines.join('\n');
}
