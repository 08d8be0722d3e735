import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';

/** Every panel reads the Prometheus the dashboard's `datasource` variable selects. */
export const prometheusDatasource = { type: 'prometheus', uid: '${datasource}' };

export interface Query {
  expr: string;
  legend: string;
}

function target(query: Query, index: number) {
  return new prometheus.DataqueryBuilder()
    .datasource(prometheusDatasource)
    .expr(query.expr)
    .legendFormat(query.legend)
    .refId(String.fromCharCode(65 + index));
}

function steps(...values: [number | null, string][]) {
  return new dashboard.ThresholdsConfigBuilder()
    .mode(dashboard.ThresholdsMode.Absolute)
    .steps(values.map(([value, color]) => ({ value, color })));
}

export interface PanelOptions {
  title: string;
  description: string;
  unit: string;
  queries: Query[];
  width?: number;
  /** Draws a dashed line at this value (an SLO threshold). */
  thresholdLine?: number;
}

export function timeseriesPanel(o: PanelOptions) {
  const panel = new timeseries.PanelBuilder()
    .title(o.title)
    .description(o.description)
    .datasource(prometheusDatasource)
    .unit(o.unit)
    .min(0)
    .height(8)
    .span(o.width ?? 6)
    .legend(new common.VizLegendOptionsBuilder().displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom).showLegend(true))
    .targets(o.queries.map(target));
  if (o.thresholdLine !== undefined) {
    panel
      .thresholds(steps([null, 'green'], [o.thresholdLine, 'red']))
      .thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed));
  }
  return panel;
}

/** A stat panel, red below `redBelow`. */
export function statPanel(o: PanelOptions & { redBelow: number }) {
  const thresholds = steps([null, 'red'], [o.redBelow, 'green']);
  return new stat.PanelBuilder()
    .title(o.title)
    .description(o.description)
    .datasource(prometheusDatasource)
    .unit(o.unit)
    .height(6)
    .span(o.width ?? 6)
    .colorMode(common.BigValueColorMode.Background)
    .graphMode(common.BigValueGraphMode.Area)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']))
    .thresholds(thresholds)
    .targets(o.queries.map(target));
}
