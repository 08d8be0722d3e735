/**
 * Prints one measured figure as `[drill] name: figure`, the line the handbook's drill log
 * quotes. Written to stdout directly so jest does not wrap it in a console stack trace.
 */
export function printFigure(name: string, figure: string): void {
  process.stdout.write(`[drill] ${name}: ${figure}\n`);
}
