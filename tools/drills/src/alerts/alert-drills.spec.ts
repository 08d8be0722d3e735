import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureLocalDatabase, stopLocalDatabase } from '@factsway/database';
import { serviceId, services } from '@factsway/service-catalog';
import { LocalPlatform } from '@factsway/local-platform';
import {
  alertRuleGroups,
  dashboardQueries,
  monitoringFilePath,
  monitoringFiles,
  sloRecordingRules,
  startLocalMonitoring,
  withVariablesFilled,
} from '@factsway/monitoring';
import { instantQuery, loadedRules, startPlatformAlertingTo, stopChild, waitFor, WebhookReceiver } from '../support';
import { liveServiceProcesses, ProcessRecipe } from './service-processes';

/**
 * Live drills: the local platform (embedded PostgreSQL, the eight services, the update origin),
 * Prometheus with the local scrape config and the committed alerts.yml/recording-rules.yml,
 * Alertmanager with the production routing tree posting to a webhook in this test.
 */
const victim = 'signature';
const victimId = serviceId(victim);
const withTables = services.filter((s) => s.tables.length > 0).map((s) => s.name);
const timings: Record<string, number> = {};

let dataDir: string;
let platform: LocalPlatform;
let prometheusUrl: string;
let stopOwnMonitoring: (() => Promise<void>) | undefined;
const webhook = new WebhookReceiver();
let platformReport: string[] = [];
/** A signed-in user of firm-a: the traffic carries its token. */
let authorization: Record<string, string> = {};
let restarted: ChildProcess | undefined;
let probing: NodeJS.Timeout | undefined;

const serviceUrl = (name: string) => `http://127.0.0.1:${platform.ports.services[name]}`;
const readyStatus = async (name: string) => {
  try {
    return (await fetch(`${serviceUrl(name)}/ready`, { signal: AbortSignal.timeout(3000) })).status;
  } catch {
    return 0;
  }
};

beforeAll(async () => {
  const webhookUrl = await webhook.start();
  ({ platform, dataDir, report: platformReport, authorization } = await startPlatformAlertingTo(webhookUrl, 'alert-drills-'));
  const fromPlatform = platform.endpoints.find((e) => e.name === 'prometheus' && e.url.startsWith('http'));
  if (fromPlatform) {
    prometheusUrl = fromPlatform.url;
  } else {
    // The platform runs without its monitoring component: start the same stack here.
    const monitoring = await startLocalMonitoring({
      workDir: join(dataDir, 'monitoring'),
      logsDir: platform.logsDir,
      services: platform.ports.services,
      updateOrigin: platform.ports.updateOrigin,
      ports: 'free',
      webhookUrl,
    });
    if (!monitoring.installed) throw new Error(`Prometheus/Alertmanager ${monitoring.reason}`);
    prometheusUrl = monitoring.prometheus.url;
    stopOwnMonitoring = monitoring.stop;
  }
}, 240_000);

afterAll(async () => {
  if (probing) clearInterval(probing);
  await stopChild(restarted);
  await stopOwnMonitoring?.();
  await platform?.stop();
  await webhook.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write(
    `\nalert drill timings (ms): ${JSON.stringify(timings, null, 2)}\n` +
      `webhook deliveries: ${webhook.alerts.map((a) => `${a.status} ${a.labels['alertname']}{service=${a.labels['service']}} via ${a.receiver}`).join('; ')}\n`,
  );
}, 120_000);

