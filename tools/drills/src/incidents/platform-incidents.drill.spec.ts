import { ensureLocalDatabase, stopLocalDatabase } from '@factsway/database';
import { LocalPlatform } from '@factsway/local-platform';
import { serviceId, services } from '@factsway/service-catalog';
import { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { startPlatformAlertingTo, stopChild, waitFor, WebhookReceiver } from '../support';
import { printFigure } from './figures';
import { isRunning, readProcessRecipe, startFromRecipe } from './process-recipe';
import { WriteLoad } from './write-load';

/**
 * Drills 1 and 2 of docs/operations/incident-response.md on the local platform (the
 * eight services from their bundles, the embedded PostgreSQL, Prometheus and
 * Alertmanager with the production rules and routing, posting to a webhook here):
 * a service killed with SIGKILL under writes, then PostgreSQL stopped and started
 * under writes. Both count every write a client saw acknowledged against the database.
 */
const victim = 'records';
const victimId = serviceId(victim);
// A client waits this long; the service's own database timeouts (5 s to connect) are well inside it.
const clientTimeoutMs = 15_000;

let dataDir: string;
let platform: LocalPlatform;
const webhook = new WebhookReceiver();
let platformReport: string[] = [];
/** A signed-in user of firm-a: the writes carry its token, as the desktop app's do. */
let authorization: Record<string, string> = {};
let restarted: ChildProcess | undefined;
let load: WriteLoad | undefined;

const serviceUrl = (name: string) => `http://127.0.0.1:${platform.ports.services[name]}`;
const ready = async (name: string) => {
  try {
    return (await fetch(`${serviceUrl(name)}/ready`, { signal: AbortSignal.timeout(3000) })).status === 200;
  } catch {
    return false;
  }
};

/** Which acknowledged ids the database holds. */
async function storedOf(ids: string[]): Promise<Set<string>> {
  const db = new Client({ connectionString: platform.databaseUrl });
  await db.connect();
  try {
    const rows = (await db.query('select id from cases where id = any($1)', [ids])).rows as { id: string }[];
    return new Set(rows.map((r) => r.id));
  } finally {
    await db.end();
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

beforeAll(async () => {
  const webhookUrl = await webhook.start();
  ({ platform, dataDir, report: platformReport, authorization } = await startPlatformAlertingTo(webhookUrl, 'incident-drills-'));
  if (!platform.endpoints.some((e) => e.name === 'alertmanager' && e.url.startsWith('http'))) {
    throw new Error('the local platform ran without Prometheus/Alertmanager: apt-get install -y prometheus prometheus-alertmanager');
  }
  load = new WriteLoad(() => `${serviceUrl(victim)}/api/cases`, (n) => ({ title: `Drill v. Incident ${n}`, court: 'Drill Court' }), clientTimeoutMs, authorization);
}, 240_000);

afterAll(async () => {
  await load?.stop();
  await stopChild(restarted);
  await platform?.stop();
  await webhook.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

describe('incident drills on the local platform', () => {
  it(`drill 1: ${victimId} killed with SIGKILL under writes pages ServiceDown, comes back, and loses no acknowledged write`, async () => {
    load?.start(4);
    await waitFor('acknowledged writes', () => (load?.acknowledged().length ?? 0) >= 20, 30_000);

    // A single crash: the supervisor (Kubernetes, locally the platform runner) restarts it.
    const firstPid = platform.pidOf(victimId) as number;
    const recipe = readProcessRecipe(firstPid);
    const crashedAt = Date.now();
    process.kill(firstPid, 'SIGKILL');
    const backAfterCrash = await waitFor('a write acknowledged after the crash', () => load?.since(crashedAt + 1).find((o) => o.id), 60_000);
    const crashRecoveryMs = backAfterCrash.startedAt + backAfterCrash.ms - crashedAt;

    // Let Prometheus scrape it healthy a few times, so the alert below counts from the crash loop alone.
    await new Promise((resolve) => setTimeout(resolve, 5000));

    // A crash loop: every restart is killed until the supervisor gives up, so the service stays down.
    const downAt = Date.now();
    const gaveUp = () => platformReport.some((line) => line.startsWith(`${victimId} exited`) && line.includes('not restarting'));
    await waitFor(
      `the supervisor to give up on ${victimId}`,
      () => {
        const pid = platform.pidOf(victimId);
        if (pid && isRunning(pid)) process.kill(pid, 'SIGKILL');
        return gaveUp();
      },
      90_000,
      50,
    );
    const page = await waitFor(`ServiceDown for ${victimId} at the webhook`, () => webhook.find('firing', { alertname: 'ServiceDown', service: victimId })[0], 180_000, 250);
    expect(page.receiver).toBe('pagerduty-pages');
    expect(page.labels['severity']).toBe('critical');

    // The operator starts it again (Kubernetes: the fixed Deployment rolls out).
    const restartedAt = Date.now();
    restarted = startFromRecipe(recipe);
    await waitFor(`${victimId} ready`, () => ready(victim), 60_000);
    const backAfterRestart = await waitFor('a write acknowledged after the restart', () => load?.since(restartedAt).find((o) => o.id), 30_000);
    const restartRecoveryMs = backAfterRestart.startedAt + backAfterRestart.ms - restartedAt;
    const resolved = await waitFor(`resolved ServiceDown for ${victimId}`, () => webhook.find('resolved', { alertname: 'ServiceDown', service: victimId })[0], 120_000, 250);

    await load?.stop();
    const acknowledged = load?.acknowledged() ?? [];
    const stored = await storedOf(acknowledged);
    const lost = acknowledged.filter((id) => !stored.has(id));
    const refused = load?.outcomes.filter((o) => o.status === 0).length ?? 0;
    expect(lost).toEqual([]);
    expect(load?.outcomes.filter((o) => o.status >= 500)).toEqual([]);

    printFigure('service crash: writes', `${acknowledged.length} acknowledged, ${stored.size} stored, ${lost.length} lost; ${refused} refused while the process was gone (never acknowledged)`);
    printFigure('service crash: one SIGKILL to writes acknowledged again (supervisor restart)', seconds(crashRecoveryMs));
    printFigure('service crash: crash loop start to ServiceDown at the webhook (time to detect; rule `for: 1m`)', seconds(page.receivedAt - downAt));
    printFigure('service crash: restart to ready and writing (time to recover)', seconds(restartRecoveryMs));
    printFigure('service crash: restart to resolved notification', seconds(resolved.receivedAt - restartedAt));
  }, 420_000);

  it('drill 2: PostgreSQL stopped and started under writes: 503 database_unavailable, no crash, no hang, no acknowledged write lost', async () => {
    load = new WriteLoad(() => `${serviceUrl(victim)}/api/cases`, (n) => ({ title: `Outage v. Drill ${n}`, court: 'Drill Court' }), clientTimeoutMs, authorization);
    const pidsBefore = Object.fromEntries(services.map((s) => [s.name, s.name === victim ? restarted?.pid : platform.pidOf(serviceId(s.name))]));
    load.start(4);
    await waitFor('acknowledged writes', () => (load?.acknowledged().length ?? 0) >= 20, 30_000);

    const stoppedAt = Date.now();
    await stopLocalDatabase({ directory: join(dataDir, 'postgres') });
    await waitFor('writes refused while PostgreSQL is down', () => (load?.since(stoppedAt).filter((o) => o.status !== 201).length ?? 0) >= 8, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 5000)); // a few seconds of outage under load

    const startedAt = Date.now();
    await ensureLocalDatabase({ directory: join(dataDir, 'postgres'), port: platform.ports.postgres });
    const back = await waitFor('a write acknowledged after PostgreSQL started', () => load?.since(startedAt).find((o) => o.id), 60_000);
    const recoveryMs = back.startedAt + back.ms - startedAt;
    await waitFor('every service ready', async () => (await Promise.all(services.map((s) => ready(s.name)))).every(Boolean), 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await load.stop();

    const during = load.since(stoppedAt).filter((o) => o.startedAt < startedAt);
    const unavailable = load.outcomes.filter((o) => o.status === 503);
    const serverErrors = load.outcomes.filter((o) => o.status >= 500 && o.status !== 503);
    const hung = load.outcomes.filter((o) => o.error);
    const acknowledged = load.acknowledged();
    const stored = await storedOf(acknowledged);
    const lost = acknowledged.filter((id) => !stored.has(id));
    printFigure(
      'postgres restart: writes',
      `${acknowledged.length} acknowledged, ${stored.size} stored, ${lost.length} lost; ${unavailable.length} answered 503, ${serverErrors.length} answered another 5xx, ${hung.length} got no answer within ${clientTimeoutMs / 1000} s`,
    );
    printFigure('postgres restart: outage under load', `${seconds(startedAt - stoppedAt)}, ${during.length} writes sent meanwhile`);
    if (unavailable.length) printFigure('postgres restart: slowest 503', seconds(Math.max(...unavailable.map((o) => o.ms))));
    printFigure('postgres restart: PostgreSQL started to writes acknowledged (time to recover, no service restart)', seconds(recoveryMs));

    expect(serverErrors.map((o) => `${o.status} ${o.errorCode}`)).toEqual([]);
    expect(hung).toEqual([]);
    expect([...new Set(load.outcomes.map((o) => o.status))].sort()).toEqual([201, 503]);
    expect(unavailable.every((o) => o.errorCode === 'database_unavailable')).toBe(true);
    for (const s of services) {
      const pid = s.name === victim ? restarted?.pid : platform.pidOf(serviceId(s.name));
      expect(pid).toBe(pidsBefore[s.name]); // nobody restarted
    }
    expect(lost).toEqual([]);
  }, 300_000);
});
