import { freePort } from '@factsway/dev-support';
import { LocalMonitoring, probedManifests, startLocalMonitoring, updateProbe } from '@factsway/monitoring';
import { NoCdnInvalidator, publishRelease, UpdateBucket } from '@factsway/release';
import { services } from '@factsway/service-catalog';
import { RunningUpdateOrigin, startUpdateOrigin } from '@factsway/update-origin';
import { startTestS3Server, TestS3Server, writeTestRelease } from '@factsway/update-path/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { instantQuery, waitFor, WebhookReceiver } from '../support';
import { printFigure } from './figures';

/**
 * The production signal of the update path, live: the real blackbox exporter probing the
 * manifests of the local update origin, Prometheus (1 s scrapes) with the committed alerts.yml,
 * Alertmanager with the production routing tree posting to a webhook here. Stopping the origin
 * must page UpdateManifestUnreachable (`for: 1m`); the time from stop to delivery is printed.
 */
const webhook = new WebhookReceiver();
let dir: string;
let s3: TestS3Server;
let origin: RunningUpdateOrigin | undefined;
let monitoring: LocalMonitoring;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'update-probe-drill-'));
  s3 = await startTestS3Server();
  const target = await s3.createBucket('updates');
  await writeTestRelease(join(dir, '1.0.0'), '1.0.0', ['windows', 'mac', 'linux']);
  await publishRelease({
    version: '1.0.0',
    artifactsDir: join(dir, '1.0.0'),
    channel: 'latest',
    bucket: new UpdateBucket(s3.client, target.bucket),
    invalidator: new NoCdnInvalidator(),
  });
  origin = await startUpdateOrigin({ bucket: target, port: 0, logger: pino({ level: 'silent' }) });
  // The rule files cover the whole catalog; the services are not running here (their alerts are ignored).
  const serviceTargets: Record<string, number> = {};
  for (const s of services) serviceTargets[s.name] = await freePort();
  monitoring = await startLocalMonitoring({
    workDir: dir,
    logsDir: dir,
    services: serviceTargets,
    updateOrigin: origin.port,
    ports: 'free',
    webhookUrl: await webhook.start(),
  });
}, 120_000);

afterAll(async () => {
  if (monitoring?.installed) await monitoring.stop();
  await origin?.close();
  await s3?.stop();
  await webhook.stop();
  rmSync(dir, { recursive: true, force: true });
});

const probeSuccess = async (prometheusUrl: string) =>
  (await instantQuery(prometheusUrl, `probe_success{job="${updateProbe.job}"}`)).data?.result ?? [];

describe('the update manifest probe, live', () => {
  it('pages UpdateManifestUnreachable at the webhook when the update origin stops', async () => {
    if (!monitoring.installed) throw new Error(`local monitoring: ${monitoring.reason}`);
    expect(monitoring.blackboxExporter).toBeDefined();
    const prometheusUrl = monitoring.prometheus.url;

    // Healthy first: each manifest probed, each a 200 with a version line.
    const healthy = await waitFor(
      'three successful manifest probes',
      async () => {
        const result = await probeSuccess(prometheusUrl);
        return result.length === 3 && result.every((r) => r.value[1] === '1') && result;
      },
      60_000,
    );
    expect(healthy.map((r) => r.metric['instance']).sort()).toEqual(
      probedManifests().map((name) => `http://127.0.0.1:${origin!.port}/${name}`).sort(),
    );
    expect(webhook.find('firing', { alertname: 'UpdateManifestUnreachable' })).toEqual([]);

    const stoppedAt = Date.now();
    await origin!.close();
    origin = undefined;

    const [page] = await waitFor(
      'UpdateManifestUnreachable at the webhook',
      () => {
        const delivered = webhook.find('firing', { alertname: 'UpdateManifestUnreachable' });
        return delivered.length > 0 && delivered;
      },
      150_000,
    );
    const seconds = (page.receivedAt - stoppedAt) / 1000;
    printFigure('update origin stopped to UpdateManifestUnreachable at the webhook', `${seconds.toFixed(1)} s (rule for: 1m, 1 s scrapes)`);
    expect(page.receiver).toBe('pagerduty-pages');
    expect(page.labels['severity']).toBe('critical');
    expect(page.labels['instance']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/latest(-mac|-linux)?\.yml$/);
    expect(page.annotations['runbook_url']).toMatch(/UpdateManifestUnreachable\.md$/);
  }, 240_000);
});