describe('alert drills against the local platform', () => {
  it('runs every dashboard and rule expression without error, with RED data for all eight services', async () => {
    for (const s of services) {
      const path = s.publicPaths[0];
      for (let i = 0; i < 10; i++) await fetch(`${serviceUrl(s.name)}${path}`, { headers: authorization }).then((r) => r.arrayBuffer());
    }
    await waitFor(
      'request counters of all eight services in Prometheus',
      async () => {
        const result = await instantQuery(prometheusUrl, 'count by (service) (http_requests_total{route!~"/metrics|/health|/ready"})');
        return (result.data?.result.length ?? 0) >= services.length;
      },
      30_000,
    );
    // A few more scrapes so 1m rates have two samples after the traffic.
    await new Promise((r) => setTimeout(r, 3000));

    const dashboard = JSON.parse(readFileSync(monitoringFilePath(monitoringFiles.dashboard), 'utf8'));
    const queries = [
      ...dashboardQueries(dashboard).map((q) => ({ from: `${q.row} / ${q.panel}`, expr: withVariablesFilled(q.expr) })),
      ...alertRuleGroups(services).flatMap((g) => g.rules.map((r) => ({ from: `alert ${r.alert}`, expr: r.expr }))),
      ...sloRecordingRules(services).flatMap((g) => g.rules.map((r) => ({ from: `record ${r.record}`, expr: r.expr }))),
    ];
    const failures: string[] = [];
    for (const q of queries) {
      const result = await instantQuery(prometheusUrl, q.expr);
      if (result.status !== 'success') failures.push(`${q.from}: ${result.error}`);
    }
    expect(failures).toEqual([]);
    expect(queries.length).toBeGreaterThan(100);

    const red = dashboardQueries(dashboard).filter((q) => /-service (requests|errors|duration)$/.test(q.panel));
    expect(red).toHaveLength(services.length * 5);
    const empty: string[] = [];
    for (const q of red) {
      const result = await instantQuery(prometheusUrl, withVariablesFilled(q.expr));
      if (!result.data?.result.length) empty.push(`${q.panel}: ${q.expr}`);
    }
    expect(empty).toEqual([]);

    const unhealthy = (await loadedRules(prometheusUrl)).filter((r) => r.health === 'err');
    expect(unhealthy).toEqual([]);
  }, 120_000);

  it(`delivers ServiceDown for ${victimId} when it is killed, and the resolved notice when it is restarted`, async () => {
    const [recipe] = liveServiceProcesses(platform.pids(), victimId);
    expect(recipe).toBeDefined();

    // Kill it, and every restart the platform's supervisor makes, until the supervisor gives up.
    const killedAt = Date.now();
    const gaveUp = () => platformReport.some((line) => line.startsWith(`${victimId} exited`) && line.includes('not restarting'));
    await waitFor(
      `the supervisor to give up on ${victimId}`,
      () => {
        for (const p of liveServiceProcesses(platform.pids(), victimId)) process.kill(p.pid, 'SIGKILL');
        return gaveUp();
      },
      60_000,
      50,
    );
    const downForGoodAt = Date.now();
    expect(await readyStatus(victim)).toBe(0);

    const [page] = await waitFor(
      `ServiceDown for ${victimId} at the webhook`,
      () => {
        const found = webhook.find('firing', { alertname: 'ServiceDown', service: victimId });
        return found.length > 0 && found;
      },
      150_000,
    );
    timings['killToServiceDownWebhook'] = page.receivedAt - killedAt;
    timings['lastRestartKilledToServiceDownWebhook'] = page.receivedAt - downForGoodAt;
    expect(page.receiver).toBe('pagerduty-pages');
    expect(page.labels['severity']).toBe('critical');
    expect(page.annotations['runbook_url']).toMatch(/\/docs\/runbooks\/ServiceDown\.md$/);
    expect(webhook.alerts.filter((a) => a.labels['alertname'] === 'ServiceDown' && a.labels['service'] !== victimId)).toEqual([]);

    const restartedAt = Date.now();
    restarted = restart(recipe);
    await waitFor(`${victimId} ready again`, async () => (await readyStatus(victim)) === 200, 30_000);
    const resolved = await waitFor(
      `resolved ServiceDown for ${victimId}`,
      () => webhook.find('resolved', { alertname: 'ServiceDown', service: victimId })[0],
      60_000,
    );
    timings['restartToResolvedWebhook'] = resolved.receivedAt - restartedAt;
  }, 300_000);

  it('answers 503 on /ready and delivers DatabaseConnectionErrors while PostgreSQL is stopped, and recovers without restarts', async () => {
    const before = Object.fromEntries(services.map((s) => [s.name, pidsOf(s.name)]));
    for (const s of services) expect(before[s.name]).toHaveLength(1);
    // Kubernetes probes /ready every few seconds; so does this drill.
    probing = setInterval(() => services.forEach((s) => void readyStatus(s.name)), 1000);

    const stoppedAt = Date.now();
    await stopLocalDatabase({ directory: join(dataDir, 'postgres') });
    await waitFor(
      '/ready to answer 503 in every service that owns tables',
      async () => (await Promise.all(withTables.map(readyStatus))).every((status) => status === 503),
      30_000,
    );
    const body = (await (await fetch(`${serviceUrl('records')}/ready`)).json()) as { error: { code: string } };
    expect(body.error.code).toBe('database_unavailable');
    expect(await readyStatus('export')).toBe(200); // owns no tables

    const first = await waitFor(
      'DatabaseConnectionErrors at the webhook',
      () => webhook.find('firing', { alertname: 'DatabaseConnectionErrors' })[0],
      240_000, // the rule's `for: 2m` plus scrapes, evaluation and group_wait
    );
    timings['postgresStopToDatabaseConnectionErrorsWebhook'] = first.receivedAt - stoppedAt;
    expect(first.receiver).toBe('pagerduty-pages');
    expect(withTables.map(serviceId)).toContain(first.labels['service']);
    await waitFor(
      'DatabaseConnectionErrors for every service that owns tables',
      () => withTables.every((name) => webhook.find('firing', { alertname: 'DatabaseConnectionErrors', service: serviceId(name) }).length > 0),
      60_000,
    );
    timings['postgresStopToAllDatabaseConnectionErrorsWebhooks'] = Date.now() - stoppedAt;
    expect(webhook.find('firing', { alertname: 'DatabaseConnectionErrors', service: serviceId('export') })).toEqual([]);

    const startedAt = Date.now();
    await ensureLocalDatabase({ directory: join(dataDir, 'postgres'), port: platform.ports.postgres });
    await waitFor(
      'every service ready again',
      async () => (await Promise.all(services.map((s) => readyStatus(s.name)))).every((status) => status === 200),
      60_000,
    );
    timings['postgresStartToAllServicesReady'] = Date.now() - startedAt;
    for (const s of services) expect(pidsOf(s.name)).toEqual(before[s.name]);
  }, 480_000);
});

/** Pids of the live processes of a service: the platform's, or the one this drill restarted. */
function pidsOf(name: string): number[] {
  const pids = [...platform.pids(), ...(restarted?.pid ? [restarted.pid] : [])];
  return liveServiceProcesses(pids, serviceId(name)).map((p) => p.pid);
}

/** Starts a killed service again exactly as it ran (same command, environment and directory). */
function restart(recipe: ProcessRecipe): ChildProcess {
  const [command, ...args] = recipe.argv;
  return spawn(command, args, { cwd: recipe.cwd, env: recipe.env, stdio: 'ignore' });
}
