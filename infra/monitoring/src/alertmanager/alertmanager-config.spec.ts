import { freePort } from '@factsway/dev-support';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitoringFiles, toYaml } from '../generated-files';
import { ManagedProcess } from '../runtime/managed-process';
import { startAlertmanager } from '../runtime/prometheus-stack';
import { runTool } from '../testing/binaries';
import { projectFile } from '../testing/project-paths';
import { localAlertmanagerConfig, productionAlertmanagerConfig } from './alertmanager-config';

/** The receiver amtool resolves for a label set (its first output line; a warning about flags may follow). */
const routeFor = (labels: string[]) =>
  runTool('amtool', ['config', 'routes', 'test', `--config.file=${projectFile(monitoringFiles.alertmanager)}`, ...labels])
    .output.split('\n')[0]
    .trim();

describe('Alertmanager configuration', () => {
  it.each([monitoringFiles.alertmanager, monitoringFiles.alertmanagerLocal])('%s passes amtool check-config', (file) => {
    const result = runTool('amtool', ['check-config', projectFile(file)]);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('passes amtool check-config with the drill webhook as receiver', () => {
    const dir = mkdtempSync(join(tmpdir(), 'alertmanager-config-'));
    try {
      writeFileSync(join(dir, 'am.yml'), toYaml(localAlertmanagerConfig('http://127.0.0.1:1/alerts')));
      expect(runTool('amtool', ['check-config', join(dir, 'am.yml')]).status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pages critical alerts through PagerDuty and sends warnings to Slack', () => {
    expect(routeFor(['severity=critical', 'alertname=ServiceDown', 'service=records-service'])).toBe('pagerduty-pages');
    expect(routeFor(['severity=warning', 'alertname=PodCrashLooping'])).toBe('slack-tickets');
  });

  it('sends the Watchdog to the heartbeat monitor, and a failing PagerDuty through the second paging channel', () => {
    expect(routeFor(['severity=none', 'alertname=Watchdog'])).toBe('heartbeat');
    expect(routeFor(['severity=critical', 'alertname=AlertmanagerNotificationsFailing', 'integration=pagerduty'])).toBe('opsgenie-pages-fallback');
    // A Slack outage is paged, not reported to Slack.
    expect(routeFor(['severity=critical', 'alertname=AlertmanagerNotificationsFailing', 'integration=slack'])).toBe('pagerduty-pages');
    const heartbeat = productionAlertmanagerConfig().route.routes[0];
    expect(heartbeat).toMatchObject({ receiver: 'heartbeat', repeat_interval: '1m', group_interval: '1m' });
  });

  it('reads the PagerDuty and Slack keys from files and keeps no secret in the repository', () => {
    const config = JSON.stringify(productionAlertmanagerConfig());
    expect(config).toContain('"routing_key_file":"/etc/alertmanager/secrets/pagerduty-routing-key"');
    expect(config).toContain('"slack_api_url_file":"/etc/alertmanager/secrets/slack-webhook-url"');
    expect(config).toContain('"api_key_file":"/etc/alertmanager/secrets/opsgenie-api-key"');
    expect(config).not.toMatch(/"(routing_key|service_key|api_url|slack_api_url|api_key|credentials)":/);
  });

  it('groups by alertname and service', () => {
    expect(productionAlertmanagerConfig().route.group_by).toEqual(['alertname', 'service']);
  });
});

describe('Alertmanager inhibition (real alertmanager)', () => {
  let dir: string;
  let alertmanager: ManagedProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'alertmanager-inhibit-'));
    alertmanager = await startAlertmanager({ port: await freePort(), workDir: dir });
  });
  afterAll(async () => {
    await alertmanager?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const alert = (labels: Record<string, string>) => ({
    labels: { environment: 'local', ...labels },
    annotations: { summary: 'drill' },
    startsAt: new Date().toISOString(),
  });

  async function inhibitedBy(): Promise<Record<string, string[]>> {
    const response = await fetch(`${alertmanager.url}/api/v2/alerts`);
    const alerts = (await response.json()) as { labels: Record<string, string>; status: { inhibitedBy: string[] } }[];
    return Object.fromEntries(alerts.map((a) => [`${a.labels['alertname']}/${a.labels['service']}/${a.labels['severity']}`, a.status.inhibitedBy]));
  }

  it('silences the burn-rate alerts of a service that is down, and only of that service', async () => {
    const posted = await fetch(`${alertmanager.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        alert({ alertname: 'ServiceDown', service: 'records-service', severity: 'critical' }),
        alert({ alertname: 'AvailabilityErrorBudgetBurn', service: 'records-service', severity: 'critical', burn_window: '1h' }),
        alert({ alertname: 'AvailabilityErrorBudgetBurn', service: 'facts-service', severity: 'critical', burn_window: '1h' }),
        alert({ alertname: 'LatencyErrorBudgetBurn', service: 'facts-service', severity: 'critical', burn_window: '1h' }),
        alert({ alertname: 'LatencyErrorBudgetBurn', service: 'facts-service', severity: 'warning', burn_window: '3d' }),
      ]),
    });
    expect(posted.status).toBe(200);

    let state: Record<string, string[]> = {};
    for (let i = 0; i < 50 && !(state['AvailabilityErrorBudgetBurn/records-service/critical']?.length); i++) {
      await new Promise((r) => setTimeout(r, 100));
      state = await inhibitedBy();
    }
    expect(state['AvailabilityErrorBudgetBurn/records-service/critical']).toHaveLength(1);
    expect(state['ServiceDown/records-service/critical']).toEqual([]);
    expect(state['AvailabilityErrorBudgetBurn/facts-service/critical']).toEqual([]);
    // The page for the fast burn makes the ticket for the slow burn of the same service redundant.
    expect(state['LatencyErrorBudgetBurn/facts-service/warning']).toHaveLength(1);
    expect(state['LatencyErrorBudgetBurn/facts-service/critical']).toEqual([]);
  });

  it('pages for the database outage, not for the availability burn it causes, and only in the service refusing requests', async () => {
    const posted = await fetch(`${alertmanager.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        alert({ alertname: 'DatabaseUnavailable', service: 'exhibits-service', severity: 'critical' }),
        alert({ alertname: 'AvailabilityErrorBudgetBurn', service: 'exhibits-service', severity: 'critical', burn_window: '1h' }),
        alert({ alertname: 'AvailabilityErrorBudgetBurn', service: 'caselaw-service', severity: 'critical', burn_window: '1h' }),
      ]),
    });
    expect(posted.status).toBe(200);

    let state: Record<string, string[]> = {};
    for (let i = 0; i < 50 && !(state['AvailabilityErrorBudgetBurn/exhibits-service/critical']?.length); i++) {
      await new Promise((r) => setTimeout(r, 100));
      state = await inhibitedBy();
    }
    expect(state['AvailabilityErrorBudgetBurn/exhibits-service/critical']).toHaveLength(1);
    expect(state['DatabaseUnavailable/exhibits-service/critical']).toEqual([]);
    expect(state['AvailabilityErrorBudgetBurn/caselaw-service/critical']).toEqual([]);
  });

  it('with PostgreSQL itself down, silences DatabaseUnavailable of every service', async () => {
    const posted = await fetch(`${alertmanager.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        alert({ alertname: 'PostgresDown', severity: 'critical', pod: 'factsway-postgres-1', role: 'primary' }),
        alert({ alertname: 'DatabaseUnavailable', service: 'facts-service', severity: 'critical' }),
      ]),
    });
    expect(posted.status).toBe(200);

    let state: Record<string, string[]> = {};
    for (let i = 0; i < 50 && !(state['DatabaseUnavailable/facts-service/critical']?.length); i++) {
      await new Promise((r) => setTimeout(r, 100));
      state = await inhibitedBy();
    }
    expect(state['DatabaseUnavailable/facts-service/critical']).toHaveLength(1);
    expect(state['PostgresDown/undefined/critical']).toEqual([]);
  });

  it('silences the services\' database alerts for a primary outage only, never for a replica', async () => {
    const posted = await fetch(`${alertmanager.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        alert({ alertname: 'PostgresDown', severity: 'critical', environment: 'replica-case', pod: 'factsway-postgres-2', role: 'replica' }),
        alert({ alertname: 'DatabaseConnectionErrors', severity: 'critical', environment: 'replica-case', service: 'facts-service' }),
        alert({ alertname: 'PostgresDown', severity: 'critical', environment: 'primary-case', pod: 'factsway-postgres-1', role: 'primary' }),
        alert({ alertname: 'DatabaseConnectionErrors', severity: 'critical', environment: 'primary-case', service: 'facts-service' }),
      ]),
    });
    expect(posted.status).toBe(200);
    const state = async () => {
      const response = await fetch(`${alertmanager.url}/api/v2/alerts?filter=alertname="DatabaseConnectionErrors"`);
      const alerts = (await response.json()) as { labels: Record<string, string>; status: { inhibitedBy: string[] } }[];
      return Object.fromEntries(alerts.map((a) => [a.labels['environment'], a.status.inhibitedBy.length]));
    };
    let inhibited: Record<string, number> = {};
    for (let i = 0; i < 50 && !inhibited['primary-case']; i++) {
      await new Promise((r) => setTimeout(r, 100));
      inhibited = await state();
    }
    expect(inhibited).toEqual({ 'primary-case': 1, 'replica-case': 0 });
  });
});
