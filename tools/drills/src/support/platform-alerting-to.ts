import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalPlatform, requestToken, startLocalPlatform } from '@factsway/local-platform';

export interface DrillPlatform {
  platform: LocalPlatform;
  /** The platform's data directory; the drill removes it when done. */
  dataDir: string;
  /** What the platform reported while starting, for a failure message. */
  report: string[];
  /** `authorization` header with a token of demo firm `firm-a` from the platform's issuer (valid 1 h). */
  authorization: Record<string, string>;
}

/**
 * The local platform on free ports in a fresh data directory, its Alertmanager posting to
 * `webhookUrl` (the drill's receiver). ALERT_WEBHOOK_URL is set only while the platform starts.
 */
export async function startPlatformAlertingTo(webhookUrl: string, dataDirPrefix: string): Promise<DrillPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as the `postgres` user when we are root
  const report: string[] = [];
  const previous = process.env['ALERT_WEBHOOK_URL'];
  process.env['ALERT_WEBHOOK_URL'] = webhookUrl;
  try {
    const platform = await startLocalPlatform({
      ports: 'free',
      dataDir,
      logLevel: 'warn',
      readyTimeoutMs: 120_000,
      report: (line) => report.push(line),
    });
    const token = await requestToken(`http://127.0.0.1:${platform.ports.issuer}`, 'firm-a').catch(async (error: unknown) => {
      await platform.stop();
      throw error;
    });
    return { platform, dataDir, report, authorization: { authorization: `Bearer ${token}` } };
  } finally {
    if (previous === undefined) delete process.env['ALERT_WEBHOOK_URL'];
    else process.env['ALERT_WEBHOOK_URL'] = previous;
  }
}
