import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { services } from '@factsway/service-catalog';
import { parse, stringify } from 'yaml';
import { monitoringFiles } from '../generated-files';
import { runTool } from '../testing/binaries';
import { projectFile } from '../testing/project-paths';
import { alertDefinitions } from './alert-definitions';
import { alertRuleGroups } from './render-rules';
import { runbookUrl } from './links';

const rules = alertRuleGroups(services).flatMap((g) => g.rules);
const definitions = alertDefinitions(services);

describe('alert rules', () => {
  it('pass promtool check rules, together with the recording rules', () => {
    const result = runTool('promtool', ['check', 'rules', monitoringFiles.recordingRules, monitoringFiles.alerts], projectFile(''));
    expect(result.output).toMatch(/recording-rules.yml\s+SUCCESS: \d+ rules found/);
    expect(result.output).toMatch(/alerts.yml\s+SUCCESS: \d+ rules found/);
    expect(result.status).toBe(0);
  });

  it.each([monitoringFiles.alertTests, monitoringFiles.alertTestsCoarse])(
    'behave as the cases in %s say under promtool test rules (fire with their labels and annotations, stay quiet otherwise)',
    (file) => {
      const result = runTool('promtool', ['test', 'rules', file], projectFile(''));
      if (result.status !== 0) throw new Error(result.output);
      expect(result.output).toContain('SUCCESS');
    },
    600_000,
  );

  it('has every case of every alert in one of the promtool test files', () => {
    const files = [monitoringFiles.alertTests, monitoringFiles.alertTestsCoarse];
    const names = files.flatMap((f) => parse(readFileSync(projectFile(f), 'utf8')).tests.map((t: { name: string }) => t.name));
    expect(names).toHaveLength(definitions.reduce((n, d) => n + d.tests.length, 0));
  });

  it('fail under promtool when a case expects the wrong outcome (the harness can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'alert-tests-'));
    try {
      const file = parse(readFileSync(projectFile(monitoringFiles.alertTests), 'utf8'));
      file.rule_files = file.rule_files.map((f: string) => projectFile(f));
      const firing = file.tests.find((t: any) => t.alert_rule_test[0].exp_alerts.length > 0);
      firing.alert_rule_test[0].exp_alerts = [];
      file.tests = [firing];
      writeFileSync(join(dir, 'wrong.test.yml'), stringify(file));
      const result = runTool('promtool', ['test', 'rules', join(dir, 'wrong.test.yml')]);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('FAILED');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // The Watchdog is the one alert that must always fire: it has no quiet case.
  const alwaysFiring = new Set(['Watchdog']);

  it.each(definitions.map((d) => [d.name, d] as const))('%s has a case where it fires and one where it must not', (_, d) => {
    expect(d.tests.some((t) => t.expectFiring.length > 0)).toBe(true);
    expect(d.tests.some((t) => t.expectFiring.length === 0)).toBe(!alwaysFiring.has(d.name));
  });

  it('puts the service label on every firing case of a per-service alert', () => {
    for (const d of definitions.filter((d) => d.rules[0].scope === 'service')) {
      for (const t of d.tests) for (const labels of t.expectFiring) expect(labels).toHaveProperty('service');
    }
  });

  it('gives every rule a severity, a for, a summary, a description, a runbook_url and a dashboard_url', () => {
    expect(rules.length).toBeGreaterThan(10);
    for (const rule of rules) {
      expect(alwaysFiring.has(rule.alert) ? ['none'] : ['critical', 'warning']).toContain(rule.labels['severity']);
      expect(rule.for).toMatch(/^\d+[smh]$/);
      expect(rule.annotations['summary']?.length).toBeGreaterThan(10);
      expect(rule.annotations['description']?.length).toBeGreaterThan(20);
      expect(rule.annotations['runbook_url']).toBe(runbookUrl(rule.alert));
      expect(rule.annotations['dashboard_url']).toMatch(/^https:\/\/.+\/d\/factsway-platform\//);
    }
  });

  it('covers the alerts the platform promised', () => {
    const names = new Set(rules.map((r) => r.alert));
    for (const required of [
      'ServiceDown',
      'AvailabilityErrorBudgetBurn',
      'LatencyErrorBudgetBurn',
      'DatabaseConnectionErrors',
      'DatabaseUnavailable',
      'ServiceNotReady',
      'PodCrashLooping',
      'ContainerMemoryNearLimit',
      'UpdateManifestUnreachable',
      'UpdateCertificateExpiring',
      'UpdateProbeSlow',
      'PostgresWalArchivingFailing',
      'PostgresBackupTooOld',
      'PostgresReplicationLagging',
      'PostgresConnectionsNearLimit',
      'PersistentVolumeFilling',
      'PodPending',
      'HpaAtMaximum',
      'NamespaceQuotaNearLimit',
      'NodeRequestsNearAllocatable',
      'Watchdog',
      'ScrapeJobMissing',
    ]) {
      expect(names).toContain(required);
    }
    expect(rules.filter((r) => r.alert === 'ServiceDown')).toHaveLength(8);
  });

  it('burns error budgets at 14.4x/1h+5m and 6x/6h+30m (page) and 1x/3d+6h (ticket)', () => {
    const burn = rules.filter((r) => r.alert === 'AvailabilityErrorBudgetBurn');
    expect(burn.map((r) => [r.labels['burn_window'], r.labels['severity']])).toEqual([
      ['1h', 'critical'],
      ['6h', 'critical'],
      ['3d', 'warning'],
    ]);
    expect(burn[0].expr).toContain('service:http_request_errors:ratio_rate1h > on (service) (14.4 * (1 - slo:availability_objective:ratio))');
    expect(burn[0].expr).toContain('service:http_request_errors:ratio_rate5m > on (service) (14.4 * (1 - slo:availability_objective:ratio))');
  });
});
