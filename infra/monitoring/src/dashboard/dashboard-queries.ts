/** A PromQL query as it sits in the exported dashboard JSON, with where it came from. */
export interface DashboardQuery {
  row: string;
  panel: string;
  expr: string;
}

interface PanelJson {
  type?: string;
  title?: string;
  panels?: PanelJson[];
  targets?: { expr?: string }[];
}

/** Every query of every panel, including those inside collapsed rows. */
export function dashboardQueries(dashboard: { panels?: PanelJson[] }): DashboardQuery[] {
  const queries: DashboardQuery[] = [];
  let row = '';
  const visit = (panel: PanelJson, inRow: string) => {
    for (const target of panel.targets ?? []) {
      if (target.expr) queries.push({ row: inRow, panel: panel.title ?? '', expr: target.expr });
    }
  };
  for (const panel of dashboard.panels ?? []) {
    if (panel.type === 'row') {
      row = panel.title ?? '';
      for (const inner of panel.panels ?? []) visit(inner, row);
    } else {
      visit(panel, row);
    }
  }
  return queries;
}

/**
 * Fills Grafana's variables the way "All" does, so a query can be sent to Prometheus
 * directly: every service and instance, and a rate window of `rateInterval`.
 */
export function withVariablesFilled(expr: string, rateInterval = '1m'): string {
  return expr
    .replace(/\$__rate_interval/g, rateInterval)
    .replace(/\$service\b/g, '.+')
    .replace(/\$instance\b/g, '.+');
}
