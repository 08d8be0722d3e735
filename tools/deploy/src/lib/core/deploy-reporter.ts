export type ServiceResult = 'deployed' | 'unchanged' | 'failed' | 'rolled back' | 'skipped' | 'planned';

/** One row of the final table. */
export interface ServiceRow {
  service: string;
  oldVersion: string | undefined;
  newVersion: string;
  result: ServiceResult;
  /** Why it failed or was rolled back or skipped. */
  note?: string;
}

/** Progress lines `[  12.3s] <step> <service>: <message>` and the final table. */
export class DeployReporter {
  private readonly started: number;

  constructor(
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
    private readonly now: () => number = Date.now,
    startedAt?: number,
  ) {
    this.started = startedAt ?? now();
  }

  elapsedSeconds(): number {
    return (this.now() - this.started) / 1000;
  }

  progress(step: string, subject: string, message: string): void {
    const elapsed = `${this.elapsedSeconds().toFixed(1)}s`.padStart(7);
    this.write(`[${elapsed}] ${step.padEnd(8)} ${subject}: ${message}`);
  }

  line(text: string): void {
    this.write(text);
  }

  table(rows: readonly ServiceRow[]): void {
    for (const line of formatSummaryTable(rows)) this.write(line);
  }
}

export function formatSummaryTable(rows: readonly ServiceRow[]): string[] {
  const header = ['service', 'old version', 'new version', 'result'];
  const cells = rows.map((row) => [
    row.service,
    row.oldVersion ?? '(none)',
    row.newVersion,
    row.note ? `${row.result}: ${row.note}` : row.result,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column].length)));
  const format = (cell: string[]) => cell.map((text, column) => text.padEnd(widths[column])).join('  ').trimEnd();
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(format)];
}
