import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceId, services } from '@factsway/service-catalog';
import { monitoringFiles, toYaml } from '../generated-files';
import { runTool } from '../testing/binaries';
import { projectFile } from '../testing/project-paths';
import { dashboardQueries, withVariablesFilled } from './dashboard-queries';

type Json = Record<string, any>;
const dashboard: Json = JSON.parse(readFileSync(projectFile(monitoringFiles.dashboard), 'utf8'));
const rows: Json[] = dashboard['panels'].filter((p: Json) => p['type'] === 'row');
const allPanels: Json[] = dashboard['panels'].flatMap((p: Json) => (p['type'] === 'row' ? p['panels'] : [p]));

describe('platform dashboard (grafana-dashboard.json)', () => {
  it('has a fixed uid and variables for datasource, service and instance', () => {
    expect(dashboard['uid']).toBe('factsway-platform');
    expect(dashboard['templating']['list'].map((v: Json) => [v['name'], v['type']])).toEqual([
      ['datasource', 'datasource'],
      ['service', 'query'],
      ['instance', 'query'],
    ]);
  });

  it('opens on an overview of up, request rate, error ratio, p95 latency and error budget remaining', () => {
    expect(rows[0]['title']).toBe('Overview');
    const overview = dashboard['panels'].slice(1, dashboard['panels'].indexOf(rows[1])).map((p: Json) => p['title']);
    expect(overview).toEqual(['Instances up', 'Request rate', 'Error ratio (5xx)', 'p95 latency', 'Error budget remaining (30d)']);
  });

  it('has one RED row per catalog service, then PostgreSQL and the update path', () => {
    expect(rows.map((r) => r['title'].split(':')[0])).toEqual([
      'Overview',
      ...services.map((s) => serviceId(s.name)),
      'PostgreSQL',
      'Update path',
    ]);
    for (const s of services) {
      const row = rows.find((r) => r['title'].startsWith(`${serviceId(s.name)}:`));
      const titles = row?.['panels'].map((p: Json) => p['title']);
      expect(titles).toEqual(expect.arrayContaining([`${serviceId(s.name)} requests`, `${serviceId(s.name)} errors`, `${serviceId(s.name)} duration`]));
      for (const panel of row?.['panels'] ?? []) expect(JSON.stringify(panel['targets'])).toContain(`service=\\"${serviceId(s.name)}\\"`);
    }
  });

  it('uses timeseries and stat panels with units, all reading the selected Prometheus', () => {
    expect(allPanels.length).toBeGreaterThan(40);
    for (const panel of allPanels) {
      expect(['timeseries', 'stat']).toContain(panel['type']);
      expect(panel['fieldConfig']['defaults']['unit']).toMatch(/^(reqps|percentunit|s|bytes|short|none)$/);
      expect(panel['datasource']).toEqual({ type: 'prometheus', uid: '${datasource}' });
    }
  });

  it('draws the catalog latency SLO as the threshold of each duration panel', () => {
    for (const s of services) {
      const panel = allPanels.find((p) => p['title'] === `${serviceId(s.name)} duration`);
      expect(panel?.['fieldConfig']['defaults']['thresholds']['steps'][1]['value']).toBe(s.slo.latencySeconds);
    }
  });

  it('contains only PromQL that promtool parses', () => {
    const queries = dashboardQueries(dashboard);
    expect(queries.length).toBe(allPanels.reduce((n, p) => n + p['targets'].length, 0));
    const dir = mkdtempSync(join(tmpdir(), 'dashboard-promql-'));
    try {
      const rules = queries.map((q, i) => ({ record: `dashboard:query_${i}`, expr: withVariablesFilled(q.expr) }));
      writeFileSync(join(dir, 'dashboard-queries.yml'), toYaml({ groups: [{ name: 'dashboard', rules }] }));
      const result = runTool('promtool', ['check', 'rules', join(dir, 'dashboard-queries.yml')]);
      expect(result.output).toContain(`SUCCESS: ${queries.length} rules found`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
