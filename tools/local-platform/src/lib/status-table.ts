import { Endpoint } from './platform-component';

/** A plain-text table: one row per endpoint, columns padded to the widest cell. */
export function statusTable(endpoints: readonly Endpoint[]): string {
  const header = ['service', 'URL', 'version', 'status'];
  const rows = endpoints.map((e) => [e.name, e.url, e.version ?? '-', e.status]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
